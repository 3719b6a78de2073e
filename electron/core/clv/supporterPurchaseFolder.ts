import { MS_PER_DAY } from './summariseSupporterPurchases';
import type { SupporterSummaryColumns } from './supporterSummaryColumns';

/** The moments a refit reads its supporters' purchases at (epoch ms). */
export interface PurchaseFoldMoments {
  /** The fit: purchases after it are ignored. */
  readonly now: number;
  /** The backtest's calibration end (now − 30 days). */
  readonly cutoff: number;
  /** The moment last week's Hot Leads are scored at (now − 7 days). */
  readonly hotLeadAt: number;
}

/**
 * Every supporter's purchases as a refit uses them, index i being `supporterIds[i]`. The summary
 * at `now` is exactly what `summariseSupporterPurchases` gives for the purchase days
 * `supporterPurchaseHistory` builds.
 */
export interface FoldedPurchases {
  readonly supporterIds: readonly string[];
  /** Their summaries at `now`. */
  readonly atNow: SupporterSummaryColumns;
  /** Their summaries at the backtest's cutoff (purchaseDayCount 0 for a first purchase after it). */
  readonly atCutoff: SupporterSummaryColumns;
  /** Epoch ms of the latest purchase at or before `now`. */
  readonly lastPurchaseAt: Float64Array;
  /** Purchase days after the cutoff, up to `now`: what the backtest compares its prediction with. */
  readonly holdoutPurchaseDays: Float64Array;
  /** Tokens of the purchases at or before `hotLeadAt` (whether the VIP rule applied then). */
  readonly tokensByHotLeadAt: Float64Array;
  /** 1 when they bought something after `hotLeadAt`, up to `now`. */
  readonly boughtAfterHotLeadAt: Uint8Array;
}

/**
 * Folds purchase rows, given one supporter after another and by time within each, into what a
 * refit needs of each supporter, keeping nothing of a supporter's rows once they have gone by: the
 * open day (its first purchase and tokens) and a handful of running figures. The results go into
 * typed columns, which double in size when a supporter more than they hold comes (`capacity` is
 * the starting size: how many distinct supporters the rows have, when the caller knows).
 *
 * The rules are those of `supporterPurchaseHistory` followed by `summariseSupporterPurchases`,
 * done in one pass, with the same arithmetic in the same order so the models see the same numbers:
 * - only rows with `at` ≤ now and finite tokens > 0 count;
 * - purchases on one local calendar day (`localDayOf`) are one purchase day, tokens summed; the day's
 *   time is its first purchase in days since the epoch (fractional);
 * - x = purchase days − 1, t_x and T from the first purchase day, rounded to whole days; m_x is
 *   the mean tokens of the days after the first;
 * - at the cutoff only days whose first purchase is at or before it count, and the days after it
 *   are the backtest's actual purchases.
 */
export class SupporterPurchaseFolder {
  private readonly supporterIds: string[] = [];
  private capacity: number;
  private atNow: WritableSummaryColumns;
  private atCutoff: WritableSummaryColumns;
  private lastPurchaseAt: Float64Array;
  private holdoutPurchaseDays: Float64Array;
  private tokensByHotLeadAtOf: Float64Array;
  private boughtAfterHotLeadAtOf: Uint8Array;
  private readonly nowDay: number;
  private readonly cutoffDay: number;

  private supporterId: string | null = null;
  private lastAt = 0;
  /** The open purchase day: its local day key, its first purchase (days since the epoch), its tokens. */
  private dayKey = Number.NaN;
  private dayStart = 0;
  private dayTokens = 0;
  private days = 0;
  private firstDay = 0;
  private lastDay = 0;
  private repeatTokens = 0;
  private daysAtCutoff = 0;
  private lastDayAtCutoff = 0;
  private repeatTokensAtCutoff = 0;
  private holdoutDays = 0;
  private tokensByHotLeadAt = 0;
  private boughtAfterHotLeadAt = false;

  constructor(
    private readonly moments: PurchaseFoldMoments,
    private readonly localDayOf: (at: number) => number,
    capacity = 1024,
  ) {
    this.capacity = Math.max(1, capacity);
    this.nowDay = moments.now / MS_PER_DAY;
    this.cutoffDay = moments.cutoff / MS_PER_DAY;
    this.atNow = summaryColumns(this.capacity);
    this.atCutoff = summaryColumns(this.capacity);
    this.lastPurchaseAt = new Float64Array(this.capacity);
    this.holdoutPurchaseDays = new Float64Array(this.capacity);
    this.tokensByHotLeadAtOf = new Float64Array(this.capacity);
    this.boughtAfterHotLeadAtOf = new Uint8Array(this.capacity);
  }

  add(supporterId: string, at: number, tokens: number): void {
    if (!(at <= this.moments.now) || !(tokens > 0) || !Number.isFinite(tokens)) return;
    if (supporterId !== this.supporterId) {
      this.closeSupporter();
      this.supporterId = supporterId;
    } else if (at < this.lastAt) {
      throw new RangeError(`purchases of supporter ${supporterId} must come in time order`);
    }
    this.lastAt = at;
    if (at <= this.moments.hotLeadAt) this.tokensByHotLeadAt += tokens;
    else this.boughtAfterHotLeadAt = true;
    const key = this.localDayOf(at);
    if (key === this.dayKey) {
      this.dayTokens += tokens;
    } else {
      this.closeDay();
      this.dayKey = key;
      this.dayStart = at / MS_PER_DAY;
      this.dayTokens = tokens;
    }
  }

  /** Every supporter with a purchase, in the order they came. The folder is spent afterwards. */
  finish(): FoldedPurchases {
    this.closeSupporter();
    const n = this.supporterIds.length;
    return {
      supporterIds: this.supporterIds,
      atNow: trimmed(this.atNow, n),
      atCutoff: trimmed(this.atCutoff, n),
      lastPurchaseAt: this.lastPurchaseAt.subarray(0, n),
      holdoutPurchaseDays: this.holdoutPurchaseDays.subarray(0, n),
      tokensByHotLeadAt: this.tokensByHotLeadAtOf.subarray(0, n),
      boughtAfterHotLeadAt: this.boughtAfterHotLeadAtOf.subarray(0, n),
    };
  }

  private closeDay(): void {
    if (Number.isNaN(this.dayKey)) return;
    const day = this.dayStart;
    this.days += 1;
    if (this.days === 1) this.firstDay = day;
    else this.repeatTokens += this.dayTokens;
    this.lastDay = day;
    if (day <= this.cutoffDay) {
      this.daysAtCutoff += 1;
      // Days come in time order, so the cutoff's first day is the first day.
      if (this.daysAtCutoff > 1) this.repeatTokensAtCutoff += this.dayTokens;
      this.lastDayAtCutoff = day;
    } else if (day <= this.nowDay) {
      this.holdoutDays += 1;
    }
    this.dayKey = Number.NaN;
  }

  private closeSupporter(): void {
    const supporterId = this.supporterId;
    if (supporterId === null) return;
    this.closeDay();
    const i = this.supporterIds.length;
    if (i >= this.capacity) this.grow();
    this.supporterIds.push(supporterId);
    const x = this.days - 1;
    setSummary(this.atNow, i, this.days, x > 0 ? Math.round(this.lastDay - this.firstDay) : 0, Math.round(this.nowDay - this.firstDay), x > 0 ? this.repeatTokens / x : 0);
    const xAtCutoff = this.daysAtCutoff - 1;
    if (this.daysAtCutoff > 0) {
      setSummary(
        this.atCutoff,
        i,
        this.daysAtCutoff,
        xAtCutoff > 0 ? Math.round(this.lastDayAtCutoff - this.firstDay) : 0,
        Math.round(this.cutoffDay - this.firstDay),
        xAtCutoff > 0 ? this.repeatTokensAtCutoff / xAtCutoff : 0,
      );
    }
    this.lastPurchaseAt[i] = this.lastAt;
    this.holdoutPurchaseDays[i] = this.holdoutDays;
    this.tokensByHotLeadAtOf[i] = this.tokensByHotLeadAt;
    this.boughtAfterHotLeadAtOf[i] = this.boughtAfterHotLeadAt ? 1 : 0;
    this.supporterId = null;
    this.days = 0;
    this.repeatTokens = 0;
    this.daysAtCutoff = 0;
    this.repeatTokensAtCutoff = 0;
    this.holdoutDays = 0;
    this.tokensByHotLeadAt = 0;
    this.boughtAfterHotLeadAt = false;
  }
  /** Doubles every column, keeping what is in them. */
  private grow(): void {
    const capacity = this.capacity * 2;
    this.atNow = grownColumns(this.atNow, capacity);
    this.atCutoff = grownColumns(this.atCutoff, capacity);
    this.lastPurchaseAt = grown(this.lastPurchaseAt, new Float64Array(capacity));
    this.holdoutPurchaseDays = grown(this.holdoutPurchaseDays, new Float64Array(capacity));
    this.tokensByHotLeadAtOf = grown(this.tokensByHotLeadAtOf, new Float64Array(capacity));
    this.boughtAfterHotLeadAtOf = grown(this.boughtAfterHotLeadAtOf, new Uint8Array(capacity));
    this.capacity = capacity;
  }
}

type WritableSummaryColumns = { -readonly [K in keyof SupporterSummaryColumns]: SupporterSummaryColumns[K] };

function summaryColumns(capacity: number): WritableSummaryColumns {
  return {
    length: capacity,
    purchaseDayCount: new Float64Array(capacity),
    x: new Float64Array(capacity),
    t_x: new Float64Array(capacity),
    T: new Float64Array(capacity),
    m_x: new Float64Array(capacity),
  };
}

/** Supporter i's summary: x = purchase days − 1 (0 for none: the columns start at 0). */
function setSummary(columns: WritableSummaryColumns, i: number, purchaseDayCount: number, t_x: number, T: number, m_x: number): void {
  columns.purchaseDayCount[i] = purchaseDayCount;
  columns.x[i] = purchaseDayCount - 1;
  columns.t_x[i] = t_x;
  columns.T[i] = T;
  columns.m_x[i] = m_x;
}

function grown<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function grownColumns(columns: WritableSummaryColumns, capacity: number): WritableSummaryColumns {
  return {
    length: capacity,
    purchaseDayCount: grown(columns.purchaseDayCount, new Float64Array(capacity)),
    x: grown(columns.x, new Float64Array(capacity)),
    t_x: grown(columns.t_x, new Float64Array(capacity)),
    T: grown(columns.T, new Float64Array(capacity)),
    m_x: grown(columns.m_x, new Float64Array(capacity)),
  };
}

function trimmed(columns: SupporterSummaryColumns, n: number): SupporterSummaryColumns {
  return {
    length: n,
    purchaseDayCount: columns.purchaseDayCount.subarray(0, n),
    x: columns.x.subarray(0, n),
    t_x: columns.t_x.subarray(0, n),
    T: columns.T.subarray(0, n),
    m_x: columns.m_x.subarray(0, n),
  };
}
