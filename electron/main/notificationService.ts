import type { AlertsRaisedEvent } from '../../shared/contract/apiTypes';
import { AlertNotificationBatcher, type AlertNotificationBatcherOptions, type SyncProgress } from '../../shared/notifications/alertNotificationBatcher';
import type { NotificationPreferences, PlannedNotification } from '../../shared/notifications/planAlertNotifications';
import { TEST_NOTIFICATION } from '../../shared/notifications/testNotification';
import type { AppRoute } from '../../shared/routes/appRoute';
import { escapeNotificationMarkup, neutralizeDisplayText } from '../../shared/text/neutralizeDisplayText';

/** An OS notification as the service needs it; Electron's `Notification` fits. */
export interface ShellNotification {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export interface ShellNotificationOptions {
  title: string;
  body: string;
  urgency?: 'normal' | 'critical' | 'low';
}

/** Electron's `Notification` class (passed in, so this file never imports `electron` and tests pass a fake). */
export interface ShellNotificationConstructor {
  new (options: ShellNotificationOptions): ShellNotification;
  isSupported?(): boolean;
}

export interface NotificationServiceOptions extends Omit<AlertNotificationBatcherOptions, 'show'> {
  Notification: ShellNotificationConstructor;
  /** The same router as `supportercrm://` deep links: it shows and focuses the window, buffering until it is ready. */
  router: { open(route: AppRoute): void };
  /** Re-creates the main window if the creator closed it (the app lives on in the tray). */
  showWindow?: () => void;
  /** `process.platform`: on Linux the notification server reads the body as markup, so it is escaped there. */
  platform?: string;
}

/**
 * OS notifications for smart alerts (SPEC §8) in the Electron shell. Preferences decide what is
 * shown; the shared batcher keeps it calm (urgent at once, everything else in at most one digest a
 * minute, a catch-up as one summary); a click opens the supporter's profile (a summary opens the
 * alerts page) through the deep-link router. Each notification is referenced until it is clicked
 * or closed, otherwise its click handler could be garbage-collected (the Signal Desktop lesson).
 */
export class NotificationService {
  private readonly kept = new Set<ShellNotification>();
  private readonly batcher: AlertNotificationBatcher;

  constructor(private readonly options: NotificationServiceOptions) {
    const { Notification: _notification, router: _router, showWindow: _showWindow, platform: _platform, ...batching } = options;
    this.batcher = new AlertNotificationBatcher({ ...batching, show: (plan) => this.show(plan) });
  }

  /**
   * The console is opening: what the core raises first (the sweep of the time it was closed, the
   * first sync run of the session) is summed up in one notification.
   */
  opening(): void {
    this.batcher.beginCatchUp('opening');
  }

  /** Handles the core's `sync_status` event (a first sync is summed up in one notification). */
  syncStatusChanged(status: SyncProgress): void {
    this.batcher.syncStatusChanged(status);
  }

  setPreferences(preferences: NotificationPreferences, creatorTimeZone: string | null): void {
    this.batcher.setPreferences(preferences, creatorTimeZone);
  }

  /** Handles the core's `alerts_raised` event. */
  alertsRaised(payload: AlertsRaisedEvent): void {
    if (this.options.Notification.isSupported?.() === false) return;
    this.batcher.add(payload.alerts);
  }

  /** Shows what a burst has queued so far without waiting for the debounce. */
  flush(): void {
    this.batcher.flush();
  }

  /** Whether the OS can show notifications (an Electron app needs no permission prompt of its own). */
  permission(): 'granted' | 'unsupported' {
    return this.options.Notification.isSupported?.() === false ? 'unsupported' : 'granted';
  }

  /** "Send a test notification" from Settings: shown at once, whatever the preferences and quiet hours; a click opens Settings. */
  sendTest(): 'granted' | 'unsupported' {
    const permission = this.permission();
    if (permission === 'granted') {
      this.show({ title: TEST_NOTIFICATION.title, body: TEST_NOTIFICATION.body, urgent: false, route: { page: 'settings' } });
    }
    return permission;
  }

  /** Notifications shown and not yet clicked or closed. */
  get keptNotifications(): readonly ShellNotification[] {
    return [...this.kept];
  }

  dispose(): void {
    this.batcher.dispose();
    this.kept.clear();
  }

  private show(plan: Pick<PlannedNotification, 'title' | 'body' | 'urgent' | 'route'>): void {
    const notification = new this.options.Notification({ ...shellNotificationText(plan, this.options.platform), urgency: plan.urgent ? 'critical' : 'normal' });
    this.kept.add(notification);
    const release = () => this.kept.delete(notification);
    notification.on('click', () => {
      release();
      this.options.showWindow?.();
      this.options.router.open(plan.route);
    });
    notification.on('close', release);
    notification.on('failed', release);
    notification.show();
  }
}

/**
 * What a notification shows: a supporter's handle inside an alert message is outside text, so
 * reordering and invisible characters are made visible (a handle `\u202Egnp.exe` never reads as
 * "exe.png"), and on Linux the body is escaped because the notification server reads it as markup
 * (`<b>` would turn bold, `&amp;` read as "&"). The title is plain text everywhere.
 */
export function shellNotificationText(plan: Pick<PlannedNotification, 'title' | 'body'>, platform: string | undefined): { title: string; body: string } {
  const body = neutralizeDisplayText(plan.body);
  return { title: neutralizeDisplayText(plan.title), body: platform === 'linux' ? escapeNotificationMarkup(body) : body };
}
