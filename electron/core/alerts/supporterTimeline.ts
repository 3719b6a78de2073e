import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { Segment } from '../../../shared/domain/segments';
import { DAY_MS } from '../engine/engineTime';
import { isSpendActivity } from '../engine/isSpendActivity';
import { isSupporterInitiated } from '../engine/isSupporterInitiated';
import type { ActivitySummary } from '../engine/score/activitySummary';
import { scoreSupporter } from '../engine/score/scoreSupporter';

/** One activity as the timeline reads it. Rows are sorted by (at, id): the engine's tie-break for presence. */
export interface TimelineRow {
  id: string;
  type: ActivityType;
  at: number;
  tokens: number;
  minutes: number | null;
  online: boolean | null;
  listingId: string | null;
}

/**
 * What happened before the loaded rows (all of it older than any window a rule reads). The sums
 * (`spendTokens`, `gifts`) cover exactly the records before the rows. A stored judging state
 * (`alertJudgingState.ts`) also lets the latest/earliest facts cover its own rows — folding a
 * record into a latest or earliest fact twice changes nothing, and its rows hold no presence
 * record — so moments are then meaningful only after those rows, which is all it asks for.
 */
export interface TimelineBase {
  spendTokens: number;
  gifts: number;
  firstPurchaseAt: number | null;
  lastInitiatedAt: number | null;
  lastMatchAt: number | null;
  /** The latest presence record's state; null if there was none. */
  online: boolean | null;
}

export const EMPTY_TIMELINE_BASE: TimelineBase = {
  spendTokens: 0,
  gifts: 0,
  firstPurchaseAt: null,
  lastInitiatedAt: null,
  lastMatchAt: null,
  online: null,
};

/** How far back from the earliest record to judge the timeline must hold rows (the spike rule reads 24 h + 30 days). */
export const TIMELINE_DETAIL_SPAN_MS = 32 * DAY_MS;

/** A supporter as they stood at one moment: what segment rules and alert rules read. */
export interface SupporterMoment {
  lifetimeTokens: number;
  lastActivityAt: number | null;
  online: boolean;
  conversionProbability: number;
  segment: Segment;
}

const WEEK_MS = 7 * DAY_MS;

/** The sum of a prefix-summed value over rows `[from, count)`. */
function windowSum(prefix: Int32Array | Float64Array, from: number, count: number): number {
  return (prefix[count] as number) - (prefix[from] as number);
}
const MONTH_MS = 30 * DAY_MS;

/**
 * One supporter's activity laid out in time with prefix sums, so the state just before any record
 * (SPEC §8: "segment membership as it stood before the triggering record") costs a binary search
 * instead of a rescan. Scores come from the engine's own rules (`scoreSupporter`), fed with a
 * summary built from the prefix sums.
 */
export class SupporterTimeline {
  readonly rows: readonly TimelineRow[];
  private readonly spend: Float64Array;
  private readonly gifts: Int32Array;
  private readonly chats: Int32Array;
  private readonly profileViews: Int32Array;
  private readonly liveAttendances: Int32Array;
  private readonly liveMinutes: Float64Array;
  private readonly liveGifts: Int32Array;
  private readonly likes: Int32Array;
  /** Prefix "latest" facts: value after the first `index` rows. */
  private readonly lastInitiatedAt: (number | null)[];
  private readonly lastMatchAt: (number | null)[];
  private readonly firstPurchaseAt: (number | null)[];
  private readonly onlineAfter: (boolean | null)[];

  constructor(
    /** What happened before `rows` (see `TimelineBase`). */
    readonly base: TimelineBase,
    rows: readonly TimelineRow[],
    private readonly fanClubActive: boolean,
  ) {
    this.rows = rows;
    const size = rows.length + 1;
    this.spend = new Float64Array(size);
    this.gifts = new Int32Array(size);
    this.chats = new Int32Array(size);
    this.profileViews = new Int32Array(size);
    this.liveAttendances = new Int32Array(size);
    this.liveMinutes = new Float64Array(size);
    this.liveGifts = new Int32Array(size);
    this.likes = new Int32Array(size);
    this.lastInitiatedAt = [base.lastInitiatedAt];
    this.lastMatchAt = [base.lastMatchAt];
    this.firstPurchaseAt = [base.firstPurchaseAt];
    this.onlineAfter = [base.online];
    // Plain loops without per-row closures: this runs for every row of every judged supporter.
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] as TimelineRow;
      const next = index + 1;
      const spend = isSpendActivity(row.type) ? row.tokens : 0;
      this.spend[next] = (this.spend[index] as number) + spend;
      this.gifts[next] = (this.gifts[index] as number) + (row.type === 'gift' || row.type === 'live_gift' ? 1 : 0);
      this.chats[next] = (this.chats[index] as number) + (row.type === 'chat_message' ? 1 : 0);
      this.profileViews[next] = (this.profileViews[index] as number) + (row.type === 'profile_view' ? 1 : 0);
      this.liveAttendances[next] = (this.liveAttendances[index] as number) + (row.type === 'live_attendance' ? 1 : 0);
      this.liveMinutes[next] = (this.liveMinutes[index] as number) + (row.type === 'live_attendance' ? (row.minutes ?? 0) : 0);
      this.liveGifts[next] = (this.liveGifts[index] as number) + (row.type === 'live_gift' ? 1 : 0);
      this.likes[next] = (this.likes[index] as number) + (row.type === 'like' ? 1 : 0);
      const lastInitiated = this.lastInitiatedAt[index] ?? null;
      this.lastInitiatedAt.push(isSupporterInitiated(row.type, row.online) ? Math.max(row.at, lastInitiated ?? row.at) : lastInitiated);
      const lastMatch = this.lastMatchAt[index] ?? null;
      this.lastMatchAt.push(row.type === 'match' ? Math.max(row.at, lastMatch ?? row.at) : lastMatch);
      const firstPurchase = this.firstPurchaseAt[index] ?? null;
      this.firstPurchaseAt.push(spend > 0 && (firstPurchase === null || row.at < firstPurchase) ? row.at : firstPurchase);
      this.onlineAfter.push(row.type === 'presence' ? row.online === true : (this.onlineAfter[index] ?? null));
    }
  }

  /** The supporter just before `rows[index]` arrived, judged at that record's time. */
  before(index: number): SupporterMoment {
    return this.momentAt(this.rowAt(index).at, index);
  }

  /** The supporter just after `rows[index]`, judged at that record's time. */
  after(index: number): SupporterMoment {
    return this.momentAt(this.rowAt(index).at, index + 1);
  }

  /** The supporter at `now`, after every loaded row (all of which must lie at or before `now`). */
  at(now: number): SupporterMoment {
    return this.momentAt(now, this.rows.length);
  }

  /** Lifetime spend after the first `count` rows. */
  lifetimeTokens(count: number): number {
    return this.base.spendTokens + (this.spend[count] as number);
  }

  /** Tokens spent in `(from, to]` among the first `count` rows. */
  spendBetween(from: number, to: number, count: number): number {
    const low = this.firstIndexAfter(from, count);
    const high = this.firstIndexAfter(to, count);
    return (this.spend[high] as number) - (this.spend[low] as number);
  }

  /** The presence state after the first `count` rows: true online, false offline, null never seen. */
  presenceAfter(count: number): boolean | null {
    return this.onlineAfter[count] ?? null;
  }

  /**
   * The first presence record after `index` that says offline, if any: when the supporter went
   * offline. A repeated "online" in between changes nothing (they were online already), so a
   * `vip_online` alert ends at the same moment whether the offline record came in the same page or
   * a later one.
   */
  nextOfflineAfter(index: number): TimelineRow | null {
    for (let next = index + 1; next < this.rows.length; next += 1) {
      const row = this.rows[next] as TimelineRow;
      if (row.type === 'presence' && row.online !== true) return row;
    }
    return null;
  }

  private rowAt(index: number): TimelineRow {
    const row = this.rows[index];
    if (!row) throw new RangeError(`no timeline row ${index}`);
    return row;
  }

  private momentAt(now: number, count: number): SupporterMoment {
    const summary = this.summaryAt(now, count);
    const { conversionProbability, segment } = scoreSupporter(summary, this.fanClubActive, now);
    return {
      lifetimeTokens: summary.lifetimeTokens,
      lastActivityAt: summary.lastActivityAt,
      online: summary.online,
      conversionProbability,
      segment,
    };
  }

  /** The engine's summary of the first `count` rows at `now` (only the fields scores and segments read are meaningful). */
  private summaryAt(now: number, count: number): ActivitySummary {
    const week = this.firstIndexAfter(now - WEEK_MS, count);
    const month = this.firstIndexAfter(now - MONTH_MS, count);
    return {
      lifetimeTokens: this.lifetimeTokens(count),
      monthlyTokens: windowSum(this.spend, month, count),
      weeklyTokens: windowSum(this.spend, week, count),
      firstPurchaseAt: this.firstPurchaseAt[count] ?? null,
      lastActivityAt: this.lastInitiatedAt[count] ?? null,
      online: this.onlineAfter[count] === true,
      giftsLifetime: this.base.gifts + (this.gifts[count] as number),
      chatMessages7d: windowSum(this.chats, week, count),
      gifts7d: windowSum(this.gifts, week, count),
      profileViews7d: windowSum(this.profileViews, week, count),
      liveAttendances7d: windowSum(this.liveAttendances, week, count),
      liveMinutes7d: windowSum(this.liveMinutes, week, count),
      liveGifts7d: windowSum(this.liveGifts, week, count),
      likes7d: windowSum(this.likes, week, count),
      lastMatchAt: this.lastMatchAt[count] ?? null,
      // Not read by scores or segments.
      unreadCount: 0,
      lastCreatorMessageAt: null,
      registeredListingIds: [],
      nextChangeAt: null,
    };
  }

  /** Index of the first row (among the first `count`) with `at` > `time`; `count` if none. */
  private firstIndexAfter(time: number, count: number): number {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.rows[middle] as TimelineRow).at > time) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
