import { gammaGammaLogLikelihood } from './gammaGammaLogLikelihood';
import { type GroupedSpend, groupSpendObservations, type SpendObservation } from './groupSpendObservations';
import { minimiseRobustly } from './minimiseRobustly';
import type { GammaGammaFit, GammaGammaParams } from './types';

/** Same reasoning as the BG/NBD box: keep degenerate fits finite. */
const LOG_PARAM_BOUND = 18;

/**
 * Maximum-likelihood gamma-gamma fit over customers with at least one repeat
 * purchase (x ≥ 1) and a positive mean repeat value m_x; other rows are ignored
 * (see groupSpendObservations for why).
 *
 * Log-parameters, mean negative log-likelihood, BFGS on the analytic gradient with
 * a Nelder–Mead fallback (minimiseRobustly). Accepts raw observations or an
 * already-grouped set, as fitBgNbd does.
 */
export function fitGammaGamma(
  customers: readonly SpendObservation[] | GroupedSpend,
  options: { readonly initial?: GammaGammaParams } = {},
): GammaGammaFit {
  const data = isGrouped(customers) ? customers : groupSpendObservations(customers);
  if (data.customers === 0) {
    throw new RangeError('fitGammaGamma needs at least one customer with x ≥ 1 and m_x > 0');
  }
  // Start at p = 1, q = 2 and γ so that the implied population mean pγ/(q−1)
  // equals the sample mean of m_x: this puts γ on the currency/token scale.
  const start = options.initial ?? { p: 1, q: 2, gamma: data.meanSpend };
  const n = data.customers;
  const gradient = new Float64Array(3);
  const objective = (theta: readonly number[], gradientOut: Float64Array): number => {
    if (theta.some((t) => !(Math.abs(t) <= LOG_PARAM_BOUND))) return Number.POSITIVE_INFINITY;
    const params = fromLog(theta);
    const ll = gammaGammaLogLikelihood(params, data, gradient);
    const values = [params.p, params.q, params.gamma];
    for (let i = 0; i < 3; i++) gradientOut[i] = (-(gradient[i] ?? 0) * (values[i] ?? 0)) / n;
    return -ll / n;
  };
  const result = minimiseRobustly(objective, [start.p, start.q, start.gamma].map(Math.log));
  const params = fromLog(result.x);
  const logLikelihood = gammaGammaLogLikelihood(params, data);
  if (!Number.isFinite(logLikelihood)) {
    throw new Error('fitGammaGamma: the optimiser did not reach a finite log-likelihood');
  }
  return { ...params, logLikelihood, iterations: result.iterations, customers: n };
}

function fromLog(theta: readonly number[]): GammaGammaParams {
  return {
    p: Math.exp(theta[0] ?? 0),
    q: Math.exp(theta[1] ?? 0),
    gamma: Math.exp(theta[2] ?? 0),
  };
}

function isGrouped(v: readonly SpendObservation[] | GroupedSpend): v is GroupedSpend {
  return !Array.isArray(v);
}
