import type { RfmSummary } from './types';

/** A creator's supporter as the CRM stores it. */
export interface SupporterPurchases {
  readonly supporterId: string;
  /** Purchase days as days since the Unix epoch (fractional ok), one entry per calendar day. */
  readonly purchaseDays: readonly number[];
  /** Tokens bought on each of those days (same length as purchaseDays). */
  readonly purchaseTokens: readonly number[];
}

export interface SupporterSummary extends RfmSummary {
  readonly supporterId: string;
  /** Distinct purchase days on or before the summary time (x + 1, or 0 if none). */
  readonly purchaseDayCount: number;
  /** Mean tokens of the repeat days (the first day excluded, as for CDNOW's m_x); 0 if x = 0. */
  readonly m_x: number;
}

export const MS_PER_DAY = 86_400_000;

/**
 * Summarises supporters at time `asOfDay` (days since epoch) with days as the time unit.
 *
 * Rules, and why:
 * - Entries after `asOfDay` are ignored: the summary must only use what was known
 *   then (the backtest relies on this to cut history at now − 30 d).
 * - Entries with tokens ≤ 0 or non-finite values are ignored: they are not purchases.
 * - Each remaining entry is one purchase day (the caller merged per calendar day);
 *   exact duplicate day values are merged anyway, summing tokens.
 * - x = purchase days − 1 (repeat purchases only, as in BG/NBD).
 * - t_x and T are measured from the first purchase and ROUNDED TO WHOLE DAYS. The
 *   purchase days are already on a daily grid, so sub-day fractions carry no signal,
 *   and the rounding lets supporters with equal (x, t_x, T) collapse to one
 *   likelihood row, so a likelihood call costs per distinct summary, not per
 *   supporter. Rounding (not flooring each timestamp) keeps two purchases on
 *   different local calendar days distinct in x even if they share a UTC day.
 */
export function summariseSupporterPurchases(
  supporters: readonly SupporterPurchases[],
  asOfDay: number,
): SupporterSummary[] {
  return supporters.map((s) => summariseOne(s, asOfDay));
}

function summariseOne(s: SupporterPurchases, asOfDay: number): SupporterSummary {
  if (s.purchaseDays.length !== s.purchaseTokens.length) {
    throw new RangeError(
      `supporter ${s.supporterId}: purchaseDays and purchaseTokens differ in length`,
    );
  }
  const byDay = new Map<number, number>();
  s.purchaseDays.forEach((day, i) => {
    const tokens = s.purchaseTokens[i] ?? 0;
    if (!Number.isFinite(day) || !Number.isFinite(tokens) || tokens <= 0 || day > asOfDay) return;
    byDay.set(day, (byDay.get(day) ?? 0) + tokens);
  });
  const days = [...byDay.keys()].sort((p, q) => p - q);
  const first = days[0];
  if (first === undefined) {
    return { supporterId: s.supporterId, purchaseDayCount: 0, x: 0, t_x: 0, T: 0, m_x: 0 };
  }
  const x = days.length - 1;
  const last = days[x] ?? first;
  let repeatTokens = 0;
  for (const d of days.slice(1)) repeatTokens += byDay.get(d) ?? 0;
  return {
    supporterId: s.supporterId,
    purchaseDayCount: days.length,
    x,
    t_x: x > 0 ? Math.round(last - first) : 0,
    T: Math.round(asOfDay - first),
    m_x: x > 0 ? repeatTokens / x : 0,
  };
}
