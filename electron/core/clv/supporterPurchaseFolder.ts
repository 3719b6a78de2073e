import { MS_PER_DAY, type SupporterSummary } from './summariseSupporterPurchases';

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
 * One supporter's purchases as a refit uses them. The summary itself is at `now`, exactly what
 * `summariseSupporterPurchases` gives for the purchase days `supporterPurchaseHistory` builds.
 */
export interface SupporterPurchaseFold extends SupporterSummary {
  /** Epoch ms of the latest purchase at or before `now`. */
  readonly lastPurchaseAt: number;
  /** The same summary at the backtest's cutoff (purchaseDayCount 0 for a first purchase after it). */
  readonly atCutoff: SupporterSummary;
  /** Purchase days after the cutoff, up to `now`: what the backtest compares its prediction with. */
  readonly holdoutPurchaseDays: number;
  /** Tokens of the purchases at or before `hotLeadAt` (whether the VIP rule applied then). */
  readonly tokensByHotLeadAt: number;
  /** Whether they bought something after `hotLeadAt`, up to `now`. */
  readonly boughtAfterHotLeadAt: boolean;
}

/**
 * Folds purchase rows, given one supporter after another and by time within each, into what a
 * refit needs of each supporter, keeping nothing of a supporter's rows once they have gone by: the
 * open day (its first purchase and tokens) and a handful of running figures.
 *
 * The rules are those of `supporterPurchaseHistory` followed by `summariseSupporterPurchases`,
 * done in one pass, with the same arithmetic in the same order so the models see the same numbers:
 * - only rows with `at` ≤ now and finite tokens > 0 count;
 * - purchases on one local calendar day (`dayKey`) are one purchase day, tokens summed; the day's
 *   time is its first purchase in days since the epoch (fractional);
 * - x = purchase days − 1, t_x and T from the first purchase day, rounded to whole days; m_x is
 *   the mean tokens of the days after the first;
 * - at the cutoff only days whose first purchase is at or before it count, and the days after it
 *   are the backtest's actual purchases.
 */
export class SupporterPurchaseFolder {
  private readonly folded: SupporterPurchaseFold[] = [];
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
  ) {
    this.nowDay = moments.now / MS_PER_DAY;
    this.cutoffDay = moments.cutoff / MS_PER_DAY;
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
  finish(): SupporterPurchaseFold[] {
    this.closeSupporter();
    return this.folded;
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
    const x = this.days - 1;
    const xAtCutoff = this.daysAtCutoff - 1;
    this.folded.push({
      supporterId,
      purchaseDayCount: this.days,
      x,
      t_x: x > 0 ? Math.round(this.lastDay - this.firstDay) : 0,
      T: Math.round(this.nowDay - this.firstDay),
      m_x: x > 0 ? this.repeatTokens / x : 0,
      lastPurchaseAt: this.lastAt,
      atCutoff:
        this.daysAtCutoff === 0
          ? { supporterId, purchaseDayCount: 0, x: 0, t_x: 0, T: 0, m_x: 0 }
          : {
              supporterId,
              purchaseDayCount: this.daysAtCutoff,
              x: xAtCutoff,
              t_x: xAtCutoff > 0 ? Math.round(this.lastDayAtCutoff - this.firstDay) : 0,
              T: Math.round(this.cutoffDay - this.firstDay),
              m_x: xAtCutoff > 0 ? this.repeatTokensAtCutoff / xAtCutoff : 0,
            },
      holdoutPurchaseDays: this.holdoutDays,
      tokensByHotLeadAt: this.tokensByHotLeadAt,
      boughtAfterHotLeadAt: this.boughtAfterHotLeadAt,
    });
    this.supporterId = null;
    this.days = 0;
    this.repeatTokens = 0;
    this.daysAtCutoff = 0;
    this.repeatTokensAtCutoff = 0;
    this.holdoutDays = 0;
    this.tokensByHotLeadAt = 0;
    this.boughtAfterHotLeadAt = false;
  }
}
