import { logGamma } from './logGamma';
import type { GammaGammaParams } from './types';

/** One spend observation: x repeat transactions with mean value m_x. */
export interface SpendObservation {
  readonly x: number;
  readonly m_x: number;
}

/**
 * Gamma-gamma log-likelihood of the observed mean spends m_x (FHL 2005b, eq. 3):
 *
 *   f(m_x | p, q, γ, x) = Γ(px+q) / (Γ(px)Γ(q)) · γ^q · m_x^{px−1} · x^{px} / (γ + x·m_x)^{px+q}
 *
 * This is the density of m_x (CLVTools' convention, −4055.92 on CDNOW). The paper
 * reports the density of total spend x·m_x instead, which differs by the constant
 * −Σ ln x (−4659.29 on CDNOW); the constant does not move the MLE.
 *
 * Only observations with x ≥ 1 and m_x > 0 are meaningful; callers filter them.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  observations: readonly SpendObservation[],
): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const constant = q * Math.log(gamma) - logGamma(q);
  // lnΓ terms depend on x only; cache them per distinct x (a few dozen values).
  const perX = new Map<number, number>();
  let total = 0;
  for (const { x, m_x } of observations) {
    let lx = perX.get(x);
    if (lx === undefined) {
      lx = logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x);
      perX.set(x, lx);
    }
    total += constant + lx + (p * x - 1) * Math.log(m_x) - (p * x + q) * Math.log(gamma + x * m_x);
  }
  return total;
}
