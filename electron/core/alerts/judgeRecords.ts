import { createHash } from 'node:crypto';
import type { AlertType } from '../../../shared/domain/alerts';
import type { CrmCore } from '../crmCore';
import type { AlertRecord, NewAlertRecord, StoredJudgingState, UnjudgedActivity } from '../store/alertStore';
import { isAfterFrontier, judgingStateAfter, timelineFromState, type AlertJudgingState, type LastAlertTimes } from './alertJudgingState';
import { decodeJudgingState, encodeJudgingState } from './alertJudgingStateBlob';
import {
  ALERT_RULES,
  DORMANT_REACTIVATION_MS,
  HOT_LEAD_ACTIVE_MS,
  SPENDING_SPIKE_MS,
  VIP_ONLINE_MAX_MS,
  type AlertCandidate,
  type ListingFacts,
} from './alertRules';
import { judgeSupporterTimeline, type JudgedAlert } from './judgeSupporterTimeline';
import { byTimeThenId, loadJudgedTimeline, type RowsInHand } from './loadSupporterTimeline';
import { planAlertReconcile } from './planAlertReconcile';
import type { SupporterTimeline, TimelineRow } from './supporterTimeline';

export interface AlertEvaluation {
  /** Alerts this evaluation announces: stored new (expired ones included; only live ones are announced). */
  stored: AlertRecord[];
  /** True when anything about alerts changed (new, moved or removed alerts, or VIP alerts ended by going offline). */
  changed: boolean;
}

/** What judging records needs across supporters of one evaluation: settings and small caches. */
export interface JudgingContext {
  core: CrmCore;
  now: number;
  cooldownMs: number;
  listingFacts: (listingId: string) => ListingFacts | null;
  /** Supporters whose judged history changed (deleted or updated activity) and the earliest time it changed; the first judging serves them. */
  rejudge: Map<string, number>;
  result: AlertEvaluation;
}

/** Unjudged records handed to one judging: a page of new rows (with its rowid range when it is exactly that range) and records released from waiting. */
export interface RecordsToJudge {
  rows: readonly UnjudgedActivity[];
  range: { afterRowid: number; upToRowid: number } | null;
  released: readonly UnjudgedActivity[];
  /** True when these are all the unjudged records there are (besides those still waiting for their time): not one page of several. */
  complete: boolean;
}

/** What judging reads of a supporter besides their records: that they exist, and their fan club flag (the +10 of SPEC §3). */
interface JudgedSupporter {
  id: string;
  fanClubActive: boolean;
}

export function alertIdFor(dedupeKey: string): string {
  return `al_${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 24)}`;
}

/**
 * Judges records so that the alerts stored for a supporter are always those one ordered pass over
 * all their records would raise (SPEC §8 v1.1), whatever the pages and the arrival order:
 * - the live case — every new record of the supporter comes after the frontier of their stored
 *   judging state — is judged from that state and the records judged since it was written (read
 *   back in one statement for all supporters): no older history is read;
 * - otherwise (a late record, a changed or deleted one, no state yet) the supporter is judged again
 *   from 2 hours before the earliest change (a `vip_online` alert that ends at a later offline
 *   record reaches back that far), and their stored alerts from there on are reconciled with the
 *   result (`planAlertReconcile`).
 * Returns the ids of records that must wait: dated after `now`, or of a supporter not sent yet.
 */
export function judgeRecords(context: JudgingContext, records: RecordsToJudge): string[] {
  const { core, now } = context;
  const store = core.stores.alerts;
  const mustWait: string[] = [];
  const fresh = new Map<string, UnjudgedActivity[]>();
  const inRange = new Map<string, UnjudgedActivity[]>();
  const waitingLater = new Set<string>();
  const take = (row: UnjudgedActivity, fromRange: boolean) => {
    if (row.at > now) {
      mustWait.push(row.id);
      waitingLater.add(row.id);
      if (fromRange) push(inRange, row.supporterId, row);
      return;
    }
    push(fresh, row.supporterId, row);
    if (fromRange) push(inRange, row.supporterId, row);
  };
  for (const row of records.released) take(row, false);
  for (const row of records.rows) take(row, records.range !== null);

  const rejudge = new Map(context.rejudge);
  context.rejudge.clear();
  const supporterIds = [...new Set([...fresh.keys(), ...rejudge.keys()])];
  if (supporterIds.length === 0) return mustWait;
  // A stored state speaks for its supporter as they are (it goes when they or their fan club flag
  // change), so only supporters without a readable one are looked up.
  const states = store.judgingStates(supporterIds);
  const judgedSupporters = new Map<string, JudgedSupporter>();
  const decoded = new Map<string, AlertJudgingState>();
  for (const [supporterId, stored] of states) {
    const state = readState(supporterId, stored);
    if (state === null) continue;
    judgedSupporters.set(supporterId, { id: supporterId, fanClubActive: stored.fanClubActive });
    // A state is rewritten only now and then (see `judgeLive`): what its supporter did since it was
    // written is read back, for every candidate of the live case in one statement.
    if (fresh.has(supporterId) && !rejudge.has(supporterId)) decoded.set(supporterId, state);
  }
  for (const supporter of store.supporters(supporterIds.filter((supporterId) => !judgedSupporters.has(supporterId))).values()) {
    judgedSupporters.set(supporter.id, { id: supporter.id, fanClubActive: supporter.fanClubActive });
  }
  // Every record judged since a state was written lies after its frontier's time (see `judgeLive`),
  // so the frontier's own (long cold) row is not read.
  const since = store.judgedRowsAfter(
    new Map([...decoded].map(([supporterId, state]) => [supporterId, state.frontierAt])),
    now,
    records.range ?? undefined,
  );
  const unjudged = new Set<string>();
  for (const row of records.rows) unjudged.add(row.id);
  for (const row of records.released) unjudged.add(row.id);
  for (const supporterId of supporterIds) {
    const rows = fresh.get(supporterId) ?? [];
    const changedFrom = rejudge.get(supporterId);
    const supporter = judgedSupporters.get(supporterId);
    if (supporter === undefined) {
      // Not sent yet: their records wait until they arrive, and a re-judge request of theirs stays
      // queued. A supporter the platform removed (their activity went with them) raises nothing.
      for (const row of rows) mustWait.push(row.id);
      if (rows.length === 0 && changedFrom !== undefined) forgetSupporter(context, supporterId, changedFrom);
      continue;
    }
    rows.sort(byTimeThenId);
    const state = decoded.get(supporterId);
    const first = rows[0];
    // Judged since the state was written: after its frontier, and not among the records judged now.
    const judgedSince = state === undefined ? [] : (since.get(supporterId) ?? []).filter((row) => !unjudged.has(row.id) && isAfterFrontier(state, row.at, row.id));
    judgedSince.sort(byTimeThenId);
    if (state !== undefined && first !== undefined && isAfterFrontier(state, first.at, first.id)) {
      judgeLive(context, supporter, state, judgedSince, rows);
    } else {
      const earliest = Math.min(first?.at ?? Number.POSITIVE_INFINITY, changedFrom ?? Number.POSITIVE_INFINITY);
      const range = records.range;
      const inHand: RowsInHand | undefined = range === null ? undefined : { ...range, rows: inRange.get(supporterId) ?? [] };
      // A late record of a supporter whose state covers exactly what was judged: the older history's aggregates come from it.
      const judged = state !== undefined && records.complete && state.frontierAt <= now ? { state, unjudged } : undefined;
      judgeExactly(context, supporter, earliest - VIP_ONLINE_MAX_MS, waitingLater, inHand, judged);
      if (changedFrom !== undefined) store.clearRejudgeRequest(supporterId, changedFrom);
    }
  }
  return mustWait;
}

function push(map: Map<string, UnjudgedActivity[]>, key: string, row: UnjudgedActivity): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}

/** A stored judging state, or null when it cannot be read (the supporter is then looked up, judged from raw activity and the state rewritten). */
function readState(supporterId: string, stored: StoredJudgingState): AlertJudgingState | null {
  try {
    return decodeJudgingState(supporterId, stored.frontierAt, stored.frontierId, stored.state);
  } catch {
    return null;
  }
}

/**
 * Records judged since a judging state was written before it is written again. A state is
 * rewritten when an alert is raised (its cooldown clock moved) or after this many records; in
 * between, the records judged since are read back with the new ones. Rewriting every touched
 * supporter's state on every page was a third of a page's cost (mostly the extra pages its
 * commit writes); reading a few recent records back costs little, as their pages are the ones
 * the page's own inserts just wrote.
 */
const STATE_REWRITE_RECORDS = 8;

/**
 * The live case: `rows` (sorted) all come after the state's frontier, so the state and the records
 * judged since it was written (`judgedSince`, sorted) are all the history they need. Some of the
 * records judged since may come after the first new one (it arrived late, but after the frontier):
 * they are judged again, in order among the new ones. That is exact because no record judged since
 * the state was written raised an alert (an alert rewrites the state), so there is nothing stored
 * to reconcile but a `vip_online` alert of before the frontier that the first offline record after
 * it ends, and the cooldown's clock is the state's.
 */
function judgeLive(context: JudgingContext, supporter: JudgedSupporter, state: AlertJudgingState, judgedSince: readonly TimelineRow[], rows: readonly UnjudgedActivity[]): void {
  const { core, result } = context;
  const store = core.stores.alerts;
  const first = rows[0] as UnjudgedActivity;
  // Records judged since the state that stay as judged (before the first new one), then the rest in order.
  const before = countBefore(judgedSince, first);
  const after = before === judgedSince.length ? rows : [...judgedSince.slice(before), ...rows].sort(byTimeThenId);
  const timeline = timelineFromState(state, before === 0 ? after : [...judgedSince.slice(0, before), ...after], supporter.fanClubActive);
  const lastAlertAt: LastAlertTimes = { ...state.lastAlertAt };
  const judged = judgeSupporterTimeline(supporter.id, timeline, state.rows.length + before, context.cooldownMs, lastAlertAt, context.listingFacts);
  // An offline record judged before the first new one has ended the state's open vip_online alert already.
  let openVipOnlineAt = judgedSince.slice(0, before).some(isOffline) ? null : state.openVipOnlineAt;
  if (openVipOnlineAt !== null) {
    // A vip_online alert of an earlier page ends when the supporter goes offline (at most 2 h after
    // it): at the first offline record from the first new one on, which may be one judged before
    // (then the alert ends there already and nothing changes).
    const offline = after.find(isOffline);
    if (offline !== undefined) {
      if (offline.at < openVipOnlineAt + VIP_ONLINE_MAX_MS && store.endVipOnline(supporter.id, offline.at) > 0) result.changed = true;
      openVipOnlineAt = null;
    }
  }
  if (judged.length > 0) {
    for (const alert of judged) {
      const record = insertAlert(context, newAlertRecord(alert, context.now));
      if (record !== null) result.stored.push(asStored(record));
    }
    openVipOnlineAt = openVipOnlineAfter(judged) ?? openVipOnlineAt;
    result.changed = true;
  }
  // Left unwritten, the state's clock and open vip_online alert stay right: only an alert moves the
  // one, and an open alert that ended stays ended whoever tries to end it again. A record at the
  // very instant of the frontier is written at once, so every record judged since lies after it.
  const atFrontier = first.at === state.frontierAt;
  if (judged.length > 0 || atFrontier || judgedSince.length + rows.length >= STATE_REWRITE_RECORDS) {
    saveState(context, supporter, judgingStateAfter(timeline, lastAlertAt, openVipOnlineAt));
  }
}

/** How many of the sorted `rows` come before `row` in (`at`, `id`) order. */
function countBefore(rows: readonly TimelineRow[], row: TimelineRow): number {
  let count = 0;
  while (count < rows.length && byTimeThenId(rows[count] as TimelineRow, row) < 0) count += 1;
  return count;
}

function isOffline(row: TimelineRow): boolean {
  return row.type === 'presence' && row.online !== true;
}

/**
 * The exact path: judges the supporter's whole history from `windowStart` on again, with the
 * cooldown's clock from the alerts stored before it, and reconciles their stored alerts from
 * `windowStart` on with the result.
 */
function judgeExactly(
  context: JudgingContext,
  supporter: JudgedSupporter,
  windowStart: number,
  waitingLater: ReadonlySet<string>,
  inHand: RowsInHand | undefined,
  judgedState: { state: AlertJudgingState; unjudged: ReadonlySet<string> } | undefined,
): void {
  const { core, now } = context;
  const store = core.stores.alerts;
  const timeline = loadJudgedTimeline(store, supporter.id, supporter.fanClubActive, windowStart, now, waitingLater, inHand, judgedState);
  const { lastAlertAt, inWindow } = storedAlertsAround(context, supporter.id, windowStart);
  const fromIndex = firstIndexAtOrAfter(timeline, windowStart);
  const judged = judgeSupporterTimeline(supporter.id, timeline, fromIndex, context.cooldownMs, lastAlertAt, context.listingFacts);
  reconcile(context, inWindow, judged.map((alert) => newAlertRecord(alert, now)));
  saveState(context, supporter, judgingStateAfter(timeline, lastAlertAt, openVipOnlineAfter(judged)));
}

/** A supporter the platform removed: their record alerts from `fromAt` on go (kept as history where the creator acted). */
function forgetSupporter(context: JudgingContext, supporterId: string, fromAt: number): void {
  const store = context.core.stores.alerts;
  reconcile(context, store.recordAlertsSince(supporterId, fromAt - VIP_ONLINE_MAX_MS), []);
  store.deleteJudgingState(supporterId);
  store.clearRejudgeRequest(supporterId, fromAt);
}

/** The cooldown's clock from the supporter's alerts before `windowStart`, and their alerts from it on. */
function storedAlertsAround(context: JudgingContext, supporterId: string, windowStart: number): { lastAlertAt: LastAlertTimes; inWindow: AlertRecord[] } {
  const lastAlertAt: LastAlertTimes = {};
  const inWindow: AlertRecord[] = [];
  for (const alert of context.core.stores.alerts.recordAlertsSince(supporterId, windowStart - context.cooldownMs)) {
    if (alert.createdAt >= windowStart) inWindow.push(alert);
    else if ((lastAlertAt[alert.type] ?? Number.NEGATIVE_INFINITY) < alert.createdAt) lastAlertAt[alert.type] = alert.createdAt;
  }
  return { lastAlertAt, inWindow };
}

/** Writes the difference between the stored alerts of a stretch of history and the ones the records raise. */
function reconcile(context: JudgingContext, stored: readonly AlertRecord[], desired: readonly NewAlertRecord[]): void {
  const { core, now, result } = context;
  const store = core.stores.alerts;
  const plan = planAlertReconcile(stored, desired, (type) => Math.max(context.cooldownMs, successorSpanMs(type)));
  for (const alert of plan.remove) store.delete(alert.id);
  for (const alert of plan.detach) store.detach(alert.id, now);
  for (const { stored: alert, desired: facts } of plan.keep) {
    if (sameFacts(alert, facts)) continue;
    // A trigger has one alert: should its key be held outside the re-judged stretch, that alert
    // stands and this one goes (kept as history if acted on).
    if (alert.dedupeKey !== facts.dedupeKey && store.hasDedupeKey(facts.dedupeKey)) {
      if (alert.actedAt === null) store.delete(alert.id);
      else store.detach(alert.id, now);
      continue;
    }
    store.replaceFacts(alert.id, facts);
    // Announced only if it was never announced and is live now (an alert the creator saw is not announced again).
    if (alert.notified === 0 && facts.notified === 1) result.stored.push({ ...alert, ...facts, id: alert.id });
  }
  for (const alert of plan.insert) {
    const record = insertAlert(context, alert);
    if (record !== null) result.stored.push(asStored(record));
  }
  if (plan.remove.length > 0 || plan.detach.length > 0 || plan.insert.length > 0 || plan.keep.some(({ stored: alert, desired: facts }) => !sameFacts(alert, facts))) {
    result.changed = true;
  }
}

/**
 * Stores a new alert; returns it as stored, or null when its trigger has an alert already. Its id
 * comes from its trigger, but that id may be held by another alert: one that took over from this
 * trigger's earlier alert (a successor keeps its id) or one kept as history (detached). The alert
 * then takes the next free id of its trigger.
 */
function insertAlert(context: JudgingContext, record: NewAlertRecord): NewAlertRecord | null {
  const store = context.core.stores.alerts;
  for (let generation = 0; generation < MAX_ALERT_GENERATIONS; generation += 1) {
    const attempt = generation === 0 ? record : { ...record, id: alertIdFor(`${record.dedupeKey}#${generation}`) };
    if (store.insert(attempt)) return attempt;
    if (store.hasDedupeKey(record.dedupeKey)) return null;
  }
  return null;
}

/** Ids tried for one trigger: each taken one is an alert that moved to another trigger or was kept as history, so a few at most in practice. */
const MAX_ALERT_GENERATIONS = 100;

/**
 * How far apart a stored alert and a new one of the same type may be and still be one occasion
 * (the new one takes the stored one's place, marks and all): the cooldown, or the alert's own
 * lifetime where that is fixed and longer. A milestone or RSVP names its own trigger, so only the
 * cooldown joins two of them.
 */
function successorSpanMs(type: AlertType): number {
  switch (type) {
    case 'vip_online':
      return VIP_ONLINE_MAX_MS;
    case 'hot_lead_active':
      return HOT_LEAD_ACTIVE_MS;
    case 'dormant_reactivation':
      return DORMANT_REACTIVATION_MS;
    case 'spending_spike':
      return SPENDING_SPIKE_MS;
    default:
      return 0;
  }
}

function sameFacts(stored: AlertRecord, facts: NewAlertRecord): boolean {
  return (
    stored.dedupeKey === facts.dedupeKey &&
    stored.createdAt === facts.createdAt &&
    stored.expiresAt === facts.expiresAt &&
    stored.triggerActivityId === facts.triggerActivityId &&
    stored.detail === facts.detail &&
    stored.conversionProbability === facts.conversionProbability &&
    (stored.notified === 1 || facts.notified === 0)
  );
}

/** The time of the last `vip_online` alert judged if it lasts until the supporter next goes offline (none seen yet), else null. */
function openVipOnlineAfter(judged: readonly JudgedAlert[]): number | null {
  for (let index = judged.length - 1; index >= 0; index -= 1) {
    const { candidate } = judged[index] as JudgedAlert;
    if (candidate.type === 'vip_online') return candidate.expiresAt === candidate.createdAt + VIP_ONLINE_MAX_MS ? candidate.createdAt : null;
  }
  return null;
}

function saveState(context: JudgingContext, supporter: JudgedSupporter, state: AlertJudgingState | null): void {
  const store = context.core.stores.alerts;
  if (state === null) store.deleteJudgingState(supporter.id);
  else store.saveJudgingState(supporter.id, state.frontierAt, state.frontierId, supporter.fanClubActive, encodeJudgingState(state));
}

/** Index of the first row with `at` ≥ `time`; `rows.length` if none. */
function firstIndexAtOrAfter(timeline: SupporterTimeline, time: number): number {
  const { rows } = timeline;
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rows[middle] as { at: number }).at >= time) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The alert as stored. Its metadata's conversion probability is the supporter's right after the
 * trigger (the expected-impact estimate is worked out from it when the alert is shown:
 * `alertEstimatedRevenue`); an alert already expired when evaluated (old history, or a late record
 * judged at its own time) is kept but raises no notification.
 */
export function newAlertRecord(judged: { candidate: AlertCandidate; conversionProbability: number }, now: number): NewAlertRecord {
  const { candidate, conversionProbability } = judged;
  const rule = ALERT_RULES[candidate.type];
  return {
    id: alertIdFor(candidate.dedupeKey),
    dedupeKey: candidate.dedupeKey,
    type: candidate.type,
    supporterId: candidate.supporterId,
    priority: rule.priority,
    suggestedAction: rule.suggestedAction,
    detail: JSON.stringify(candidate.detail),
    conversionProbability,
    timeWindow: rule.timeWindow,
    triggerActivityId: candidate.triggerActivityId,
    createdAt: candidate.createdAt,
    expiresAt: candidate.expiresAt,
    evaluatedAt: now,
    notified: candidate.expiresAt === null || candidate.expiresAt > now ? 1 : 0,
  };
}

export function asStored(record: NewAlertRecord): AlertRecord {
  return { ...record, readAt: null, dismissedAt: null, actedAt: null, actionId: null, detachedAt: null };
}
