import type { AlertStore } from '../store/alertStore';
import { SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type SupporterMoment, type TimelineRow } from './supporterTimeline';

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
 * rows of that rowid range come from memory and only the others are read.
 */
export function loadJudgedTimeline(
  store: AlertStore,
  supporterId: string,
  fanClubActive: boolean,
  windowStart: number,
  now: number,
  waiting: ReadonlySet<string>,
  inHand?: RowsInHand,
): SupporterTimeline {
  const from = timelineDetailFrom(windowStart);
  const base = store.timelineBase(supporterId, from);
  const rows = store.judgedTimelineRows(supporterId, from, now, inHand).filter((row) => !waiting.has(row.id));
  if (inHand !== undefined) for (const row of inHand.rows) if (row.at >= from && row.at <= now) rows.push(row);
  rows.sort(byTimeThenId);
  return new SupporterTimeline(base, rows, fanClubActive);
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
