import { digamma } from './digamma';
import {
  type GroupedSpend,
  groupSpendObservations,
  type SpendObservation,
} from './groupSpendObservations';
import { logGamma } from './logGamma';
import type { GammaGammaParams } from './types';

/**
 * Gamma-gamma log-likelihood of the observed mean spends m_x (FHL 2005b; note 025):
 *
 *   f(m_x | p, q, γ, x) = Γ(px+q) / (Γ(px)Γ(q)) · γ^q · m_x^{px−1} · x^{px} / (γ + x·m_x)^{px+q}
 *
 * This is the density of m_x (CLVTools' convention: −4055.92 on CDNOW). The paper
 * reports the density of total spend x·m_x instead, which differs by the constant
 * −Σ ln x (−4659.29 on CDNOW); the constant does not move the MLE.
 *
 * Accepts raw observations (filtered/grouped on the fly; see groupSpendObservations
 * for which are used) or a pre-grouped set for repeated calls. If `gradientOut`
 * (length ≥ 3) is given it receives ∂LL/∂(p, q, γ):
 *   ∂/∂p = x (ψ(px+q) − ψ(px) + ln x + ln m_x − ln(γ + x m_x))
 *   ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + x m_x)
 *   ∂/∂γ = q/γ − (px+q)/(γ + x m_x)
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  observations: readonly SpendObservation[] | GroupedSpend,
  gradientOut?: Float64Array,
): number {
  const data = isGrouped(observations) ? observations : groupSpendObservations(observations);
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const { xValues, xCounts, rowX, rowTotal, rowLogMean, rowCount } = data;

  // Terms that depend on x only (a few dozen distinct values): lnΓ and x ln x.
  const nx = xValues.length;
  const perX = new Float64Array(nx);
  const lnGamma = Math.log(gamma);
  const constant = q * lnGamma - logGamma(q);
  for (let k = 0; k < nx; k++) {
    const x = xValues[k] ?? 0;
    perX[k] = constant + logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x);
  }

  let total = 0;
  // Gradient accumulators over rows: Σc·x·(ln m − ln(γ+xm)), Σc·ln(γ+xm), Σc·(px+q)/(γ+xm).
  let sumXLogRatio = 0;
  let sumLogDen = 0;
  let sumInvDen = 0;
  const n = rowCount.length;
  for (let i = 0; i < n; i++) {
    const k = rowX[i] ?? 0;
    const x = xValues[k] ?? 0;
    const c = rowCount[i] ?? 0;
    const lnM = rowLogMean[i] ?? 0;
    const den = gamma + (rowTotal[i] ?? 0);
    const lnDen = Math.log(den);
    const px = p * x;
    total += c * ((perX[k] ?? 0) + (px - 1) * lnM - (px + q) * lnDen);
    if (gradientOut) {
      sumXLogRatio += c * x * (lnM - lnDen);
      sumLogDen += c * lnDen;
      sumInvDen += (c * (px + q)) / den;
    }
  }

  if (gradientOut) {
    let gP = sumXLogRatio;
    let gQ = -sumLogDen;
    const psiQ = digamma(q);
    for (let k = 0; k < nx; k++) {
      const x = xValues[k] ?? 0;
      const m = xCounts[k] ?? 0;
      const psiPXQ = digamma(p * x + q);
      gP += m * x * (psiPXQ - digamma(p * x) + Math.log(x));
      gQ += m * (psiPXQ - psiQ + lnGamma);
    }
    gradientOut[0] = gP;
    gradientOut[1] = gQ;
    gradientOut[2] = (data.customers * q) / gamma - sumInvDen;
  }
  return total;
}

function isGrouped(v: readonly SpendObservation[] | GroupedSpend): v is GroupedSpend {
  return !Array.isArray(v);
}
