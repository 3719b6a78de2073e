import { gammaGammaLogLikelihood, type SpendObservation } from './gammaGammaLogLikelihood';
import { nelderMead } from './nelderMead';
import type { GammaGammaFit, GammaGammaParams } from './types';

/** Same reasoning as the BG/NBD box: keep degenerate fits finite. */
const LOG_PARAM_BOUND = 18;

/**
 * Maximum-likelihood gamma-gamma fit over customers with at least one repeat
 * purchase (x ≥ 1) and a positive mean repeat value m_x. Customers with x = 0 carry
 * no spend information under the model (their first purchase is excluded by
 * convention, FHL 2005b p. 418); m_x ≤ 0 would make ln m_x undefined.
 *
 * Log-parameters + Nelder–Mead with restarts on the mean negative log-likelihood.
 */
export function fitGammaGamma(
  customers: readonly SpendObservation[],
  options: { readonly initial?: GammaGammaParams } = {},
): GammaGammaFit {
  const observations = customers.filter(
    (c) => Number.isInteger(c.x) && c.x >= 1 && Number.isFinite(c.m_x) && c.m_x > 0,
  );
  if (observations.length === 0) {
    throw new RangeError('fitGammaGamma needs at least one customer with x ≥ 1 and m_x > 0');
  }
  // Start at p = 1, q = 2 and γ so that the implied population mean pγ/(q−1)
  // equals the sample mean of m_x: puts γ on the currency/token scale.
  const meanSpend = observations.reduce((s, c) => s + c.m_x, 0) / observations.length;
  const start = options.initial ?? { p: 1, q: 2, gamma: meanSpend };
  const n = observations.length;
  const objective = (theta: readonly number[]): number => {
    if (theta.some((t) => Math.abs(t) > LOG_PARAM_BOUND)) return Number.POSITIVE_INFINITY;
    return -gammaGammaLogLikelihood(fromLog(theta), observations) / n;
  };
  const result = nelderMead(objective, [start.p, start.q, start.gamma].map(Math.log));
  const params = fromLog(result.x);
  const logLikelihood = gammaGammaLogLikelihood(params, observations);
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
