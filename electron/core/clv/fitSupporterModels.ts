import { fitSupporterColumns } from './fitSupporterColumns';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';
import { supporterSummaryColumns } from './supporterSummaryColumns';
import type { BgNbdFit, GammaGammaFit } from './types';

export type SupporterPrediction =
  | { readonly supporterId: string; readonly notEnoughData: true }
  | {
      readonly supporterId: string;
      readonly notEnoughData: false;
      /** BG/NBD P(alive | x, t_x, T), 0–1. */
      readonly chanceActive: number;
      /** E[purchase days in the next 30 days | history]. */
      readonly expectedPurchases30d: number;
      /** expectedPurchases30d × gamma-gamma E[tokens per purchase day | history]. */
      readonly expectedTokens30d: number;
    };

export type SupporterModelsResult =
  | {
      readonly models: { readonly bgnbd: BgNbdFit; readonly gammaGamma: GammaGammaFit };
      readonly reason: null;
      readonly supporters: SupporterPrediction[];
    }
  | {
      readonly models: null;
      readonly reason: 'not enough data';
      /** Human-readable cause (too few repeaters, fit failure, …) for logs/tooltips. */
      readonly detail: string;
      readonly supporters: SupporterPrediction[];
    };

/**
 * Fits BG/NBD + gamma-gamma to one creator's supporters given as purchase days
 * (time unit: days) and scores every supporter: `fitSupporterColumns` on their
 * summaries at `now` (ms since epoch, passed in to keep this pure), one prediction
 * object per supporter. The per-supporter rules and the "not enough data" cases are
 * described there.
 *
 * Never throws for data reasons; only malformed input (purchaseDays and
 * purchaseTokens of different lengths) raises a RangeError.
 */
export function fitSupporterModels(
  supporters: readonly SupporterPurchases[],
  now: number,
): SupporterModelsResult {
  const summaries = summariseSupporterPurchases(supporters, now / MS_PER_DAY);
  const fit = fitSupporterColumns(
    supporterSummaryColumns(summaries),
    summaries.map((s) => s.supporterId),
  );
  if (fit.models === null) {
    return {
      models: null,
      reason: 'not enough data',
      detail: fit.detail,
      supporters: summaries.map((s) => ({ supporterId: s.supporterId, notEnoughData: true })),
    };
  }
  const { predictions } = fit;
  return {
    models: fit.models,
    reason: null,
    supporters: summaries.map((s, i): SupporterPrediction =>
      predictions.scored[i] === 1
        ? {
            supporterId: s.supporterId,
            notEnoughData: false,
            chanceActive: predictions.chanceActive[i] ?? 0,
            expectedPurchases30d: predictions.expectedPurchases30d[i] ?? 0,
            expectedTokens30d: predictions.expectedTokens30d[i] ?? 0,
          }
        : { supporterId: s.supporterId, notEnoughData: true },
    ),
  };
}
