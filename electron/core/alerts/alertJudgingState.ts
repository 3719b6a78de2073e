import type { AlertType } from '../../../shared/domain/alerts';
import { DAY_MS } from '../engine/engineTime';
import { isSpendActivity } from '../engine/isSpendActivity';
import { isSupporterInitiated } from '../engine/isSupporterInitiated';
import { SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type TimelineBase, type TimelineRow } from './supporterTimeline';

/** The alert types a record raises (the rest are raised by the sweep): the ones a judging state keeps a cooldown clock for. */
export const RECORD_ALERT_TYPES = ['vip_online', 'hot_lead_active', 'dormant_reactivation', 'spending_spike', 'event_rsvp', 'milestone_reached'] as const satisfies readonly AlertType[];
export type RecordAlertType = (typeof RECORD_ALERT_TYPES)[number];

/** The time of the latest alert of each type raised by this supporter's records, in (`at`, `id`) order: what the cooldown compares with. */
export type LastAlertTimes = Partial<Record<AlertType, number>>;

/**
 * What judging a supporter's next record needs, as it stood after the latest record judged (the
 * frontier). A record after the frontier is judged from this alone (the live case); the rows are
 * only the windowed ones the rules read, so it stays small:
 * - `base`: sums of the judged records before `rows`; latest/earliest facts (last activity, last
 *   match, first purchase, presence) of every judged record;
 * - `rows`: the judged records of the last 7 days before the frontier that count in a score's
 *   signals or carry spend, and the spend of the 25 days before those (the spike rule reads 31
 *   days; 32 are kept), each older one as a plain purchase (only its tokens matter any more). Ids
 *   are dropped: every record judged later comes after all of them;
 * - `lastAlertAt`: the cooldown's clock per type;
 * - `openVipOnlineAt`: a `vip_online` alert that ends when the supporter next goes offline (none
 *   seen yet), so an offline record of a later page can end it.
 */
export interface AlertJudgingState {
  frontierAt: number;
  frontierId: string;
  base: TimelineBase;
  rows: TimelineRow[];
  lastAlertAt: LastAlertTimes;
  openVipOnlineAt: number | null;
}

/** Record types a score reads within its 7-day window even when they carry no tokens (SPEC §3). */
const COUNTED_TYPES: ReadonlySet<string> = new Set(['chat_message', 'gift', 'live_gift', 'profile_view', 'live_attendance', 'like']);
const WEEK_MS = 7 * DAY_MS;
/** The type an older spend row is kept as: spend that counts in no signal. */
export const PLAIN_SPEND_TYPE = 'ppv_purchase';

/**
 * The judging state after every row of `timeline` (all judged), or null when it holds no row (its
 * frontier would be unknown; the supporter is then judged from raw activity next time).
 */
export function judgingStateAfter(timeline: SupporterTimeline, lastAlertAt: LastAlertTimes, openVipOnlineAt: number | null): AlertJudgingState | null {
  const { rows } = timeline;
  const last = rows.at(-1);
  if (last === undefined) return null;
  // Every later record is judged at a time after the frontier, so its windows start after these.
  const spendCutoff = last.at - TIMELINE_DETAIL_SPAN_MS;
  const signalCutoff = last.at - WEEK_MS;
  const base: TimelineBase = { ...timeline.base };
  const kept: TimelineRow[] = [];
  for (const row of rows) {
    const spend = isSpendActivity(row.type) ? row.tokens : 0;
    const gift = row.type === 'gift' || row.type === 'live_gift';
    if (isSupporterInitiated(row.type, row.online) && (base.lastInitiatedAt === null || row.at > base.lastInitiatedAt)) base.lastInitiatedAt = row.at;
    if (row.type === 'match' && (base.lastMatchAt === null || row.at > base.lastMatchAt)) base.lastMatchAt = row.at;
    if (spend > 0 && (base.firstPurchaseAt === null || row.at < base.firstPurchaseAt)) base.firstPurchaseAt = row.at;
    if (row.type === 'presence') base.online = row.online === true;
    if (row.at > signalCutoff) {
      if (spend > 0 || COUNTED_TYPES.has(row.type)) {
        kept.push({ id: '', type: row.type, at: row.at, tokens: spend, minutes: row.type === 'live_attendance' ? row.minutes : null, online: null, listingId: null });
      }
      continue;
    }
    // Past every 7-day window: a gift counts only towards the lifetime number of gifts.
    if (gift) base.gifts += 1;
    if (row.at > spendCutoff) {
      if (spend > 0) kept.push({ id: '', type: PLAIN_SPEND_TYPE, at: row.at, tokens: spend, minutes: null, online: null, listingId: null });
    } else {
      base.spendTokens += spend;
    }
  }
  return { frontierAt: last.at, frontierId: last.id, base, rows: kept, lastAlertAt: { ...lastAlertAt }, openVipOnlineAt };
}

/** True when the record at (`at`, `id`) comes after the state's frontier in (`at`, `id`) order (ids compared as SQLite compares text). */
export function isAfterFrontier(state: AlertJudgingState, at: number, id: string): boolean {
  return at > state.frontierAt || (at === state.frontierAt && id > state.frontierId);
}

/** The timeline of a live judging: the state's rows, then the new records (all after the frontier, in (`at`, `id`) order). */
export function timelineFromState(state: AlertJudgingState, newRows: readonly TimelineRow[], fanClubActive: boolean): SupporterTimeline {
  return new SupporterTimeline(state.base, [...state.rows, ...newRows], fanClubActive);
}
