import { createHash } from 'node:crypto';
import type { ActionResult, AlertsRaisedEvent } from '../../../shared/contract/apiTypes';
import { ApiFailure } from '../../../shared/contract/apiResult';
import { ALERT_PRIORITIES } from '../../../shared/domain/alerts';
import type { AlertView } from '../../../shared/domain/alertView';
import { defaultActionEffects, type ActionEffects } from '../actions/actionEffects';
import { measureActionOutcomes, settleInterruptedActions } from '../actions/actionOutcomes';
import { ACTION_REPEAT_WINDOW_MS } from '../actions/actionRules';
import { averageSpendPerActiveWeek, estimatedTokensFor, EXPECTED_IMPACT_LOOKBACK_DAYS } from '../actions/expectedImpact';
import { runCrmAction } from '../actions/runCrmAction';
import type { ChangeObserver, CrmCore } from '../crmCore';
import { DAY_MS, MINUTE_MS } from '../engine/engineTime';
import type { SpendRow } from '../store/actionLogStore';
import type { InsertedActivities } from '../ingest/insertedActivities';
import type { AlertRecord, UnjudgedActivity } from '../store/alertStore';
import { alertMessage } from './alertMessage';
import {
  ALERT_RULES,
  alertCandidatesForRecord,
  renewalCandidate,
  RENEWAL_LOOKAHEAD_MS,
  VIP_ONLINE_MAX_MS,
  type AlertCandidate,
  type AlertDetail,
  type ListingFacts,
} from './alertRules';
import { loadSupporterTimeline, supporterMomentAt, timelineDetailFrom } from './loadSupporterTimeline';

/** At most this many alerts in one list or one `alerts_raised` event (SPEC §9: no list above 100 rows). */
export const ALERT_PAGE_LIMIT = 100;

export interface AlertEvaluation {
  /** Alerts stored by this evaluation (expired ones included). */
  stored: AlertRecord[];
  /** True when anything about alerts changed (new rows, or VIP alerts ended by going offline). */
  changed: boolean;
}

export interface AlertSweepResult {
  raised: number;
  outcomesMeasured: number;
}

function alertIdFor(dedupeKey: string): string {
  return `al_${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 24)}`;
}

/**
 * Stores a candidate unless its trigger already raised one or the cooldown (same type and supporter
 * within `alertCooldownMinutes` of it, either side) holds it back. The metadata is the supporter's
 * conversion probability right after the trigger and the expected-impact estimate at that moment.
 */
function storeCandidate(
  core: CrmCore,
  candidate: AlertCandidate,
  conversionProbability: number,
  now: number,
  cooldown: Cooldown,
  spendRows: SpendReader,
): AlertRecord | null {
  const store = core.stores.alerts;
  // A trigger that already raised its alert needs no lookup here: that alert is inside the
  // cooldown, or (cooldown 0) the insert's unique dedupe key turns the second one away.
  if (cooldown.holdsBack(candidate)) return null;
  const rule = ALERT_RULES[candidate.type];
  const spend = spendRows(candidate.supporterId, candidate.createdAt - EXPECTED_IMPACT_LOOKBACK_DAYS * DAY_MS, candidate.createdAt);
  const record: Omit<AlertRecord, 'readAt' | 'dismissedAt' | 'actedAt' | 'actionId'> = {
    id: alertIdFor(candidate.dedupeKey),
    dedupeKey: candidate.dedupeKey,
    type: candidate.type,
    supporterId: candidate.supporterId,
    priority: rule.priority,
    suggestedAction: rule.suggestedAction,
    detail: JSON.stringify(candidate.detail),
    conversionProbability,
    estimatedRevenue: estimatedTokensFor(conversionProbability, averageSpendPerActiveWeek(spend, candidate.createdAt)),
    timeWindow: rule.timeWindow,
    triggerActivityId: candidate.triggerActivityId,
    createdAt: candidate.createdAt,
    expiresAt: candidate.expiresAt,
    evaluatedAt: now,
    // Already expired when evaluated (old history): kept, but it raises no notification.
    notified: candidate.expiresAt === null || candidate.expiresAt > now ? 1 : 0,
  };
  if (!store.insert(record)) return null;
  cooldown.stored(candidate);
  return { ...record, readAt: null, dismissedAt: null, actedAt: null, actionId: null };
}

/** The cooldown (SPEC §8): no second alert of a type for a supporter within `ms` of one, either side. */
interface Cooldown {
  holdsBack(candidate: AlertCandidate): boolean;
  stored(candidate: AlertCandidate): void;
}

/** Asks the store for every candidate: for the few time-based alerts of a sweep. */
function storedCooldown(core: CrmCore, ms: number): Cooldown {
  return {
    holdsBack: (candidate) =>
      ms > 0 && core.stores.alerts.hasAlertWithin(candidate.supporterId, candidate.type, candidate.createdAt - ms, candidate.createdAt + ms),
    stored: () => undefined,
  };
}

/**
 * One supporter's cooldown while their new records are judged: their alerts since `earliest − ms`
 * (every candidate is created at or after `earliest`) are read once, on the first candidate, and
 * the ones stored meanwhile are added, instead of a query per candidate.
 */
function supporterCooldown(core: CrmCore, supporterId: string, earliest: number, ms: number): Cooldown {
  let known: { type: string; createdAt: number }[] | null = null;
  return {
    holdsBack(candidate) {
      if (ms <= 0) return false;
      known ??= core.stores.alerts.alertTimesAfter(supporterId, earliest - ms);
      return known.some((alert) => alert.type === candidate.type && alert.createdAt > candidate.createdAt - ms && alert.createdAt < candidate.createdAt + ms);
    },
    stored(candidate) {
      known?.push({ type: candidate.type, createdAt: candidate.createdAt });
    },
  };
}

/** A supporter's spend rows with `from` < at ≤ `to`, ordered by time (what expected impact reads). */
type SpendReader = (supporterId: string, from: number, to: number) => SpendRow[];

/**
 * Reads a supporter's spend rows for expected impact once per supporter and evaluation: candidates
 * of one supporter come in time order, so the first read (the earliest window) covers the rest.
 */
function cachedSpendReader(core: CrmCore, now: number): SpendReader {
  let cached: { supporterId: string; from: number; rows: SpendRow[] } | null = null;
  return (supporterId, from, to) => {
    if (cached === null || cached.supporterId !== supporterId || from < cached.from) {
      cached = { supporterId, from, rows: core.stores.actionLog.spendRows(supporterId, from, Math.max(to, now)) };
    }
    // Rows come ordered by time: the window is one slice, found by two binary searches.
    const { rows } = cached;
    return rows.slice(firstIndexAfter(rows, from), firstIndexAfter(rows, to));
  };
}

/**
 * The spend reader of one supporter's judging: windows inside the loaded timeline are slices of
 * its rows; only the part of a window older than the timeline is read, once.
 */
function timelineSpendReader(core: CrmCore, supporterId: string, rows: readonly SpendRow[], detailFrom: number): SpendReader {
  let older: { from: number; rows: SpendRow[] } | null = null;
  return (_supporterId, from, to) => {
    const recent = rows.slice(firstIndexAfter(rows, from), firstIndexAfter(rows, to));
    if (from >= detailFrom) return recent;
    if (older === null || from < older.from) older = { from, rows: core.stores.actionLog.spendRows(supporterId, from, detailFrom - 1) };
    return [...older.rows.slice(firstIndexAfter(older.rows, from)), ...recent];
  };
}

/** Index of the first row with `at` > `time` in rows ordered by `at`; `rows.length` if none. */
function firstIndexAfter(rows: readonly { at: number }[], time: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rows[middle] as SpendRow).at > time) high = middle;
    else low = middle + 1;
  }
  return low;
}

function cooldownMs(core: CrmCore): number {
  return core.stores.settings.get().alertCooldownMinutes * MINUTE_MS;
}

/** New activity is judged in pages of this many rows, so even a sweep after a huge import holds one page at a time. */
const NEW_ACTIVITY_PAGE_ROWS = 50_000;

/** What judging records needs across supporters of one evaluation: settings and small caches. */
interface JudgingContext {
  core: CrmCore;
  now: number;
  cooldown: number;
  listingFacts: (listingId: string) => ListingFacts | null;
  result: AlertEvaluation;
}

/**
 * Judges every activity inserted since the last evaluation (up to `now`), supporter by supporter
 * and in time order, each on the supporter as they stood just before it. This reads raw activity
 * only, never the engine's derived scores, so it gives the same alerts whether the engine's
 * recompute of the same batch has run already or not: observer order does not matter.
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
    cooldown: cooldownMs(core),
    listingFacts: (listingId) => {
      if (!listingCache.has(listingId)) listingCache.set(listingId, store.listing(listingId));
      return listingCache.get(listingId) ?? null;
    },
    result: { stored: [], changed: false },
  };
  const waiting = store.waitingActivities(now);
  if (waiting.length > 0) {
    const stillWaiting = new Set(judgeActivities(context, waiting, null));
    store.removeWaiting(waiting.filter((row) => !stillWaiting.has(row.id)).map((row) => row.id));
  }
  const upTo = store.maxActivityRowid();
  const evaluated = store.evaluatedRowid();
  // After an applied batch the new rows are usually exactly the ones it inserted: no read-back.
  if (options.inserted?.coversExactly(evaluated, upTo) === true) {
    store.addWaiting(judgeActivities(context, options.inserted.rows, { afterRowid: evaluated, upToRowid: upTo }));
    store.setEvaluatedRowid(upTo);
    return context.result;
  }
  for (let cursor = evaluated; cursor < upTo; ) {
    const page = store.newActivities(cursor, upTo, options.pageRows ?? NEW_ACTIVITY_PAGE_ROWS);
    if (page === null) break;
    store.addWaiting(judgeActivities(context, page.rows, { afterRowid: cursor, upToRowid: page.lastRowid }));
    cursor = page.lastRowid;
  }
  store.setEvaluatedRowid(upTo);
  return context.result;
}

/**
 * Judges the rows that can be judged at `now`; returns the ids of those that must wait. `rowidRange`
 * says the rows are exactly that range of the table, so timelines take them from memory.
 */
function judgeActivities(context: JudgingContext, rows: readonly UnjudgedActivity[], rowidRange: { afterRowid: number; upToRowid: number } | null): string[] {
  const { core, now, result } = context;
  const store = core.stores.alerts;
  const mustWait: string[] = [];
  const bySupporter = new Map<string, UnjudgedActivity[]>();
  let earliestOffline = Number.POSITIVE_INFINITY;
  const goingOffline = new Set<string>();
  for (const row of rows) {
    if (row.at > now) {
      mustWait.push(row.id);
      continue;
    }
    if (row.type === 'presence' && row.online !== true) {
      earliestOffline = Math.min(earliestOffline, row.at);
      goingOffline.add(row.supporterId);
    }
    const list = bySupporter.get(row.supporterId);
    if (list) list.push(row);
    else bySupporter.set(row.supporterId, [row]);
  }
  // Going offline ends a running vip_online alert. Alerts raised in this evaluation already end at
  // the next offline record in their timeline, so only supporters with an earlier one need the write.
  const vipOnline =
    goingOffline.size > 0 ? store.supportersWithVipOnlineAfter([...goingOffline], earliestOffline, earliestOffline - VIP_ONLINE_MAX_MS) : new Set<string>();
  const supporters = store.supporters([...bySupporter.keys()]);
  for (const [supporterId, entries] of bySupporter) {
    const supporter = supporters.get(supporterId);
    if (supporter === undefined) {
      // The platform has not sent this supporter yet: judge their activity once it has.
      for (const entry of entries) mustWait.push(entry.id);
      continue;
    }
    const earliest = entries.reduce((min, entry) => Math.min(min, entry.at), Number.POSITIVE_INFINITY);
    const inHand = rowidRange === null ? undefined : { ...rowidRange, rows: entries };
    const timeline = loadSupporterTimeline(store, supporterId, supporter.fanClubActive, earliest, now, inHand);
    const spendRows = timelineSpendReader(core, supporterId, timeline.rows, timelineDetailFrom(earliest));
    const cooldown = supporterCooldown(core, supporterId, earliest, context.cooldown);
    const fresh = new Set(entries.map((entry) => entry.id));
    timeline.rows.forEach((row, index) => {
      if (!fresh.has(row.id)) return;
      const candidates = alertCandidatesForRecord(supporterId, timeline, index, context.listingFacts);
      if (candidates.length > 0) {
        const { conversionProbability } = timeline.after(index);
        for (const candidate of candidates) {
          const record = storeCandidate(core, candidate, conversionProbability, now, cooldown, spendRows);
          if (record) result.stored.push(record);
        }
      }
      if (row.type === 'presence' && row.online !== true && vipOnline.has(supporterId) && store.endVipOnline(supporterId, row.at) > 0) {
        result.changed = true;
      }
    });
  }
  if (result.stored.length > 0) result.changed = true;
  return mustWait;
}

/** Time-based alerts at `now`: fan club renewals due within 3 days, once per renewal date. */
export function raiseRenewalAlerts(core: CrmCore, now: number): AlertEvaluation {
  const store = core.stores.alerts;
  const cooldown = storedCooldown(core, cooldownMs(core));
  const stored: AlertRecord[] = [];
  const spendRows = cachedSpendReader(core, now);
  for (const supporter of store.renewalsDue(now, now + RENEWAL_LOOKAHEAD_MS)) {
    const candidate = renewalCandidate(supporter, now);
    if (!candidate || store.hasDedupeKey(candidate.dedupeKey)) continue;
    const { conversionProbability } = supporterMomentAt(store, supporter.id, supporter.fanClubActive, now);
    const record = storeCandidate(core, candidate, conversionProbability, now, cooldown, spendRows);
    if (record) stored.push(record);
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
  })();
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
        evaluation = core.db.transaction(() => evaluateNewActivity(core, core.clock(), { inserted: outcome.insertedActivities }))();
      } catch (error) {
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
      metadata: { conversionProbability: record.conversionProbability, estimatedRevenue: record.estimatedRevenue, timeWindow: record.timeWindow },
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
