import type { AlertPriority, AlertType } from '../domain/alerts';
import type { ActionStatus, CrmActionType, ImpactBasis } from '../domain/crmActions';
import type { SegmentCounts, TabCounts } from '../domain/inboxEntry';

/** Output types of requests that have no home in `shared/domain`. */

export interface WorkspaceInfo {
  isDemo: boolean;
  creator: { handle: string; earnOn: boolean; timezone: string } | null;
  supporters: number;
  schemaVersion: number;
  engineVersion: number;
  lastSegmentationAt: string | null;
  dataDir: string;
  /** Set when a damaged cache was moved aside and rebuilt, so the console can explain it. */
  lastRecovery: { at: string; reason: string; movedTo: string } | null;
  /** Set when a damaged outbox (the queued actions) was salvaged into a fresh one. */
  lastOutboxRecovery: OutboxRecoveryReport | null;
  /** The demo data set aside when this workspace was connected to the platform (never synced); deletable. */
  setAsideDemo: SetAsideDemo | null;
}

export interface SetAsideDemo {
  at: string;
  path: string;
  supporters: number;
  /** Actions taken on demo supporters that were waiting when it was set aside: never sent. */
  unsentActions: number;
}

/** What salvaging a damaged `outbox.sqlite` kept and what it could not (docs/reliability.md). */
export interface OutboxRecoveryReport {
  at: string;
  reason: string;
  /** Where the damaged file was moved (`damaged/` in the workspace folder). */
  movedTo: string;
  /** Actions read back into the fresh outbox, whatever their status. */
  recovered: number;
  /** Of those, the ones still waiting to be sent. */
  waiting: number;
  /** Executed actions in the activity log that could not be read back; null when there was no activity log to compare with. */
  notRecovered: number | null;
}

export interface CacheStats {
  supporters: number;
  activities: number;
  streams: number;
  listings: number;
  quarantined: number;
  /** Quarantine entries dropped, oldest first, to keep the quarantine bounded (SPEC §1 v1.1). */
  quarantineDropped: number;
  outboxPending: number;
  contentHash: string;
}

export interface ImportSummary {
  applied: number;
  quarantined: number;
  droppedForbiddenFields: number;
}

export interface SegmentationSummary {
  computedAt: string;
  segments: SegmentCounts;
}

export interface TabCountsView {
  computedAt: string | null;
  counts: TabCounts;
}

/** The expected impact as the activity log keeps it with an action (its figures when it was taken). */
export interface RecordedImpact {
  conversionProbability: number;
  estimatedTokens: number;
  timeWindow: string;
  windowEndsAt: string | null;
}

/** An action's expected impact before it runs (SPEC §7, §12). */
export interface ExpectedImpact extends RecordedImpact {
  /** `formula`: §7 on this supporter's activity; `your_results`: blended with the creator's own closed actions of the type. */
  basis: ImpactBasis;
  /** How many actions of this type have a closed window (the `n` of SPEC §12), whichever basis is shown. */
  sampleSize: number;
}

export interface ActionResult {
  status: ActionStatus;
  reason?: string;
  /** A refusal that time will lift (the 24-hour repeat rule, the hourly limit): when the action can run again (ISO-8601 UTC). */
  availableAt?: string;
  expectedImpact: ExpectedImpact | null;
  actionId?: string;
}

/** Whether one action can run for one supporter now, and if not, why and when it can (`actions.availability`). */
export interface ActionAvailability {
  type: CrmActionType;
  available: boolean;
  /** Why not, in the creator's words; null when available. */
  reason: string | null;
  /** When a refusal lifts by itself (ISO-8601 UTC); null when available or when only a change of facts would lift it. */
  availableAt: string | null;
}

export interface SupporterActionAvailability {
  supporterId: string;
  actions: ActionAvailability[];
}

export interface ActivityLogEntry {
  id: string;
  supporterId: string;
  handle: string | null;
  type: CrmActionType;
  status: ActionStatus;
  reason: string | null;
  requestedAt: string;
  expectedImpact: RecordedImpact | null;
  outcomeTokens: number | null;
  outcomeMeasuredAt: string | null;
}

export interface SafetyLogEntry {
  id: number;
  at: string;
  kind: string;
  detail: string;
}

export interface CrmMetricsRow {
  type: CrmActionType;
  actions: number;
  converted: number;
  conversionRate: number | null;
  tokensAttributed: number;
  expectedTokens: number;
}

export interface CrmMetrics {
  days: 7 | 30;
  rows: CrmMetricsRow[];
}

export interface QuarantineSummary {
  total: number;
  /** Older entries dropped to keep the quarantine bounded; `total` and `byReason` count the kept ones. */
  dropped: number;
  byReason: { reason: string; count: number }[];
}

export type SyncConnectionState = 'not_configured' | 'online' | 'offline' | 'syncing' | 'needs_reconnect';

export interface SyncStatus {
  state: SyncConnectionState;
  serverUrl: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  pendingActions: number;
  /** Notes, tags, follow-ups and snoozes written here and not yet on the platform (docs/sync-protocol.md §9). */
  pendingMemoryChanges: number;
  quarantine: QuarantineSummary;
}

export interface AlertsRaisedEvent {
  alerts: { id: string; type: AlertType; priority: AlertPriority; supporterId: string; message: string }[];
}

/** Pushed from the core to every open window (no request/response). */
export type CoreEvent =
  | { kind: 'data_changed'; reason: 'import' | 'sync' | 'segmentation' | 'action' | 'alerts' | 'settings' | 'memory' }
  | { kind: 'alerts_raised'; payload: AlertsRaisedEvent }
  | { kind: 'sync_status'; payload: SyncStatus };
