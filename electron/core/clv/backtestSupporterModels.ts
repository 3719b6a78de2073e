import { binByRepeatCount } from './binByRepeatCount';
import { bgNbdConditionalExpectation } from './bgNbdConditionalExpectation';
import { fitClvModels } from './fitClvModels';
import { FORECAST_DAYS } from './fitSupporterModels';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';
import type { BgNbdFit, HoldoutBin } from './types';

export type SupporterBacktestResult =
  | {
      /** Only the purchase model: the backtest scores purchase counts, not tokens. */
      readonly models: { readonly bgnbd: BgNbdFit };
      readonly reason: null;
      /** Same shape as runClvValidate's holdout bins, grouped by repeat purchases before the cutoff. */
      readonly bins: HoldoutBin[];
      /** Calibration cutoff (ms since epoch) = now − 30 days. */
      readonly cutoff: number;
    }
  | {
      readonly models: null;
      readonly reason: 'not enough data';
      readonly detail: string;
      readonly bins: null;
      readonly cutoff: number;
    };

/**
 * Honest check of fitSupporterModels on the creator's own data: fit on everything
 * up to now − 30 d, then compare each supporter's predicted purchase days in the
 * last 30 days with what actually happened, grouped by repeat purchases before the
 * cutoff (0, 1, …, 6, 7+).
 *
 * Unlike the profile view, every supporter in the cohort (at least one purchase
 * before the cutoff) is scored, including x = 0 — the "0" bin is where most
 * one-off supporters live, and leaving it out would flatter the model.
 * "Actual" counts purchase days in (cutoff, now] with tokens > 0, matching how x is
 * counted, so predicted and actual measure the same thing.
 */
export function backtestSupporterModels(
  supporters: readonly SupporterPurchases[],
  now: number,
): SupporterBacktestResult {
  const cutoff = now - FORECAST_DAYS * MS_PER_DAY;
  const cutoffDay = cutoff / MS_PER_DAY;
  const nowDay = now / MS_PER_DAY;

  const summaries = summariseSupporterPurchases(supporters, cutoffDay);
  const fit = fitClvModels(summaries, { spendModel: false });
  if (!fit.ok) {
    return { models: null, reason: 'not enough data', detail: fit.detail, bins: null, cutoff };
  }
  const { bgnbd } = fit;

  const rows: { x: number; actual: number; predicted: number }[] = [];
  summaries.forEach((s, i) => {
    if (s.purchaseDayCount === 0) return; // not yet a supporter at the cutoff
    const supporter = supporters[i];
    if (!supporter) return;
    rows.push({
      x: s.x,
      actual: countPurchaseDays(supporter, cutoffDay, nowDay),
      predicted: bgNbdConditionalExpectation(bgnbd, FORECAST_DAYS, s.x, s.t_x, s.T),
    });
  });
  return { models: { bgnbd }, reason: null, bins: binByRepeatCount(rows), cutoff };
}

/** Distinct purchase days with tokens > 0 in (fromDay, toDay]. */
function countPurchaseDays(s: SupporterPurchases, fromDay: number, toDay: number): number {
  const days = new Set<number>();
  s.purchaseDays.forEach((day, i) => {
    const tokens = s.purchaseTokens[i] ?? 0;
    if (tokens > 0 && day > fromDay && day <= toDay) days.add(day);
  });
  return days.size;
}
