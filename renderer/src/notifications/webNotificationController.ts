import type { AlertsRaisedEvent } from '../../../shared/contract/apiTypes';
import { AlertNotificationBatcher, type BatcherTimers, type SyncProgress } from '../../../shared/notifications/alertNotificationBatcher';
import type { CatchUpKind, NotificationPreferences, PlannedNotification } from '../../../shared/notifications/planAlertNotifications';
import type { AppRoute } from '../../../shared/routes/appRoute';
import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';

/** A Web Notification as the controller uses it (the browser's `Notification` fits). */
export interface WebNotificationLike {
  onclick: ((event: Event) => void) | null;
  onclose: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface WebNotificationApi {
  new (title: string, options?: { body?: string; tag?: string }): WebNotificationLike;
  readonly permission: NotificationPermission;
}

export interface WebNotificationControllerOptions {
  NotificationApi: WebNotificationApi;
  navigate(route: AppRoute): void;
  focus(): void;
  timers?: BatcherTimers;
  clock?: () => number;
}

export interface WebNotificationController {
  setPreferences(preferences: NotificationPreferences, creatorTimeZone: string | null): void;
  alertsRaised(payload: AlertsRaisedEvent): void;
  syncStatusChanged(status: SyncProgress): void;
  beginCatchUp(kind: CatchUpKind, options?: { settleMs?: number | null }): void;
  endCatchUp(options?: { summarize?: boolean }): void;
  catchingUp(): CatchUpKind | null;
  flush(): void;
  /** Notifications shown and not yet clicked or closed. */
  readonly kept: ReadonlySet<WebNotificationLike>;
  dispose(): void;
}

/**
 * The browser host's side of alert notifications: the same decision and batching as the Electron
 * shell (`shared/notifications`), shown through the Web Notifications API; a click focuses the tab
 * and opens the supporter (or the alerts page for a summary).
 */
export function createWebNotificationController(options: WebNotificationControllerOptions): WebNotificationController {
  const kept = new Set<WebNotificationLike>();
  const show = (plan: PlannedNotification) => {
    if (options.NotificationApi.permission !== 'granted') return;
    // The browser shows the body as plain text (it escapes markup itself); reordering and invisible characters are ours to neutralise.
    const notification = new options.NotificationApi(neutralizeDisplayText(plan.title), { body: neutralizeDisplayText(plan.body), tag: plan.alertIds.join(',').slice(0, 200) });
    kept.add(notification);
    const release = () => kept.delete(notification);
    notification.onclick = () => {
      release();
      options.focus();
      options.navigate(plan.route);
      notification.close();
    };
    notification.onclose = release;
    notification.onerror = release;
  };
  const batcher = new AlertNotificationBatcher({
    show,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    setPreferences: (preferences, timeZone) => batcher.setPreferences(preferences, timeZone),
    alertsRaised: (payload) => batcher.add(payload.alerts),
    syncStatusChanged: (status) => batcher.syncStatusChanged(status),
    beginCatchUp: (kind, catchUpOptions) => batcher.beginCatchUp(kind, catchUpOptions),
    endCatchUp: (endOptions) => batcher.endCatchUp(endOptions),
    catchingUp: () => batcher.catchingUp,
    flush: () => batcher.flush(),
    kept,
    dispose() {
      batcher.dispose();
      kept.clear();
    },
  };
}
