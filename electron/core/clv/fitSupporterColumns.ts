import { bgNbdExpectedPurchasesIfAlive } from './bgNbdExpectedPurchasesIfAlive';
import { bgNbdProbabilityAlive } from './bgNbdProbabilityAlive';
import { fitClvModels } from './fitClvModels';
import { gammaGammaExpectedSpend } from './gammaGammaExpectedSpend';
import type { SupporterSummaryColumns } from './supporterSummaryColumns';
import type { BgNbdFit, GammaGammaFit } from './types';

/** Forecast horizon in days. */
export const FORECAST_DAYS = 30;

/** Every supporter's figures, index i being supporter i of the summaries; only `scored` ones have any. */
export interface SupporterPredictionColumns {
  /** 1 when the supporter has figures, 0 for "not enough data" (their figures are 0). */
  readonly scored: Uint8Array;
  /** BG/NBD P(alive | x, t_x, T), 0–1. */
  readonly chanceActive: Float64Array;
  /** E[purchase days in the next 30 days | history]. */
  readonly expectedPurchases30d: Float64Array;
  /** expectedPurchases30d × gamma-gamma E[tokens per purchase day | history]. */
  readonly expectedTokens30d: Float64Array;
}

export type SupporterColumnsResult =
  | {
      readonly models: { readonly bgnbd: BgNbdFit; readonly gammaGamma: GammaGammaFit };
      readonly reason: null;
      readonly predictions: SupporterPredictionColumns;
    }
  | {
      readonly models: null;
      readonly reason: 'not enough data';
      /** Human-readable cause (too few repeaters, fit failure, …) for logs/tooltips. */
      readonly detail: string;
      /** Nobody has figures. */
      readonly predictions: null;
    };

/**
 * Fits BG/NBD + gamma-gamma to one creator's supporters, summarised at the fit's
 * moment (time unit: days; see summariseSupporterPurchases), and scores every
 * supporter. `supporterIds[i]` names supporter i (for the failure detail only).
 *
 * Per-supporter rule: a supporter gets no figures ("not enough data") when they have
 * fewer than 2 purchase days on or before the fit's moment. With 0 or 1 purchase days
 * x = 0, and BG/NBD then says P(alive) = 1 no matter how long ago that single
 * purchase was (drop-out can only happen after a repeat purchase), while gamma-gamma
 * has no own spend to go on. Showing "100% active" for a one-off supporter from last
 * year would mislead, so we say so instead. Those supporters still count in the
 * BG/NBD fit.
 *
 * When the models cannot be fitted (fewer than 20 repeat supporters, or any fit or
 * prediction failure) `models` is null, reason is "not enough data", and nobody has
 * figures.
 *
 * Expected tokens multiply the two model expectations, which assumes — as the
 * gamma-gamma model does — that spend per purchase is independent of frequency.
 *
 * Never throws for data reasons.
 */
export function fitSupporterColumns(
  summaries: SupporterSummaryColumns,
  supporterIds: readonly string[],
): SupporterColumnsResult {
  const fit = fitClvModels(summaries);
  if (!fit.ok) return failed(fit.detail);
  const { bgnbd, gammaGamma } = fit;
  if (!gammaGamma) return failed('the spend model was not fitted');

  const n = summaries.length;
  const predictions: SupporterPredictionColumns = {
    scored: new Uint8Array(n),
    chanceActive: new Float64Array(n),
    expectedPurchases30d: new Float64Array(n),
    expectedTokens30d: new Float64Array(n),
  };
  try {
    // E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | x, T, alive]. The second
    // factor needs the hypergeometric series and depends on (x, T) only, which many
    // supporters share, so cache it.
    const ifAliveCache = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (!((summaries.purchaseDayCount[i] ?? 0) >= 2)) continue;
      const x = summaries.x[i] ?? 0;
      const T = summaries.T[i] ?? 0;
      const chanceActive = bgNbdProbabilityAlive(bgnbd, x, summaries.t_x[i] ?? 0, T);
      const key = `${x}|${T}`;
      let ifAlive = ifAliveCache.get(key);
      if (ifAlive === undefined) {
        ifAlive = bgNbdExpectedPurchasesIfAlive(bgnbd, FORECAST_DAYS, x, T);
        ifAliveCache.set(key, ifAlive);
      }
      const expectedPurchases30d = chanceActive * ifAlive;
      const expectedTokens30d = expectedPurchases30d * gammaGammaExpectedSpend(gammaGamma, x, summaries.m_x[i] ?? 0);
      if (!(Number.isFinite(chanceActive) && Number.isFinite(expectedPurchases30d) && Number.isFinite(expectedTokens30d))) {
        throw new Error(`non-finite prediction for supporter ${supporterIds[i] ?? String(i)}`);
      }
      predictions.scored[i] = 1;
      predictions.chanceActive[i] = chanceActive;
      predictions.expectedPurchases30d[i] = expectedPurchases30d;
      predictions.expectedTokens30d[i] = expectedTokens30d;
    }
    return { models: { bgnbd, gammaGamma }, reason: null, predictions };
  } catch (error) {
    return failed(`prediction failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  function failed(detail: string): SupporterColumnsResult {
    return { models: null, reason: 'not enough data', detail, predictions: null };
  }
}
