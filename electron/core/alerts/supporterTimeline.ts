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

const MONTH_MS = 30 * DAY_MS;

/**
 * Columns of a timeline's prefix table: sums of the first `index` rows, then latest/earliest facts
 * after them (NaN for none; presence as 1 online, 0 offline).
 */
const SPEND = 0;
const GIFTS = 1;
const CHATS = 2;
const PROFILE_VIEWS = 3;
const LIVE_ATTENDANCES = 4;
const LIVE_MINUTES = 5;
const LIVE_GIFTS = 6;
const LIKES = 7;
const LAST_INITIATED_AT = 8;
const LAST_MATCH_AT = 9;
const FIRST_PURCHASE_AT = 10;
const ONLINE = 11;
const COLUMNS = 12;

function orNaN(value: number | null): number {
  return value === null ? Number.NaN : value;
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * One supporter's activity laid out in time with prefix sums, so the state just before any record
 * (SPEC §8: "segment membership as it stood before the triggering record") costs a binary search
 * instead of a rescan. Scores come from the engine's own rules (`scoreSupporter`), fed with a
 * summary built from the prefix sums.
 */
export class SupporterTimeline {
  readonly rows: readonly TimelineRow[];
  /** Every prefix column in one array (`column × size + index`): one allocation per timeline, as one is built per judged supporter. */
  private readonly prefix: Float64Array;
  private readonly size: number;

  constructor(
    /** What happened before `rows` (see `TimelineBase`). */
    readonly base: TimelineBase,
    rows: readonly TimelineRow[],
    private readonly fanClubActive: boolean,
  ) {
    this.rows = rows;
    const size = rows.length + 1;
    this.size = size;
    const prefix = new Float64Array(COLUMNS * size);
    this.prefix = prefix;
    prefix[LAST_INITIATED_AT * size] = orNaN(base.lastInitiatedAt);
    prefix[LAST_MATCH_AT * size] = orNaN(base.lastMatchAt);
    prefix[FIRST_PURCHASE_AT * size] = orNaN(base.firstPurchaseAt);
    prefix[ONLINE * size] = base.online === null ? Number.NaN : base.online ? 1 : 0;
    // Plain loops without per-row closures: this runs for every row of every judged supporter.
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] as TimelineRow;
      const next = index + 1;
      const type = row.type;
      const spend = isSpendActivity(type) ? row.tokens : 0;
      const gift = type === 'gift' || type === 'live_gift' ? 1 : 0;
      const attendance = type === 'live_attendance' ? 1 : 0;
      prefix[SPEND * size + next] = (prefix[SPEND * size + index] as number) + spend;
      prefix[GIFTS * size + next] = (prefix[GIFTS * size + index] as number) + gift;
      prefix[CHATS * size + next] = (prefix[CHATS * size + index] as number) + (type === 'chat_message' ? 1 : 0);
      prefix[PROFILE_VIEWS * size + next] = (prefix[PROFILE_VIEWS * size + index] as number) + (type === 'profile_view' ? 1 : 0);
      prefix[LIVE_ATTENDANCES * size + next] = (prefix[LIVE_ATTENDANCES * size + index] as number) + attendance;
      prefix[LIVE_MINUTES * size + next] = (prefix[LIVE_MINUTES * size + index] as number) + (attendance === 1 ? (row.minutes ?? 0) : 0);
      prefix[LIVE_GIFTS * size + next] = (prefix[LIVE_GIFTS * size + index] as number) + (type === 'live_gift' ? 1 : 0);
      prefix[LIKES * size + next] = (prefix[LIKES * size + index] as number) + (type === 'like' ? 1 : 0);
      // NaN compares false, so "none yet" is replaced by the first value.
      const lastInitiated = prefix[LAST_INITIATED_AT * size + index] as number;
      prefix[LAST_INITIATED_AT * size + next] = isSupporterInitiated(type, row.online) && !(lastInitiated >= row.at) ? row.at : lastInitiated;
      const lastMatch = prefix[LAST_MATCH_AT * size + index] as number;
      prefix[LAST_MATCH_AT * size + next] = type === 'match' && !(lastMatch >= row.at) ? row.at : lastMatch;
      const firstPurchase = prefix[FIRST_PURCHASE_AT * size + index] as number;
      prefix[FIRST_PURCHASE_AT * size + next] = spend > 0 && !(firstPurchase <= row.at) ? row.at : firstPurchase;
      prefix[ONLINE * size + next] = type === 'presence' ? (row.online === true ? 1 : 0) : (prefix[ONLINE * size + index] as number);
    }
  }

  /** A prefix column's value after the first `count` rows. */
  private column(column: number, count: number): number {
    return this.prefix[column * this.size + count] as number;
  }

  /** A prefix-summed column over rows `[from, count)`. */
  private windowSum(column: number, from: number, count: number): number {
    return this.column(column, count) - this.column(column, from);
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
    return this.base.spendTokens + this.column(SPEND, count);
  }

  /** Tokens spent in `(from, to]` among the first `count` rows. */
  spendBetween(from: number, to: number, count: number): number {
    const low = this.firstIndexAfter(from, count);
    const high = this.firstIndexAfter(to, count);
    return this.windowSum(SPEND, low, high);
  }

  /** The presence state after the first `count` rows: true online, false offline, null never seen. */
  presenceAfter(count: number): boolean | null {
    const online = this.column(ONLINE, count);
    return Number.isNaN(online) ? null : online === 1;
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
      monthlyTokens: this.windowSum(SPEND, month, count),
      weeklyTokens: this.windowSum(SPEND, week, count),
      firstPurchaseAt: orNull(this.column(FIRST_PURCHASE_AT, count)),
      lastActivityAt: orNull(this.column(LAST_INITIATED_AT, count)),
      online: this.column(ONLINE, count) === 1,
      giftsLifetime: this.base.gifts + this.column(GIFTS, count),
      chatMessages7d: this.windowSum(CHATS, week, count),
      gifts7d: this.windowSum(GIFTS, week, count),
      profileViews7d: this.windowSum(PROFILE_VIEWS, week, count),
      liveAttendances7d: this.windowSum(LIVE_ATTENDANCES, week, count),
      liveMinutes7d: this.windowSum(LIVE_MINUTES, week, count),
      liveGifts7d: this.windowSum(LIVE_GIFTS, week, count),
      likes7d: this.windowSum(LIKES, week, count),
      lastMatchAt: orNull(this.column(LAST_MATCH_AT, count)),
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
