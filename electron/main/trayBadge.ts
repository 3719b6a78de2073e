import type { ApiResult } from '../../shared/contract/apiResult';
import type { AlertView } from '../../shared/domain/alertView';

export interface TrayBadgeState {
  /** Unread urgent and high alerts that are still current. */
  count: number;
  /** At least this many (the list the count comes from is one page of 100). */
  atLeast: boolean;
  tooltip: string;
  /** For the dock/launcher badge; 0 clears it. */
  badgeCount: number;
}

const PAGE = 100;

/** The tray's tooltip and badge from one page of unread current alerts. */
export function trayBadgeState(unread: readonly Pick<AlertView, 'priority'>[]): TrayBadgeState {
  const count = unread.filter((alert) => alert.priority === 'urgent' || alert.priority === 'high').length;
  const atLeast = unread.length >= PAGE && count > 0;
  const shown = `${count}${atLeast ? '+' : ''}`;
  return {
    count,
    atLeast,
    tooltip: count === 0 ? 'Supporter CRM' : `Supporter CRM — ${shown} unread urgent/high alert${count === 1 && !atLeast ? '' : 's'}`,
    badgeCount: count,
  };
}

export interface TrayBadgeTargets {
  invoke(name: 'alerts.list', input: { unreadOnly: true }): Promise<ApiResult<unknown>>;
  tray: { setToolTip(text: string): void };
  /** `app.setBadgeCount` where the OS has a badge (macOS dock, Unity launcher). */
  setBadgeCount?(count: number): unknown;
}

/** Keeps the tray tooltip and the app badge in step with unread urgent/high alerts. */
export class TrayBadge {
  private last: TrayBadgeState = trayBadgeState([]);

  constructor(private readonly targets: TrayBadgeTargets) {}

  get state(): TrayBadgeState {
    return this.last;
  }

  async refresh(): Promise<TrayBadgeState> {
    const result = await this.targets.invoke('alerts.list', { unreadOnly: true });
    if (!result.ok) return this.last;
    const { alerts } = result.value as { alerts: AlertView[] };
    this.last = trayBadgeState(alerts);
    this.targets.tray.setToolTip(this.last.tooltip);
    this.targets.setBadgeCount?.(this.last.badgeCount);
    return this.last;
  }
}
