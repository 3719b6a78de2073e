/**
 * Shared shapes for the customer-base (CLV) models. Types only — every function
 * lives in its own file named after it.
 *
 * Time is always in a caller-chosen unit (weeks for the CDNOW benchmark, days for
 * supporters); the models are scale-covariant, so only α (BG/NBD) carries the unit.
 */

/** BG/NBD parameters: transaction rate λ ~ Gamma(r, α); drop-out p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Gamma-gamma spend parameters (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/**
 * One customer's calibration summary.
 * x   = number of repeat transactions (the first purchase is not counted),
 * t_x = time of the last repeat transaction measured from the first purchase (0 if x = 0),
 * T   = time from the first purchase to the end of calibration.
 */
export interface RfmSummary {
  readonly x: number;
  readonly t_x: number;
  readonly T: number;
}

/** Calibration summary plus m_x, the mean value of the repeat transactions (0 if x = 0). */
export interface CustomerSummary extends RfmSummary {
  readonly customerId: string;
  readonly m_x: number;
  /** Time (same unit as the input `day`, not divided by the time unit) of the first purchase. */
  readonly firstDay: number;
}

/** A raw transaction as summariseTransactions consumes it. */
export interface Transaction {
  readonly customerId: string;
  /** Day index (integer days for CDNOW). Rows with an identical `day` are one transaction. */
  readonly day: number;
  readonly value: number;
}

export type RepeatBinLabel = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7+';

/** Holdout / backtest comparison row, grouped by calibration repeat count. */
export interface HoldoutBin {
  readonly x: RepeatBinLabel;
  readonly customers: number;
  readonly actualMean: number;
  readonly predictedMean: number;
}

export interface BgNbdFit extends BgNbdParams {
  readonly logLikelihood: number;
  readonly iterations: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Log-likelihood of the m_x density (CLVTools convention, −4055.9 on CDNOW). */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** Customers that entered the fit (x ≥ 1 and m_x > 0). */
  readonly customers: number;
}
