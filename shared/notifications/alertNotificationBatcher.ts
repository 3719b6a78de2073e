import type { SyncConnectionState } from '../contract/apiTypes';
import { DEFAULT_CRM_SETTINGS } from '../contract/defaultCrmSettings';
import type { AlertType } from '../domain/alerts';
import {
  isWithinQuietHours,
  localTimeZone,
  planCatchUpSummary,
  planNotification,
  shouldNotify,
  type CatchUpKind,
  type NotificationPreferences,
  type PlannedNotification,
  type RaisedAlert,
} from './planAlertNotifications';

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
  /** The digest: at most one notification in this long, urgent ones aside (default 1 minute). */
  digestIntervalMs?: number;
  /** Opening the console counts as catching up for this long (default 10 s), and on while a sync run that began meanwhile goes on. */
  openingSettleMs?: number;
  /** Any catch-up ends after this long, whatever the sync says (default 10 minutes). */
  catchUpMaxMs?: number;
}

/** What the batcher needs to know of the sync status (`sync_status` events, `sync.status`). */
export interface SyncProgress {
  state: SyncConnectionState;
  lastSyncedAt: string | null;
}

export const DEFAULT_NOTIFICATION_DEBOUNCE_MS = 1500;
export const DEFAULT_NOTIFICATION_MAX_WAIT_MS = 5000;
export const DEFAULT_DIGEST_INTERVAL_MS = 60_000;
export const DEFAULT_OPENING_SETTLE_MS = 10_000;
export const DEFAULT_CATCH_UP_MAX_MS = 10 * 60_000;
/** Per-type limits count the alerts notified in the last hour. */
export const TYPE_LIMIT_WINDOW_MS = 60 * 60_000;

const defaultTimers: BatcherTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface CatchUp {
  kind: CatchUpKind;
  alerts: RaisedAlert[];
  ids: Set<string>;
  /** The opening's settle time has passed: it ends as soon as no sync run is going on. */
  settled: boolean;
  /** A first sync: the last sync time when it began (a connection to another platform keeps the old one); it ends when that changes. */
  syncedBefore: string | null;
  settleTimer: unknown;
  maxTimer: unknown;
}

/**
 * Turns `alerts_raised` events into notifications, calmly (issue 17):
 *
 * - **Preferences** decide per alert when it arrives: type on, priority at or above the threshold,
 *   outside quiet hours in the creator's zone, and under the type's hourly limit if it has one.
 * - **Urgent alerts** skip every wait: a VIP who just came online is worth a message this minute
 *   (issue 19 sets "on screen within a second"), so they are shown at once, on their own.
 * - **The digest**: everything else gathers (a burst is debounced as before) and is shown as one
 *   notification, at most one per `digestIntervalMs` — so a busy platform reaches the desktop once a
 *   minute with "5 new alerts", not five times.
 * - **Catch-up**: what the core raises while it catches up on the past — a first sync pulling the
 *   platform's history, or opening the console (the time it was closed, a first run) — is never
 *   announced alert by alert, urgent ones included: when the catch-up ends it becomes one summary
 *   ("37 alerts from before you connected"). The hosts say when it begins and feed the sync status;
 *   a first sync is recognised by itself (syncing, never synced before).
 */
export class AlertNotificationBatcher {
  private preferences: NotificationPreferences = DEFAULT_CRM_SETTINGS.notifications;
  private timeZone = localTimeZone();
  /** Gathered for the next digest. */
  private queued: RaisedAlert[] = [];
  /** A finished catch-up whose summary is the next digest. */
  private caughtUp: { kind: CatchUpKind; alerts: RaisedAlert[] } | null = null;
  /** Ids queued or caught up (and `catchUp.ids`), so an alert announced twice counts once. */
  private readonly pendingIds = new Set<string>();
  private catchUp: CatchUp | null = null;
  private syncing = false;
  private lastSyncState: SyncConnectionState | null = null;
  private timer: unknown = null;
  private firstQueuedAt = 0;
  private lastDigestAt: number | null = null;
  private readonly notifiedAtByType = new Map<AlertType, number[]>();
  private readonly timers: BatcherTimers;
  private readonly clock: () => number;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly digestIntervalMs: number;
  private readonly openingSettleMs: number;
  private readonly catchUpMaxMs: number;

  constructor(private readonly options: AlertNotificationBatcherOptions) {
    this.timers = options.timers ?? defaultTimers;
    this.clock = options.clock ?? Date.now;
    this.debounceMs = options.debounceMs ?? DEFAULT_NOTIFICATION_DEBOUNCE_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_NOTIFICATION_MAX_WAIT_MS;
    this.digestIntervalMs = options.digestIntervalMs ?? DEFAULT_DIGEST_INTERVAL_MS;
    this.openingSettleMs = options.openingSettleMs ?? DEFAULT_OPENING_SETTLE_MS;
    this.catchUpMaxMs = options.catchUpMaxMs ?? DEFAULT_CATCH_UP_MAX_MS;
  }

  /** The creator's notification settings and time zone (IANA); until called, the defaults and this machine's zone. */
  setPreferences(preferences: NotificationPreferences, timeZone: string | null): void {
    this.preferences = preferences;
    if (timeZone) this.timeZone = timeZone;
  }

  /** The catch-up under way, if any. */
  get catchingUp(): CatchUpKind | null {
    return this.catchUp?.kind ?? null;
  }

  /**
   * Starts a catch-up: alerts from now on are only counted until it ends. `opening` ends by itself
   * once `settleMs` (default `openingSettleMs`; null: only `endCatchUp`) has passed and no sync run
   * is going on; `first_sync` when the sync status says the first run is done. A first sync during
   * an opening turns it into a first sync.
   */
  beginCatchUp(kind: CatchUpKind, options: { settleMs?: number | null } = {}): void {
    if (this.catchUp) {
      if (kind === 'first_sync') this.catchUp.kind = 'first_sync';
      return;
    }
    const catchUp: CatchUp = { kind, alerts: [], ids: new Set(), settled: false, syncedBefore: null, settleTimer: null, maxTimer: null };
    catchUp.maxTimer = this.timers.setTimeout(() => this.endCatchUp(), this.catchUpMaxMs);
    const settleMs = options.settleMs === undefined ? this.openingSettleMs : options.settleMs;
    if (kind === 'opening' && settleMs !== null) {
      catchUp.settleTimer = this.timers.setTimeout(() => {
        catchUp.settleTimer = null;
        catchUp.settled = true;
        if (this.catchUp === catchUp && catchUp.kind === 'opening' && !this.syncing) this.endCatchUp();
      }, settleMs);
    }
    this.catchUp = catchUp;
  }

  /**
   * Ends the catch-up: what it gathered becomes one summary, shown as the next digest. With
   * `summarize: false` it was not a catch-up after all (a host that began one to be safe, then
   * learned otherwise): the alerts go the usual way, urgent ones at once.
   */
  endCatchUp(options: { summarize?: boolean } = {}): void {
    const ending = this.catchUp;
    if (!ending) return;
    this.catchUp = null;
    this.clearTimer(ending.settleTimer);
    this.clearTimer(ending.maxTimer);
    if (ending.alerts.length === 0) return;
    if (options.summarize === false) {
      this.add(ending.alerts);
      return;
    }
    for (const id of ending.ids) this.pendingIds.add(id);
    const now = this.clock();
    if (this.queued.length === 0 && this.caughtUp === null) this.firstQueuedAt = now;
    this.caughtUp = { kind: ending.kind, alerts: [...(this.caughtUp?.alerts ?? []), ...ending.alerts] };
    this.schedule(now, now);
  }

  /**
   * Every `sync_status` (and the status read at start): recognises a first sync — a run of a
   * workspace never synced, or the first run after connecting (`not_configured` → `syncing`; the
   * last sync time of an earlier connection is kept, so it alone cannot tell) — and when a
   * catch-up's sync run is over.
   */
  syncStatusChanged(status: SyncProgress): void {
    const previous = this.lastSyncState;
    this.lastSyncState = status.state;
    this.syncing = status.state === 'syncing';
    if (this.syncing && (status.lastSyncedAt === null || previous === 'not_configured') && this.catchUp?.kind !== 'first_sync') {
      this.beginCatchUp('first_sync');
      if (this.catchUp) this.catchUp.syncedBefore = status.lastSyncedAt;
      return;
    }
    const catchUp = this.catchUp;
    if (!catchUp) return;
    if (catchUp.kind === 'first_sync') {
      // Done once a run has completed since it began; a disconnect ends it too. An offline spell in the middle does not.
      const completed = status.lastSyncedAt !== null && status.lastSyncedAt !== catchUp.syncedBefore;
      if (completed || status.state === 'not_configured') this.endCatchUp();
    } else if (catchUp.settled && !this.syncing) {
      this.endCatchUp();
    }
  }

  add(alerts: readonly RaisedAlert[]): void {
    const now = this.clock();
    const wanted = alerts.filter(
      (alert) => !this.pendingIds.has(alert.id) && !this.catchUp?.ids.has(alert.id) && shouldNotify(alert, this.preferences, now, this.timeZone),
    );
    if (wanted.length === 0) return;
    if (this.catchUp) {
      for (const alert of wanted) this.catchUp.ids.add(alert.id);
      this.catchUp.alerts.push(...wanted);
      return;
    }
    const allowed = wanted.filter((alert) => this.takeTypeAllowance(alert.type, now));
    const plan = planNotification(allowed.filter((alert) => alert.priority === 'urgent'));
    if (plan) this.options.show(plan);
    const gathered = allowed.filter((alert) => alert.priority !== 'urgent');
    if (gathered.length === 0) return;
    if (this.queued.length === 0 && this.caughtUp === null) this.firstQueuedAt = now;
    for (const alert of gathered) this.pendingIds.add(alert.id);
    this.queued.push(...gathered);
    this.schedule(now, Math.min(now + this.debounceMs, this.firstQueuedAt + this.maxWaitMs));
  }

  /**
   * Shows the digest now: what is gathered, or a finished catch-up's summary with it (also used on
   * shutdown and by tests). Nothing is shown if quiet hours began while it waited: the alerts are on
   * the Alerts page.
   */
  flush(): void {
    this.clearTimer(this.timer);
    this.timer = null;
    const now = this.clock();
    const caughtUp = this.caughtUp;
    const plan = caughtUp ? planCatchUpSummary(caughtUp.kind, caughtUp.alerts, this.queued) : planNotification(this.queued);
    this.queued = [];
    this.caughtUp = null;
    this.pendingIds.clear();
    if (!plan || isWithinQuietHours(this.preferences.quietHours, now, this.timeZone)) return;
    this.lastDigestAt = now;
    this.options.show(plan);
  }

  dispose(): void {
    this.clearTimer(this.timer);
    this.timer = null;
    if (this.catchUp) {
      this.clearTimer(this.catchUp.settleTimer);
      this.clearTimer(this.catchUp.maxTimer);
    }
    this.catchUp = null;
    this.caughtUp = null;
    this.queued = [];
    this.pendingIds.clear();
  }

  /** The digest is due at `wantedAt`, but never sooner than a full interval after the last one. */
  private schedule(now: number, wantedAt: number): void {
    const due = Math.max(wantedAt, this.lastDigestAt === null ? wantedAt : this.lastDigestAt + this.digestIntervalMs);
    this.clearTimer(this.timer);
    this.timer = this.timers.setTimeout(() => this.flush(), Math.max(0, due - now));
  }

  /** Whether the type's hourly limit (if it has one) lets one more alert through; counts it if so. */
  private takeTypeAllowance(type: AlertType, now: number): boolean {
    const limit = this.preferences.typeLimits[type];
    if (limit === null) return true;
    const recent = (this.notifiedAtByType.get(type) ?? []).filter((at) => at > now - TYPE_LIMIT_WINDOW_MS);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.notifiedAtByType.set(type, recent);
    return allowed;
  }

  private clearTimer(handle: unknown): void {
    if (handle !== null) this.timers.clearTimeout(handle);
  }
}
