import { bgNbdLogLikelihood } from './bgNbdLogLikelihood';
import { type GroupedRfm, groupRfmSummaries } from './groupRfmSummaries';
import { minimiseRobustly } from './minimiseRobustly';
import type { BgNbdFit, BgNbdParams, RfmSummary } from './types';

/**
 * Box on the log-parameters. MLEs can run off to a boundary on degenerate data
 * (everyone identical → no heterogeneity → r, α → ∞; nobody repeats → λ → 0).
 * Capping at e^±18 (≈ 1.5e-8 … 6.6e7) keeps every number finite so callers get a
 * usable (if extreme) answer instead of NaN.
 */
export const BG_NBD_LOG_PARAM_BOUND = 18;

export interface FitBgNbdOptions {
  /** Starting point; defaults to a data-driven guess (see defaultStart). */
  readonly initial?: BgNbdParams;
}

/**
 * Maximum-likelihood BG/NBD fit.
 *
 * Optimises over log-parameters — all four are positive and their scales differ by
 * orders of magnitude — on the *mean* negative log-likelihood, so tolerances mean
 * the same for 100 or 100 000 customers. The optimiser is BFGS on the analytic
 * gradient with a Nelder–Mead (with restarts) fallback; see minimiseRobustly.
 *
 * Accepts raw summaries or an already-grouped set (grouping is the expensive
 * pre-step, so callers that fit repeatedly can reuse it).
 */
export function fitBgNbd(
  customers: readonly RfmSummary[] | GroupedRfm,
  options: FitBgNbdOptions = {},
): BgNbdFit {
  const data = isGrouped(customers) ? customers : groupRfmSummaries(customers);
  if (data.customers === 0) throw new RangeError('fitBgNbd needs at least one customer');

  const start = options.initial ?? defaultStart(data);
  const n = data.customers;
  const gradient = new Float64Array(4);
  const objective = (theta: readonly number[], gradientOut: Float64Array): number => {
    if (theta.some((t) => !(Math.abs(t) <= BG_NBD_LOG_PARAM_BOUND))) return Number.POSITIVE_INFINITY;
    const params = fromLog(theta);
    const ll = bgNbdLogLikelihood(params, data, gradient);
    // Chain rule to log-parameters: ∂/∂ln θ = θ · ∂/∂θ; negate and average.
    const values = [params.r, params.alpha, params.a, params.b];
    for (let i = 0; i < 4; i++) gradientOut[i] = (-(gradient[i] ?? 0) * (values[i] ?? 0)) / n;
    return -ll / n;
  };
  const result = minimiseRobustly(objective, [start.r, start.alpha, start.a, start.b].map(Math.log));
  const params = fromLog(result.x);
  const logLikelihood = bgNbdLogLikelihood(params, data);
  if (!Number.isFinite(logLikelihood)) {
    throw new Error('fitBgNbd: the optimiser did not reach a finite log-likelihood');
  }
  return { ...params, logLikelihood, iterations: result.iterations };
}

function fromLog(theta: readonly number[]): BgNbdParams {
  return {
    r: Math.exp(theta[0] ?? 0),
    alpha: Math.exp(theta[1] ?? 0),
    a: Math.exp(theta[2] ?? 0),
    b: Math.exp(theta[3] ?? 0),
  };
}

/**
 * Start with r = 1 and α chosen so the implied mean purchase rate r/α matches the
 * observed repeat rate Σx/ΣT. That puts α on the right time scale (weeks vs days
 * differ by 7×), the one thing a unit-free start such as all-ones gets wrong.
 */
function defaultStart(data: GroupedRfm): BgNbdParams {
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.rowCount.length; i++) {
    const c = data.rowCount[i] ?? 0;
    sumX += c * (data.xValues[data.rowX[i] ?? 0] ?? 0);
    sumT += c * (data.tValues[data.rowT[i] ?? 0] ?? 0);
  }
  const alpha = sumX > 0 && sumT > 0 ? sumT / sumX : Math.max(sumT / data.customers, 1);
  return { r: 1, alpha, a: 1, b: 1 };
}

function isGrouped(v: readonly RfmSummary[] | GroupedRfm): v is GroupedRfm {
  return !Array.isArray(v);
}
