import type { AlertStore } from '../store/alertStore';
import { SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type SupporterMoment } from './supporterTimeline';

/**
 * A supporter's timeline for judging records from `earliest` up to `now`: rows from 32 days before
 * `earliest` (the longest window a rule reads) and aggregates of everything older.
 */
export function loadSupporterTimeline(
  store: AlertStore,
  supporterId: string,
  fanClubActive: boolean,
  earliest: number,
  now: number,
): SupporterTimeline {
  const from = earliest - TIMELINE_DETAIL_SPAN_MS;
  return new SupporterTimeline(store.timelineBase(supporterId, from), store.timelineRows(supporterId, from, now), fanClubActive);
}

/** Segment, conversion probability and the rest for one supporter at `now` (activities after `now` unseen). */
export function supporterMomentAt(store: AlertStore, supporterId: string, fanClubActive: boolean, now: number): SupporterMoment {
  return loadSupporterTimeline(store, supporterId, fanClubActive, now, now).at(now);
}
