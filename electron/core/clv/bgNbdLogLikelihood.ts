import type { GroupedRfm } from './groupRfmSummaries';
import { logGamma } from './logGamma';
import type { BgNbdParams } from './types';

/**
 * Total BG/NBD log-likelihood of grouped customers (Fader, Hardie & Lee 2005a, eq. 6):
 *
 *   L(x, t_x, T) = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^{r+x})
 *                + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^{r+x})
 *
 * Everything is done in log space: for large x the two terms underflow long before
 * their ratio becomes extreme, so the x > 0 sum goes through log-sum-exp. Using
 * B(a+1, b+x−1) = B(a, b+x) · a/(b+x−1), both terms share the factor
 *   base(x) = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 * and the row log-likelihood is
 *   base(x) − (r+x) ln(α+T) + log1p(exp(d)),
 *   d = ln a − ln(b+x−1) + (r+x)(ln(α+T) − ln(α+t_x)).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: GroupedRfm): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;

  // Per distinct x: the lnΓ part and ln(a/(b+x−1)). Only a few hundred distinct x
  // even for 100k customers, so this is where the lnΓ cost goes.
  const nx = data.xValues.length;
  const base = new Float64Array(nx);
  const lnDropRatio = new Float64Array(nx);
  const common = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
  const lnA = Math.log(a);
  for (let k = 0; k < nx; k++) {
    const x = data.xValues[k] ?? 0;
    base[k] = common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    lnDropRatio[k] = x > 0 ? lnA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
  }
  const lnAlphaT = logShifted(alpha, data.tValues);
  const lnAlphaTx = logShifted(alpha, data.txValues);

  let total = 0;
  const n = data.rowCount.length;
  for (let i = 0; i < n; i++) {
    const k = data.rowX[i] ?? 0;
    const x = data.xValues[k] ?? 0;
    const lnT = lnAlphaT[data.rowT[i] ?? 0] ?? 0;
    let ll = (base[k] ?? 0) - (r + x) * lnT;
    if (x > 0) {
      const d = (lnDropRatio[k] ?? 0) + (r + x) * (lnT - (lnAlphaTx[data.rowTx[i] ?? 0] ?? 0));
      // log(1 + e^d) without overflow for large d or loss of digits for very negative d.
      ll += d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
    }
    total += (data.rowCount[i] ?? 0) * ll;
  }
  return total;
}

function logShifted(alpha: number, values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let j = 0; j < values.length; j++) out[j] = Math.log(alpha + (values[j] ?? 0));
  return out;
}
