import type { AlertStore } from '../store/alertStore';
import { SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type SupporterMoment, type TimelineRow } from './supporterTimeline';

/** Rows of a page of new activity already in memory: their rowid range and the supporter's rows among them. */
export interface RowsInHand {
  afterRowid: number;
  upToRowid: number;
  rows: readonly TimelineRow[];
}

/**
 * A supporter's timeline for judging records from `earliest` up to `now`: rows from 32 days before
 * `earliest` (the longest window a rule reads) and aggregates of everything older. With `inHand`,
 * the rows of that rowid range come from memory and only the others are read.
 */
export function loadSupporterTimeline(
  store: AlertStore,
  supporterId: string,
  fanClubActive: boolean,
  earliest: number,
  now: number,
  inHand?: RowsInHand,
): SupporterTimeline {
  const from = timelineDetailFrom(earliest);
  const base = store.timelineBase(supporterId, from);
  if (inHand === undefined) return new SupporterTimeline(base, store.timelineRows(supporterId, from, now), fanClubActive);
  const rows = store.timelineRowsOutside(supporterId, from, now, inHand.afterRowid, inHand.upToRowid);
  for (const row of inHand.rows) if (row.at >= from && row.at <= now) rows.push(row);
  rows.sort(byTimeThenId);
  return new SupporterTimeline(base, rows, fanClubActive);
}

/** The first moment whose rows a timeline for records from `earliest` holds one by one (older ones are aggregated). */
export function timelineDetailFrom(earliest: number): number {
  return earliest - TIMELINE_DETAIL_SPAN_MS;
}

/** The order `timelineRows` returns: SQLite's `ORDER BY at, id` (ids compared as plain text). */
function byTimeThenId(a: TimelineRow, b: TimelineRow): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Segment, conversion probability and the rest for one supporter at `now` (activities after `now` unseen). */
export function supporterMomentAt(store: AlertStore, supporterId: string, fanClubActive: boolean, now: number): SupporterMoment {
  return loadSupporterTimeline(store, supporterId, fanClubActive, now, now).at(now);
}
