import { isSpendActivity } from '../engine/isSpendActivity';
import type { AlertStore } from '../store/alertStore';
import { isAfterFrontier, type AlertJudgingState } from './alertJudgingState';
import { SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type SupporterMoment, type TimelineBase, type TimelineRow } from './supporterTimeline';

/** Rows of a page of new activity already in memory: their rowid range and the supporter's rows among them. */
export interface RowsInHand {
  afterRowid: number;
  upToRowid: number;
  rows: readonly TimelineRow[];
}

/**
 * A supporter's judged history for judging again from `windowStart`: rows from 32 days before it
 * (the longest window a rule reads) and aggregates of everything older. The rows are every activity
 * dated by `now` and those dated after it that a later `now` judged already; `waiting` names the
 * records about to wait for their time (dated after `now`), which are left out. With `inHand`, the
 * rows of that rowid range come from memory and only the others are read. With `judged` (see
 * `baseFromState`), the aggregates of the older history come from the supporter's judging state
 * instead of a read of all of it.
 */
export function loadJudgedTimeline(
  store: AlertStore,
  supporterId: string,
  fanClubActive: boolean,
  windowStart: number,
  now: number,
  waiting: ReadonlySet<string>,
  inHand?: RowsInHand,
  judged?: { state: AlertJudgingState; unjudged: ReadonlySet<string> },
): SupporterTimeline {
  const from = timelineDetailFrom(windowStart);
  const rows = store.judgedTimelineRows(supporterId, from, now, inHand).filter((row) => !waiting.has(row.id));
  if (inHand !== undefined) for (const row of inHand.rows) if (row.at >= from && row.at <= now) rows.push(row);
  rows.sort(byTimeThenId);
  const base = judged === undefined ? store.timelineBase(supporterId, from) : baseFromState(store, supporterId, windowStart, rows, judged.state, judged.unjudged);
  return new SupporterTimeline(base, rows, fanClubActive);
}

/**
 * The aggregates of a supporter's records before the timeline's rows (from 32 days before
 * `windowStart`), from their judging state rather than a read of their whole older history: its
 * totals over every record it judged, less those of them loaded again. Valid only while the state
 * covers exactly the judged records up to its frontier — no re-judge request (nothing judged
 * changed or went) and no record unjudged but `unjudged` and those dated after its frontier —
 * which the caller checks.
 *
 * The latest activity and match before the rows are left out: every record judged from
 * `windowStart` on lies 32 days or more after them, where a segment or signal reads "more than 30
 * days ago" (cold) and "none" alike, and a dormant supporter's days away come from a record within
 * 30 days. The presence before the rows is read only when no presence record among the rows comes
 * before `windowStart` (one that does decides every judged record's "came online").
 */
export function baseFromState(
  store: AlertStore,
  supporterId: string,
  windowStart: number,
  rows: readonly TimelineRow[],
  state: AlertJudgingState,
  unjudged: ReadonlySet<string>,
): TimelineBase {
  const from = timelineDetailFrom(windowStart);
  let spendTokens = state.base.spendTokens;
  let gifts = state.base.gifts;
  for (const row of state.rows) {
    if (isSpendActivity(row.type)) spendTokens += row.tokens;
    if (row.type === 'gift' || row.type === 'live_gift') gifts += 1;
  }
  for (const row of rows) {
    if (unjudged.has(row.id) || isAfterFrontier(state, row.at, row.id)) continue;
    if (isSpendActivity(row.type)) spendTokens -= row.tokens;
    if (row.type === 'gift' || row.type === 'live_gift') gifts -= 1;
  }
  const firstPurchaseAt = state.base.firstPurchaseAt !== null && state.base.firstPurchaseAt < from ? state.base.firstPurchaseAt : null;
  const presenceInContext = rows.some((row) => row.type === 'presence' && row.at < windowStart);
  return { spendTokens, gifts, firstPurchaseAt, lastInitiatedAt: null, lastMatchAt: null, online: presenceInContext ? null : store.presenceBefore(supporterId, from) };
}

/** The first moment whose rows a timeline for records from `earliest` holds one by one (older ones are aggregated). */
export function timelineDetailFrom(earliest: number): number {
  return earliest - TIMELINE_DETAIL_SPAN_MS;
}

/**
 * The one order records are judged in: (`at`, `id`), ids compared as JavaScript strings (the same
 * as SQLite's `ORDER BY at, id` for the ids the platform sends). Every path sorts with this, so
 * records at the same instant are judged in the same order however they arrived.
 */
export function byTimeThenId(a: TimelineRow, b: TimelineRow): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Segment, conversion probability and the rest for one supporter at `now` (activities after `now` unseen). */
export function supporterMomentAt(store: AlertStore, supporterId: string, fanClubActive: boolean, now: number): SupporterMoment {
  const from = timelineDetailFrom(now);
  return new SupporterTimeline(store.timelineBase(supporterId, from), store.timelineRows(supporterId, from, now), fanClubActive).at(now);
}
