import { binByRepeatCount } from './binByRepeatCount';
import { bgNbdConditionalExpectation } from './bgNbdConditionalExpectation';
import { fitClvModels } from './fitClvModels';
import { FORECAST_DAYS } from './fitSupporterSummaries';
import { MS_PER_DAY, type SupporterSummary } from './summariseSupporterPurchases';
import type { BgNbdFit, HoldoutBin } from './types';

/** One supporter as the backtest sees them. */
export interface BacktestSupporter {
  /** Their summary at the cutoff, now − 30 days (purchaseDayCount 0 when they first bought after it). */
  readonly atCutoff: SupporterSummary;
  /** Distinct purchase days in (cutoff, now]. */
  readonly holdoutPurchaseDays: number;
}

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
 * Honest check of the supporter models on the creator's own data: fit on everything
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
export function backtestSupporterSummaries(
  supporters: readonly BacktestSupporter[],
  now: number,
): SupporterBacktestResult {
  const cutoff = now - FORECAST_DAYS * MS_PER_DAY;
  const fit = fitClvModels(
    supporters.map((s) => s.atCutoff),
    { spendModel: false },
  );
  if (!fit.ok) {
    return { models: null, reason: 'not enough data', detail: fit.detail, bins: null, cutoff };
  }
  const { bgnbd } = fit;

  const rows: { x: number; actual: number; predicted: number }[] = [];
  for (const { atCutoff: s, holdoutPurchaseDays } of supporters) {
    if (s.purchaseDayCount === 0) continue; // not yet a supporter at the cutoff
    rows.push({
      x: s.x,
      actual: holdoutPurchaseDays,
      predicted: bgNbdConditionalExpectation(bgnbd, FORECAST_DAYS, s.x, s.t_x, s.T),
    });
  }
  return { models: { bgnbd }, reason: null, bins: binByRepeatCount(rows), cutoff };
}
