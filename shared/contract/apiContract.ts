import { z } from 'zod';
import type { AlertView } from '../domain/alertView';
import type { InboxPage } from '../domain/inboxEntry';
import type { ModelQuality } from '../domain/modelQuality';
import { INBOX_TABS } from '../domain/segments';
import type { SupporterProfile } from '../domain/supporterProfile';
import type {
  ActionResult,
  ActivityLogEntry,
  CacheStats,
  CrmMetrics,
  ExpectedImpact,
  SafetyLogEntry,
  SegmentationSummary,
  SupporterActionAvailability,
  SyncStatus,
  TabCountsView,
  WorkspaceInfo,
} from './apiTypes';
import { crmSettingsPatchSchema, type CrmSettings } from './crmSettings';

/**
 * The one API contract: every request the renderer, the CLI and the tests may send, declared once
 * with its input schema (validated at every transport's boundary) and its output type.
 */
interface RequestDefinition<Input extends z.ZodType, Output> {
  input: Input;
  /** Phantom: carries the output type only. */
  output?: Output;
}

function request<Output>() {
  return <Input extends z.ZodType>(input: Input): RequestDefinition<Input, Output> => ({ input });
}

const supporterId = z.string().min(1).max(200);
const alertId = z.string().min(1).max(200);
const noInput = z.object({}).strict();

export const apiContract = {
  'system.ping': request<{ pong: true }>()(noInput),
  'workspace.info': request<WorkspaceInfo>()(noInput),
  'workspace.stats': request<CacheStats>()(noInput),

  'inbox.page': request<InboxPage>()(
    z
      .object({
        tab: z.enum(INBOX_TABS),
        limit: z.number().int().min(1).max(100).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        search: z.string().max(100).optional(),
        sort: z.enum(['default', 'chance_active', 'expected_tokens']).optional(),
      })
      .strict(),
  ),
  'inbox.counts': request<TabCountsView>()(noInput),
  'segmentation.run': request<SegmentationSummary>()(noInput),

  'profile.get': request<SupporterProfile>()(z.object({ supporterId }).strict()),

  /** The customer-base models' quality report; `refit` fits them again first (otherwise they are refitted daily). */
  'model.quality': request<ModelQuality>()(z.object({ refit: z.boolean().optional() }).strict()),

  'alerts.list': request<{ alerts: AlertView[] }>()(
    z.object({ includeAll: z.boolean().optional(), unreadOnly: z.boolean().optional(), supporterId: supporterId.optional() }).strict(),
  ),
  'alerts.markRead': request<{ alert: AlertView }>()(z.object({ alertId }).strict()),
  'alerts.dismiss': request<{ alert: AlertView }>()(z.object({ alertId }).strict()),
  /** Undo of a dismissal (the panel's "Undo"): the alert is back as it was, unread if it was unread. */
  'alerts.undismiss': request<{ alert: AlertView }>()(z.object({ alertId }).strict()),
  /** "Mark all read": the alerts the creator is looking at (a page, at most 100), all or none. */
  'alerts.markAllRead': request<{ alerts: AlertView[] }>()(z.object({ alertIds: z.array(alertId).min(1).max(100) }).strict()),
  'alerts.act': request<ActionResult>()(z.object({ alertId }).strict()),

  /** `supporterId` is typed loosely on purpose: a list is refused by the core with a safety-log entry. */
  'actions.preview': request<ExpectedImpact>()(z.object({ supporterId, type: z.string().min(1).max(100) }).strict()),
  'actions.run': request<ActionResult>()(
    z
      .object({
        supporterId: z.union([supporterId, z.array(z.unknown()).max(10_000)]),
        type: z.string().min(1).max(100),
      })
      .strict(),
  ),
  /** Read-only: which actions each listed supporter's buttons may offer now, and when a refused one is available again. */
  'actions.availability': request<{ supporters: SupporterActionAvailability[] }>()(
    z.object({ supporterIds: z.array(supporterId).min(1).max(100) }).strict(),
  ),
  'actions.log': request<{ entries: ActivityLogEntry[] }>()(
    z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
  ),
  'actions.metrics': request<CrmMetrics>()(z.object({ days: z.union([z.literal(7), z.literal(30)]) }).strict()),
  'safety.log': request<{ entries: SafetyLogEntry[] }>()(
    z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
  ),

  'settings.get': request<CrmSettings>()(noInput),
  'settings.update': request<CrmSettings>()(crmSettingsPatchSchema),

  'sync.status': request<SyncStatus>()(noInput),
  'sync.now': request<SyncStatus>()(noInput),
  'sync.connect': request<SyncStatus>()(
    z.object({ serverUrl: z.string().url().max(2000), token: z.string().min(1).max(4096) }).strict(),
  ),
  'sync.disconnect': request<SyncStatus>()(noInput),
} as const;

export type ApiContract = typeof apiContract;
export type ApiRequestName = keyof ApiContract;
export type ApiInput<Name extends ApiRequestName> = z.input<ApiContract[Name]['input']>;
export type ApiParsedInput<Name extends ApiRequestName> = z.output<ApiContract[Name]['input']>;
export type ApiOutput<Name extends ApiRequestName> = NonNullable<ApiContract[Name]['output']>;
