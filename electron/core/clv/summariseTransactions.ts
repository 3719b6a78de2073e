import type { CustomerSummary, Transaction } from './types';

export interface SummariseOptions {
  /**
   * Last day of the calibration period, in the same units as Transaction.day.
   * Transactions with day ≤ calibrationEnd are calibration data; T is measured up
   * to this day: T = (calibrationEnd − firstDay) / timeUnit. For CDNOW that is day
   * 273 (1997-09-30), so a first purchase on day 1 gives T = 272/7 = 38.86 weeks,
   * matching Hardie's summary file.
   */
  readonly calibrationEnd: number;
  /** Days per model time unit (7 for weeks, 1 for days). Default 1. */
  readonly timeUnit?: number;
}

/**
 * Per-customer calibration summary {x, t_x, T, m_x} from raw transactions.
 *
 * Conventions (FHL 2005a/b, as used by the published CDNOW fits):
 * - rows with the same customer and the same `day` are ONE transaction whose value
 *   is the sum (BTYD's dc.MergeTransactionsOnSameDate; Hardie's zbar needs it);
 * - only repeat transactions count: x excludes the first purchase, t_x is the last
 *   repeat time relative to the first purchase (0 when x = 0), and m_x is the mean
 *   value of the repeat transactions only (0 when x = 0);
 * - customers whose first purchase is after calibrationEnd are not in the cohort.
 *
 * Output order: customers in order of first appearance in the input.
 */
export function summariseTransactions(
  transactions: readonly Transaction[],
  options: SummariseOptions,
): CustomerSummary[] {
  const unit = options.timeUnit ?? 1;
  if (!(unit > 0)) throw new RangeError(`timeUnit must be positive (got ${unit})`);
  const end = options.calibrationEnd;

  const byCustomer = mergeSameDay(transactions, (t) => t.day <= end);
  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.entries()].sort((p, q) => p[0] - q[0]);
    const first = sorted[0];
    if (!first) continue;
    const firstDay = first[0];
    const repeats = sorted.slice(1);
    const x = repeats.length;
    const last = repeats[x - 1];
    const t_x = last ? (last[0] - firstDay) / unit : 0;
    const m_x = x > 0 ? repeats.reduce((s, [, v]) => s + v, 0) / x : 0;
    out.push({ customerId, x, t_x, T: (end - firstDay) / unit, m_x, firstDay });
  }
  return out;
}

/**
 * customerId → (day → summed value), keeping only rows that pass `keep`. Shared
 * in spirit with countHoldoutPurchases, which applies the same merge rule.
 */
function mergeSameDay(
  transactions: readonly Transaction[],
  keep: (t: Transaction) => boolean,
): Map<string, Map<number, number>> {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    if (!Number.isFinite(t.day) || !Number.isFinite(t.value)) {
      throw new RangeError(`transaction for ${t.customerId} has a non-finite day or value`);
    }
    if (!keep(t)) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(t.day, (days.get(t.day) ?? 0) + t.value);
  }
  return byCustomer;
}
