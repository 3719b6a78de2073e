import { bgNbdExpectedPurchasesIfAlive } from './bgNbdExpectedPurchasesIfAlive';
import { bgNbdProbabilityAlive } from './bgNbdProbabilityAlive';
import { fitClvModels } from './fitClvModels';
import { gammaGammaExpectedSpend } from './gammaGammaExpectedSpend';
import type { SupporterSummary } from './summariseSupporterPurchases';
import type { BgNbdFit, GammaGammaFit } from './types';

/** Forecast horizon in days. */
export const FORECAST_DAYS = 30;

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
 * Fits BG/NBD + gamma-gamma to one creator's supporters, summarised at the fit's
 * moment (time unit: days; see summariseSupporterPurchases), and scores every
 * supporter, in the order given.
 *
 * Per-supporter rule: a supporter gets { notEnoughData: true } when they have fewer
 * than 2 purchase days on or before `now` (after dropping entries with tokens ≤ 0).
 * With 0 or 1 purchase days x = 0, and BG/NBD then says P(alive) = 1 no matter how
 * long ago that single purchase was (drop-out can only happen after a repeat
 * purchase), while gamma-gamma has no own spend to go on. Showing "100% active"
 * for a one-off supporter from last year would mislead, so we say so instead.
 * Those supporters still count in the BG/NBD fit.
 *
 * When the models cannot be fitted (fewer than 20 repeat supporters, or any fit or
 * prediction failure) `models` is null, reason is "not enough data", and every
 * supporter is { notEnoughData: true }.
 *
 * Expected tokens multiply the two model expectations, which assumes — as the
 * gamma-gamma model does — that spend per purchase is independent of frequency.
 *
 * Never throws for data reasons.
 */
export function fitSupporterSummaries(summaries: readonly SupporterSummary[]): SupporterModelsResult {
  const fit = fitClvModels(summaries);
  if (!fit.ok) return failed(fit.detail);
  const { bgnbd, gammaGamma } = fit;
  if (!gammaGamma) return failed('the spend model was not fitted');

  try {
    // E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | x, T, alive]. The second
    // factor needs the hypergeometric series and depends on (x, T) only, which many
    // supporters share, so cache it.
    const ifAliveCache = new Map<string, number>();
    const predictions = summaries.map((s): SupporterPrediction => {
      if (s.purchaseDayCount < 2) return { supporterId: s.supporterId, notEnoughData: true };
      const chanceActive = bgNbdProbabilityAlive(bgnbd, s.x, s.t_x, s.T);
      const key = `${s.x}|${s.T}`;
      let ifAlive = ifAliveCache.get(key);
      if (ifAlive === undefined) {
        ifAlive = bgNbdExpectedPurchasesIfAlive(bgnbd, FORECAST_DAYS, s.x, s.T);
        ifAliveCache.set(key, ifAlive);
      }
      const expectedPurchases30d = chanceActive * ifAlive;
      const expectedTokens30d =
        expectedPurchases30d * gammaGammaExpectedSpend(gammaGamma, s.x, s.m_x);
      if (![chanceActive, expectedPurchases30d, expectedTokens30d].every(Number.isFinite)) {
        throw new Error(`non-finite prediction for supporter ${s.supporterId}`);
      }
      return {
        supporterId: s.supporterId,
        notEnoughData: false,
        chanceActive,
        expectedPurchases30d,
        expectedTokens30d,
      };
    });
    return { models: { bgnbd, gammaGamma }, reason: null, supporters: predictions };
  } catch (error) {
    return failed(`prediction failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  function failed(detail: string): SupporterModelsResult {
    return {
      models: null,
      reason: 'not enough data',
      detail,
      supporters: summaries.map((s) => ({ supporterId: s.supporterId, notEnoughData: true })),
    };
  }
}
