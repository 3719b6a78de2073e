import { DEFAULT_CRM_SETTINGS } from '../contract/defaultCrmSettings';
import { localTimeZone, planNotification, shouldNotify, type NotificationPreferences, type PlannedNotification, type RaisedAlert } from './planAlertNotifications';

export interface BatcherTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AlertNotificationBatcherOptions {
  /** Shows one planned notification. */
  show(plan: PlannedNotification): void;
  timers?: BatcherTimers;
  clock?: () => number;
  /** Quiet time after the last alert of a burst before it is shown (default 1.5 s). */
  debounceMs?: number;
  /** A steady stream is still shown this long after its first alert (default 5 s). */
  maxWaitMs?: number;
}

export const DEFAULT_NOTIFICATION_DEBOUNCE_MS = 1500;
export const DEFAULT_NOTIFICATION_MAX_WAIT_MS = 5000;

const defaultTimers: BatcherTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Turns `alerts_raised` events into notifications: filters each alert by the creator's preferences
 * when it arrives (type on, priority at or above the threshold, outside quiet hours in the creator's
 * zone), then debounces, so a burst (a sync page, several events in a row) becomes one summary.
 * Urgent alerts skip the wait: a VIP who just came online is worth a message this minute (issue 19
 * sets "on screen within a second"), so they are shown at once, on their own, and the burst around
 * them keeps gathering.
 */
export class AlertNotificationBatcher {
  private preferences: NotificationPreferences = DEFAULT_CRM_SETTINGS.notifications;
  private timeZone = localTimeZone();
  private queued: RaisedAlert[] = [];
  private timer: unknown = null;
  private firstQueuedAt = 0;
  private readonly timers: BatcherTimers;
  private readonly clock: () => number;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: AlertNotificationBatcherOptions) {
    this.timers = options.timers ?? defaultTimers;
    this.clock = options.clock ?? Date.now;
    this.debounceMs = options.debounceMs ?? DEFAULT_NOTIFICATION_DEBOUNCE_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_NOTIFICATION_MAX_WAIT_MS;
  }

  /** The creator's notification settings and time zone (IANA); until called, the defaults and this machine's zone. */
  setPreferences(preferences: NotificationPreferences, timeZone: string | null): void {
    this.preferences = preferences;
    if (timeZone) this.timeZone = timeZone;
  }

  add(alerts: readonly RaisedAlert[]): void {
    const now = this.clock();
    const wanted = alerts.filter((alert) => shouldNotify(alert, this.preferences, now, this.timeZone) && !this.queued.some((queued) => queued.id === alert.id));
    const urgent = wanted.filter((alert) => alert.priority === 'urgent');
    const plan = planNotification(urgent);
    if (plan) this.options.show(plan);
    const gathered = wanted.filter((alert) => alert.priority !== 'urgent');
    if (gathered.length === 0) return;
    if (this.queued.length === 0) this.firstQueuedAt = now;
    this.queued.push(...gathered);
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstQueuedAt + this.maxWaitMs - now));
    this.timer = this.timers.setTimeout(() => this.flush(), delay);
  }

  /** Shows what is queued now (also used on shutdown and by tests). */
  flush(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const plan = planNotification(this.queued);
    this.queued = [];
    if (plan) this.options.show(plan);
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.queued = [];
  }
}
