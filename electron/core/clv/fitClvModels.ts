import { fitBgNbd } from './fitBgNbd';
import { fitGammaGamma } from './fitGammaGamma';
import { groupRfmRows } from './groupRfmSummaries';
import { groupSpendRows } from './groupSpendObservations';
import type { SupporterSummary } from './summariseSupporterPurchases';
import { type SupporterSummaryColumns, supporterSummaryColumns } from './supporterSummaryColumns';
import type { BgNbdFit, GammaGammaFit, RfmSummary } from './types';

/**
 * Below this many supporters with a repeat purchase we do not fit at all. The
 * BG/NBD drop-out parameters (a, b) and all of gamma-gamma are identified only by
 * repeaters; with fewer than ~20 the MLE routinely lands on a boundary and the
 * predictions swing wildly with one extra purchase.
 */
export const MIN_REPEAT_SUPPORTERS = 20;

export type ClvModelsFit =
  | {
      readonly ok: true;
      readonly bgnbd: BgNbdFit;
      /** Null only when the caller asked for the purchase model alone. */
      readonly gammaGamma: GammaGammaFit | null;
    }
  | { readonly ok: false; readonly detail: string };

export interface FitClvModelsOptions {
  /** Also fit gamma-gamma (default true). The backtest only scores purchase counts. */
  readonly spendModel?: boolean;
}

/**
 * Fits BG/NBD (all supporters with at least one purchase, including x = 0 — they
 * are the evidence that people stop buying) and gamma-gamma (repeaters only).
 * Never throws: every failure becomes { ok: false, detail } so the UI can show
 * "not enough data" instead of crashing a profile view.
 */
export function fitClvModels(
  summaries: readonly SupporterSummary[] | SupporterSummaryColumns,
  options: FitClvModelsOptions = {},
): ClvModelsFit {
  const columns = isColumns(summaries) ? summaries : supporterSummaryColumns(summaries);
  const cohort = new Int32Array(columns.length);
  let cohortSize = 0;
  let repeaters = 0;
  for (let i = 0; i < columns.length; i++) {
    if (!((columns.purchaseDayCount[i] ?? 0) > 0)) continue;
    cohort[cohortSize] = i;
    cohortSize += 1;
    if ((columns.x[i] ?? 0) >= 1) repeaters += 1;
  }
  if (repeaters < MIN_REPEAT_SUPPORTERS) {
    return {
      ok: false,
      detail: `${repeaters} supporters with a repeat purchase; at least ${MIN_REPEAT_SUPPORTERS} are needed`,
    };
  }
  // The cohort is handed to the grouping one supporter at a time through one reused object:
  // only the grouped rows outlive this call.
  const customer: { x: number; t_x: number; T: number; m_x: number } = { x: 0, t_x: 0, T: 0, m_x: 0 };
  const cohortAt = (k: number): RfmSummary & { m_x: number } => {
    const i = cohort[k] ?? 0;
    customer.x = columns.x[i] ?? 0;
    customer.t_x = columns.t_x[i] ?? 0;
    customer.T = columns.T[i] ?? 0;
    customer.m_x = columns.m_x[i] ?? 0;
    return customer;
  };
  try {
    const bgnbd = fitBgNbd(groupRfmRows(cohortSize, cohortAt));
    const bgnbdFinite = [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, bgnbd.logLikelihood].every(
      Number.isFinite,
    );
    if (!bgnbdFinite) return { ok: false, detail: 'the purchase model produced non-finite values' };
    if (options.spendModel === false) return { ok: true, bgnbd, gammaGamma: null };

    const gammaGamma = fitGammaGamma(groupSpendRows(cohortSize, cohortAt));
    const spendFinite = [gammaGamma.p, gammaGamma.q, gammaGamma.gamma, gammaGamma.logLikelihood]
      .every(Number.isFinite);
    if (!spendFinite) return { ok: false, detail: 'the spend model produced non-finite values' };
    if (!(gammaGamma.q > 1)) {
      // q ≤ 1 means the fitted spend distribution has no finite mean; any token
      // forecast would be meaningless.
      return { ok: false, detail: `spend model has no finite mean (q = ${gammaGamma.q})` };
    }
    return { ok: true, bgnbd, gammaGamma };
  } catch (error) {
    return { ok: false, detail: `the fit failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function isColumns(v: readonly SupporterSummary[] | SupporterSummaryColumns): v is SupporterSummaryColumns {
  return !Array.isArray(v);
}
