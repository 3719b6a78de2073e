import type { AlertPriority, AlertType } from '../domain/alerts';
import type { ActionStatus, CrmActionType } from '../domain/crmActions';
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
}

export interface CacheStats {
  supporters: number;
  activities: number;
  streams: number;
  listings: number;
  quarantined: number;
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

export interface ExpectedImpact {
  conversionProbability: number;
  estimatedTokens: number;
  timeWindow: string;
  windowEndsAt: string | null;
}

export interface ActionResult {
  status: ActionStatus;
  reason?: string;
  expectedImpact: ExpectedImpact | null;
  actionId?: string;
}

export interface ActivityLogEntry {
  id: string;
  supporterId: string;
  handle: string | null;
  type: CrmActionType;
  status: ActionStatus;
  reason: string | null;
  requestedAt: string;
  expectedImpact: ExpectedImpact | null;
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
  byReason: { reason: string; count: number }[];
}

export type SyncConnectionState = 'not_configured' | 'online' | 'offline' | 'syncing' | 'needs_reconnect';

export interface SyncStatus {
  state: SyncConnectionState;
  serverUrl: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  pendingActions: number;
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
