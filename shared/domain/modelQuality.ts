/**
 * The customer-base models' quality report (route `model`, request `model.quality`): the fitted
 * parameters, a backtest on the creator's own data and how last week's Hot Leads turned out.
 */

export type RepeatBinLabel = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7+';

/** Supporters grouped by repeat purchase days before the cutoff: mean predicted vs actual purchase days after it. */
export interface BacktestBin {
  x: RepeatBinLabel;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

export type ModelBacktest =
  | { cutoff: string; bins: BacktestBin[] }
  | { cutoff: string; notEnoughData: true; detail: string };

export interface HotLeadPrecision {
  /** Supporters who were Hot Leads exactly 7 days ago (scored by the engine at that moment). */
  hotLeadsLastWeek: number;
  /** Of those, how many spent tokens in the 7 days since. */
  spentInFollowing7Days: number;
  /** spentInFollowing7Days / hotLeadsLastWeek, 0–1. */
  precision: number;
}

export interface ModelParameters {
  /** Purchase model (time unit: days): rate λ ~ Gamma(r, α), drop-out p ~ Beta(a, b). */
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  /** Spend model (tokens per purchase day): gamma-gamma. */
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number };
}

export interface ModelQuality {
  /** When the models were last fitted (ISO-8601 UTC); every figure below is as of then. */
  fittedAt: string;
  /** Null when the models could not be fitted; `detail` says why. */
  parameters: ModelParameters | null;
  detail: string | null;
  /** Milliseconds to fit both models and score every supporter. */
  fitMs: number;
  /** Milliseconds of the whole refit: reading purchases, fitting, backtest, Hot Lead check, storing. */
  refitMs: number;
  /** Supporters with at least one purchase day: the purchase model's cohort. */
  supportersFitted: number;
  /** Supporters with at least one repeat purchase day (they identify drop-out and spend). */
  repeatSupporters: number;
  backtest: ModelBacktest;
  /** Null when nobody was a Hot Lead a week ago. */
  hotLeadPrecision: HotLeadPrecision | null;
}
