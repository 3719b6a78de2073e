import type { ActionResult, AlertsRaisedEvent } from '../../../shared/contract/apiTypes';
import { ApiFailure } from '../../../shared/contract/apiResult';
import { ALERT_PRIORITIES } from '../../../shared/domain/alerts';
import type { AlertView } from '../../../shared/domain/alertView';
import { defaultActionEffects, type ActionEffects } from '../actions/actionEffects';
import { measureActionOutcomes, settleInterruptedActions } from '../actions/actionOutcomes';
import { ACTION_REPEAT_WINDOW_MS } from '../actions/actionRules';
import { runCrmAction } from '../actions/runCrmAction';
import type { ChangeObserver, CrmCore } from '../crmCore';
import { classifyDatabaseError } from '../db/classifyDatabaseError';
import { MINUTE_MS } from '../engine/engineTime';
import type { InsertedActivities } from '../ingest/insertedActivities';
import type { AlertRecord, UnjudgedActivity } from '../store/alertStore';
import { alertMessage } from './alertMessage';
import { renewalCandidate, RENEWAL_LOOKAHEAD_MS, type AlertDetail, type ListingFacts } from './alertRules';
import { alertEstimatedRevenue } from './alertEstimatedRevenue';
import { asStored, judgeRecords, newAlertRecord, type AlertEvaluation, type JudgingContext } from './judgeRecords';
import { supporterMomentAt } from './loadSupporterTimeline';

/** At most this many alerts in one list or one `alerts_raised` event (SPEC §9: no list above 100 rows). */
export const ALERT_PAGE_LIMIT = 100;

export type { AlertEvaluation } from './judgeRecords';

export interface AlertSweepResult {
  raised: number;
  outcomesMeasured: number;
}

function cooldownMs(core: CrmCore): number {
  return core.stores.settings.get().alertCooldownMinutes * MINUTE_MS;
}

/** New activity is judged in pages of this many rows, so even a sweep after a huge import holds one page at a time. */
const NEW_ACTIVITY_PAGE_ROWS = 50_000;

/**
 * Judges every activity inserted since the last evaluation (up to `now`), and every supporter whose
 * judged history changed (`alert_rejudge`), so that the stored alerts are those one ordered pass
 * over all records would raise, however the records were split into pages and in whatever order
 * they arrived (SPEC §8 v1.1; see `judgeRecords`). This reads raw activity and the alerts' own
 * judging state, never the engine's derived scores, so it gives the same alerts whether the
 * engine's recompute of the same batch has run already or not: observer order does not matter.
 *
 * New rows are found by rowid above the watermark (migration 6); rows that cannot be judged yet
 * (dated after `now`, or of a supporter not sent yet) wait in a small list for a later evaluation.
 */
export function evaluateNewActivity(
  core: CrmCore,
  now: number,
  options: { pageRows?: number; inserted?: InsertedActivities } = {},
): AlertEvaluation {
  const store = core.stores.alerts;
  const listingCache = new Map<string, ListingFacts | null>();
  const context: JudgingContext = {
    core,
    now,
    cooldownMs: cooldownMs(core),
    listingFacts: (listingId) => {
      if (!listingCache.has(listingId)) listingCache.set(listingId, store.listing(listingId));
      return listingCache.get(listingId) ?? null;
    },
    rejudge: store.rejudgeRequests(),
    result: { stored: [], changed: false },
  };
  // Records released from waiting are judged with the first batch, so a supporter's records of
  // both are judged in one pass (and in order) rather than one after the other.
  let released: UnjudgedActivity[] | null = store.waitingActivities(now);
  const judge = (rows: readonly UnjudgedActivity[], range: { afterRowid: number; upToRowid: number } | null, complete: boolean) => {
    const first = released ?? [];
    released = null;
    const mustWait = judgeRecords(context, { rows, range, released: first, complete });
    store.addWaiting(mustWait);
    if (first.length > 0) {
      const stillWaiting = new Set(mustWait);
      store.removeWaiting(first.filter((row) => !stillWaiting.has(row.id)).map((row) => row.id));
    }
  };
  const upTo = store.maxActivityRowid();
  const evaluated = store.evaluatedRowid();
  // After an applied batch the new rows are usually exactly the ones it inserted: no read-back.
  if (options.inserted?.coversExactly(evaluated, upTo) === true) {
    judge(options.inserted.rows, { afterRowid: evaluated, upToRowid: upTo }, true);
    store.setEvaluatedRowid(upTo);
    return context.result;
  }
  for (let cursor = evaluated; cursor < upTo; ) {
    const page = store.newActivities(cursor, upTo, options.pageRows ?? NEW_ACTIVITY_PAGE_ROWS);
    if (page === null) break;
    judge(page.rows, { afterRowid: cursor, upToRowid: page.lastRowid }, cursor === evaluated && page.lastRowid === upTo);
    cursor = page.lastRowid;
  }
  // Nothing new: records released from waiting and re-judge requests are still served.
  if (released !== null) judge([], null, true);
  store.setEvaluatedRowid(upTo);
  return context.result;
}

/** Time-based alerts at `now`: fan club renewals due within 3 days, once per renewal date. */
export function raiseRenewalAlerts(core: CrmCore, now: number): AlertEvaluation {
  const store = core.stores.alerts;
  const cooldown = cooldownMs(core);
  const stored: AlertRecord[] = [];
  for (const supporter of store.renewalsDue(now, now + RENEWAL_LOOKAHEAD_MS)) {
    const candidate = renewalCandidate(supporter, now);
    if (!candidate || store.hasDedupeKey(candidate.dedupeKey)) continue;
    // The cooldown (SPEC §8): no second renewal alert for the supporter within it, either side.
    if (cooldown > 0 && store.hasAlertWithin(supporter.id, candidate.type, now - cooldown, now + cooldown)) continue;
    const { conversionProbability } = supporterMomentAt(store, supporter.id, supporter.fanClubActive, now);
    const record = newAlertRecord({ candidate, conversionProbability }, now);
    if (store.insert(record)) stored.push(asStored(record));
  }
  return { stored, changed: stored.length > 0 };
}

/** The `alerts_raised` payload: newly raised alerts that are still live, most urgent first, at most 100. */
export function raisedEventPayload(core: CrmCore, records: readonly AlertRecord[]): AlertsRaisedEvent {
  const live = records.filter((record) => record.notified === 1);
  live.sort(
    (a, b) => ALERT_PRIORITIES.indexOf(a.priority) - ALERT_PRIORITIES.indexOf(b.priority) || b.createdAt - a.createdAt || a.id.localeCompare(b.id),
  );
  const timeZone = core.stores.workspace.creator()?.timezone ?? 'UTC';
  return {
    alerts: live.slice(0, ALERT_PAGE_LIMIT).map((record) => ({
      id: record.id,
      type: record.type,
      priority: record.priority,
      supporterId: record.supporterId,
      message: alertMessage(record.type, core.stores.alerts.supporter(record.supporterId)?.handle ?? null, parseDetail(record.detail), timeZone),
    })),
  };
}

function emitAlertEvents(core: CrmCore, records: readonly AlertRecord[], changed: boolean): void {
  const payload = raisedEventPayload(core, records);
  if (payload.alerts.length > 0) core.emit({ kind: 'alerts_raised', payload });
  if (changed) core.emit({ kind: 'data_changed', reason: 'alerts' });
}

/**
 * The hourly sweep (SPEC §9), also run by `alerts` on the CLI: judges activity that is still
 * waiting (records dated after the previous run's `now`, or an import without the observer),
 * raises time-based alerts, measures the outcome of actions whose window has closed and settles
 * actions an interruption left pending. Expiry needs no write: views compare `expiresAt` with now.
 */
export function runAlertSweep(core: CrmCore, now = core.clock(), effects?: ActionEffects): AlertSweepResult {
  const actionEffects = effects ?? defaultActionEffects(core);
  const { evaluation, outcomesMeasured } = core.db.transaction(() => {
    core.stores.alerts.dropOrphanedWaiting();
    const fromActivity = evaluateNewActivity(core, now);
    const renewals = raiseRenewalAlerts(core, now);
    return {
      evaluation: { stored: [...fromActivity.stored, ...renewals.stored], changed: fromActivity.changed || renewals.changed },
      outcomesMeasured: measureActionOutcomes(core, now),
    };
    // IMMEDIATE: a read-then-write transaction that began deferred could not wait for its lock upgrade (issue 16 item 4).
  }).immediate();
  settleInterruptedActions(core, actionEffects, now);
  emitAlertEvents(core, evaluation.stored, evaluation.changed || outcomesMeasured > 0);
  core.stores.meta.set('lastAlertSweepAt', String(now));
  return { raised: evaluation.stored.filter((record) => record.notified === 1).length, outcomesMeasured };
}

/** The alert service's name among the core's change observers. */
export const ALERTS_OBSERVER = 'alerts';

/**
 * Evaluates alerts after every applied batch, inside its transaction (so a page and its alerts
 * commit together), and announces them once the transaction has settled: only alerts that were
 * really committed are announced. `wrap` decorates the observer (the benchmark times it).
 */
export function installAlertService(core: CrmCore, wrap: (observer: ChangeObserver) => ChangeObserver = (observer) => observer): void {
  // Alerts stored by batches whose announcement is still to come (one microtask after the first of them).
  let deferred: { ids: Set<string>; changed: boolean } | null = null;
  core.addObserver(wrap({
    name: ALERTS_OBSERVER,
    afterBatch(outcome) {
      let evaluation: AlertEvaluation;
      try {
        // A savepoint: if evaluation fails, the page still applies and its activity stays queued for the sweep.
        // (Nested in the page's transaction, `immediate` is a savepoint like any other.)
        evaluation = core.db.transaction(() => evaluateNewActivity(core, core.clock(), { inserted: outcome.insertedActivities })).immediate();
      } catch (error) {
        // A full disk, damage or a lock is the page's failure too: SQLite may have undone the whole
        // page already, so nothing may go on as if it had applied (docs/reliability.md).
        if (classifyDatabaseError(error) !== null || !core.db.inTransaction) throw error;
        console.error(`alerts: evaluation failed and will be retried by the next sweep: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!evaluation.changed) return;
      let pending = deferred;
      if (!pending) {
        const created = { ids: new Set<string>(), changed: false };
        pending = created;
        deferred = created;
        queueMicrotask(() => {
          deferred = null;
          if (!core.db.open) return;
          const committed = [...created.ids].map((id) => core.stores.alerts.get(id)).filter((record): record is AlertRecord => record !== null);
          emitAlertEvents(core, committed, created.changed);
        });
      }
      for (const record of evaluation.stored) pending.ids.add(record.id);
      pending.changed = true;
    },
  }));
}

function parseDetail(text: string): AlertDetail {
  try {
    return JSON.parse(text) as AlertDetail;
  } catch {
    return {};
  }
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/** Alerts as the API shows them, with each message composed from the supporter's current handle. */
export function toAlertViews(core: CrmCore, records: readonly AlertRecord[], now: number): AlertView[] {
  const creator = core.stores.workspace.creator();
  const timeZone = creator?.timezone ?? 'UTC';
  const actionsAllowed = creator?.earnOn !== false;
  return records.map((record) => {
    const supporter = core.stores.alerts.supporter(record.supporterId);
    const live = record.dismissedAt === null && record.actedAt === null && (record.expiresAt === null || record.expiresAt > now);
    const actionable =
      live &&
      actionsAllowed &&
      supporter !== null &&
      !core.stores.actionLog.hasRecent(record.supporterId, record.suggestedAction, now - ACTION_REPEAT_WINDOW_MS, now);
    return {
      id: record.id,
      type: record.type,
      supporterId: record.supporterId,
      priority: record.priority,
      message: alertMessage(record.type, supporter?.handle ?? null, parseDetail(record.detail), timeZone),
      suggestedAction: record.suggestedAction,
      actionable,
      metadata: {
        conversionProbability: record.conversionProbability,
        estimatedRevenue: alertEstimatedRevenue(core.stores.alerts, record),
        timeWindow: record.timeWindow,
      },
      createdAt: new Date(record.createdAt).toISOString(),
      expiresAt: iso(record.expiresAt),
      readAt: iso(record.readAt),
      dismissedAt: iso(record.dismissedAt),
    };
  });
}

export function listAlerts(
  core: CrmCore,
  options: { includeAll?: boolean; unreadOnly?: boolean; supporterId?: string | null },
  now = core.clock(),
): AlertView[] {
  const records = core.stores.alerts.list({
    now,
    includeAll: options.includeAll === true,
    unreadOnly: options.unreadOnly === true,
    supporterId: options.supporterId ?? null,
    limit: ALERT_PAGE_LIMIT,
  });
  return toAlertViews(core, records, now);
}

function requireAlert(core: CrmCore, alertId: string): AlertRecord {
  const record = core.stores.alerts.get(alertId);
  if (!record) throw new ApiFailure('not_found', `There is no alert "${alertId.slice(0, 60)}".`);
  return record;
}

function viewOf(core: CrmCore, alertId: string, now: number): AlertView {
  return toAlertViews(core, [requireAlert(core, alertId)], now)[0] as AlertView;
}

export function markAlertRead(core: CrmCore, alertId: string, now = core.clock()): AlertView {
  requireAlert(core, alertId);
  core.stores.alerts.markRead(alertId, now);
  core.emit({ kind: 'data_changed', reason: 'alerts' });
  return viewOf(core, alertId, now);
}

export function dismissAlert(core: CrmCore, alertId: string, now = core.clock()): AlertView {
  requireAlert(core, alertId);
  core.stores.alerts.dismiss(alertId, now);
  core.emit({ kind: 'data_changed', reason: 'alerts' });
  return viewOf(core, alertId, now);
}

/** Runs the alert's suggested action for its supporter (one supporter, like every action). */
export function actOnAlert(core: CrmCore, alertId: string, now = core.clock(), effects?: ActionEffects): ActionResult {
  const record = requireAlert(core, alertId);
  const refuse = (reason: string): ActionResult => ({ status: 'rejected', reason, expectedImpact: null });
  if (record.dismissedAt !== null) return refuse('This alert was dismissed.');
  if (record.actedAt !== null) return refuse('You already acted on this alert.');
  if (record.expiresAt !== null && record.expiresAt <= now) return refuse('This alert has expired.');
  const result = runCrmAction(
    core,
    { supporterId: record.supporterId, type: record.suggestedAction, sourceAlertId: record.id },
    effects ? { now, effects } : { now },
  );
  if (result.status === 'executed') core.stores.alerts.markActed(alertId, now, result.actionId ?? null);
  else core.stores.alerts.markRead(alertId, now);
  core.emit({ kind: 'data_changed', reason: 'alerts' });
  return result;
}
