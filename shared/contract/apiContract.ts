import { z } from 'zod';
import type { AlertPage } from '../domain/alertPage';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../domain/alerts';
import type { AlertView } from '../domain/alertView';
import type { InboxEntry, InboxPage } from '../domain/inboxEntry';
import type { ModelQuality } from '../domain/modelQuality';
import { INBOX_VIEWS } from '../domain/segments';
import type {
  FollowUpAdded,
  FollowUpCancelled,
  NoteAdded,
  NoteDeleted,
  NoteEdited,
  SearchMatch,
  SnoozeState,
  SupporterNote,
  SupporterTags,
  TagCount,
  TagDeleted,
  TagRenamed,
} from '../domain/supporterMemory';
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
// Relationship memory (SPEC §13). Text limits here are generous bounds for the transport (2,000
// characters can be 4,000 UTF-16 units); the core counts characters and says what is wrong.
const noteId = z.string().min(1).max(200);
const followUpId = z.string().min(1).max(200);
const memoryText = z.string().min(1).max(8_000);
const tagText = z.string().min(1).max(200);
const isoTime = z.string().min(1).max(100);
const pageLimit = z.number().int().min(1).max(100).optional();
const pageOffset = z.number().int().min(0).max(10_000_000).optional();
/** An alert's place in newest-first order (`AlertCursor`): its creation time (ISO 8601) and id. */
const alertCursor = z.object({ createdAt: isoTime, id: alertId }).strict();
/** The Alerts page's type and priority filters; "all" (or leaving it out) does not narrow. */
const alertTypeFilter = z.enum(['all', ...ALERT_TYPES]);
const alertPriorityFilter = z.enum(['all', ...ALERT_PRIORITIES]);

export const apiContract = {
  'system.ping': request<{ pong: true }>()(noInput),
  'workspace.info': request<WorkspaceInfo>()(noInput),
  'workspace.stats': request<CacheStats>()(noInput),
  /** Deletes the demo data set aside when this workspace was connected to the platform. */
  'workspace.deleteDemo': request<{ deleted: number }>()(noInput),

  /** A page of the Now queue (`now`, SPEC §11) or of a tab (SPEC §5); `tag` narrows any of them, `allVips` lifts the VIP tab's cut. */
  'inbox.page': request<InboxPage>()(
    z
      .object({
        tab: z.enum(INBOX_VIEWS),
        limit: z.number().int().min(1).max(100).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        search: z.string().max(100).optional(),
        sort: z.enum(['default', 'chance_active', 'expected_tokens']).optional(),
        tag: tagText.optional(),
        allVips: z.boolean().optional(),
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
  /**
   * The Alerts page: open alerts matching the filters, newest first, `limit` (≤ 100) at a time after
   * the `before` cursor, with the counts of every open alert (not just the page).
   */
  'alerts.page': request<AlertPage>()(
    z
      .object({
        show: z.enum(['all', 'unread']).optional(),
        type: alertTypeFilter.optional(),
        priority: alertPriorityFilter.optional(),
        before: alertCursor.optional(),
        limit: pageLimit,
      })
      .strict(),
  ),
  /**
   * "Mark all read" on the Alerts page: every open unread alert matching the type and priority
   * filters, up to and including `upTo` (the newest alert the creator was shown), so an alert raised
   * after they looked stays unread. Returns how many it marked.
   */
  'alerts.markMatchingRead': request<{ marked: number }>()(
    z.object({ type: alertTypeFilter.optional(), priority: alertPriorityFilter.optional(), upTo: alertCursor }).strict(),
  ),

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
    // Any text: the core completes an address typed without a scheme and explains a bad one in plain words.
    z.object({ serverUrl: z.string().min(1).max(2000), token: z.string().min(1).max(4096) }).strict(),
  ),
  'sync.disconnect': request<SyncStatus>()(noInput),

  // Relationship memory (SPEC §13): one supporter at a time; a tag is never the target of an action.
  'notes.list': request<{ notes: SupporterNote[] }>()(z.object({ supporterId, limit: pageLimit, offset: pageOffset }).strict()),
  'notes.add': request<NoteAdded>()(z.object({ supporterId, text: memoryText }).strict()),
  'notes.edit': request<NoteEdited>()(z.object({ noteId, text: memoryText }).strict()),
  'notes.delete': request<NoteDeleted>()(z.object({ noteId }).strict()),
  'tags.add': request<SupporterTags>()(z.object({ supporterId, tag: tagText }).strict()),
  'tags.remove': request<SupporterTags>()(z.object({ supporterId, tag: tagText }).strict()),
  'tags.list': request<{ tags: TagCount[]; total: number }>()(z.object({ limit: pageLimit, offset: pageOffset }).strict()),
  /** `expectedSupporters`: the count the creator confirmed; a different count now is refused. */
  'tags.rename': request<TagRenamed>()(z.object({ tag: tagText, to: tagText, expectedSupporters: z.number().int().min(0).max(100_000_000) }).strict()),
  'tags.delete': request<TagDeleted>()(z.object({ tag: tagText, expectedSupporters: z.number().int().min(0).max(100_000_000) }).strict()),
  'followUps.add': request<FollowUpAdded>()(z.object({ supporterId, dueAt: isoTime, text: memoryText.optional() }).strict()),
  'followUps.cancel': request<FollowUpCancelled>()(z.object({ followUpId }).strict()),
  'snooze.set': request<SnoozeState>()(z.object({ supporterId, until: isoTime }).strict()),
  'snooze.cancel': request<SnoozeState>()(z.object({ supporterId }).strict()),
  /** Handles, note text and tags (SPEC §13): one page of inbox entries. */
  'search.supporters': request<{ total: number; entries: InboxEntry[]; matches: SearchMatch[] }>()(
    z.object({ text: z.string().min(1).max(200), limit: pageLimit, offset: pageOffset }).strict(),
  ),
} as const;

export type ApiContract = typeof apiContract;
export type ApiRequestName = keyof ApiContract;
export type ApiInput<Name extends ApiRequestName> = z.input<ApiContract[Name]['input']>;
export type ApiParsedInput<Name extends ApiRequestName> = z.output<ApiContract[Name]['input']>;
export type ApiOutput<Name extends ApiRequestName> = NonNullable<ApiContract[Name]['output']>;
