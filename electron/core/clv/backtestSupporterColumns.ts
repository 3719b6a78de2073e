import { binByRepeatCount, type HoldoutComparison } from './binByRepeatCount';
import { bgNbdConditionalExpectation } from './bgNbdConditionalExpectation';
import { fitClvModels } from './fitClvModels';
import { FORECAST_DAYS } from './fitSupporterColumns';
import { MS_PER_DAY } from './summariseSupporterPurchases';
import type { SupporterSummaryColumns } from './supporterSummaryColumns';
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
 * Honest check of the supporter models on the creator's own data: fit on everything
 * up to now − 30 d, then compare each supporter's predicted purchase days in the
 * last 30 days with what actually happened, grouped by repeat purchases before the
 * cutoff (0, 1, …, 6, 7+).
 *
 * `atCutoff` are the supporters' summaries at the cutoff (purchaseDayCount 0 for a
 * first purchase after it) and `holdoutPurchaseDays[i]` supporter i's distinct
 * purchase days in (cutoff, now].
 *
 * Unlike the profile view, every supporter in the cohort (at least one purchase
 * before the cutoff) is scored, including x = 0 — the "0" bin is where most
 * one-off supporters live, and leaving it out would flatter the model.
 * "Actual" counts purchase days in (cutoff, now] with tokens > 0, matching how x is
 * counted, so predicted and actual measure the same thing.
 */
export function backtestSupporterColumns(
  atCutoff: SupporterSummaryColumns,
  holdoutPurchaseDays: ArrayLike<number>,
  now: number,
): SupporterBacktestResult {
  const cutoff = now - FORECAST_DAYS * MS_PER_DAY;
  const fit = fitClvModels(atCutoff, { spendModel: false });
  if (!fit.ok) {
    return { models: null, reason: 'not enough data', detail: fit.detail, bins: null, cutoff };
  }
  const { bgnbd } = fit;
  try {
    return { models: { bgnbd }, reason: null, bins: binByRepeatCount(comparisons()), cutoff };
  } catch (error) {
    // A fit on the smaller history at the cutoff can come out degenerate (r and α in the
    // millions: the Poisson limit), where the hypergeometric series cannot converge. The
    // backtest then says why it has no figures instead of failing the whole refit.
    return { models: null, reason: 'not enough data', detail: `prediction failed: ${error instanceof Error ? error.message : String(error)}`, bins: null, cutoff };
  }

  function* comparisons(): Generator<HoldoutComparison> {
    for (let i = 0; i < atCutoff.length; i++) {
      if ((atCutoff.purchaseDayCount[i] ?? 0) === 0) continue; // not yet a supporter at the cutoff
      const x = atCutoff.x[i] ?? 0;
      yield {
        x,
        actual: holdoutPurchaseDays[i] ?? 0,
        predicted: bgNbdConditionalExpectation(bgnbd, FORECAST_DAYS, x, atCutoff.t_x[i] ?? 0, atCutoff.T[i] ?? 0),
      };
    }
  }
}
