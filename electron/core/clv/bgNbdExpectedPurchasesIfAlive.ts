import { hyp2f1 } from './hyp2f1';
import type { BgNbdParams } from './types';

/**
 * Expected BG/NBD repeat purchases in (T, T+t] for a customer with x repeat
 * purchases who is *known to be alive at T*:
 *
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x; a+b+x−1; z)],
 *   z = t/(α+T+t) ∈ [0, 1).
 *
 * This is the numerator of FHL 2005a eq. 10; the conditional expectation is this
 * times P(alive | x, t_x, T). Note it does not depend on t_x, so callers scoring
 * many customers can cache it per (x, T).
 *
 * Numerics. Evaluated literally, 2F1(r+x, b+x; …) is a disaster for heavy buyers:
 * its terms grow like n^x·z^n before decaying (overflow for large x, tens of
 * thousands of terms for z near 1) only to be multiplied by the tiny (1−z)^{r+x}.
 * Euler's transformation 2F1(A,B;C;z) = (1−z)^{C−A−B}·2F1(C−A, C−B; C; z) turns
 * the bracket into
 *   1 − (1−z)^{a−1} · 2F1(a+b−1−r, a−1; a+b+x−1; z),
 * where x only appears in the lower parameter: the series converges *faster* as x
 * grows and no huge intermediate values appear.
 *
 * When a and b are both huge (a degenerate fit), that transformed series is the slow one and
 * the literal form is used instead.
 *
 * The (a−1) in the denominator is a removable singularity (the bracket vanishes as
 * a → 1). Within 1e-4 of a = 1 we interpolate linearly between a = 1 ± 1e-4 (the
 * function is smooth in a), keeping ~10 significant digits instead of dividing
 * rounding noise by (a−1).
 */
const NEAR_ONE = 1e-4;

export function bgNbdExpectedPurchasesIfAlive(
  params: BgNbdParams,
  t: number,
  x: number,
  T: number,
): number {
  if (!(t >= 0)) throw new RangeError(`horizon t must be ≥ 0 (got ${t})`);
  if (t === 0) return 0;
  const { a } = params;
  if (Math.abs(a - 1) < NEAR_ONE) {
    const lo = evaluate({ ...params, a: 1 - NEAR_ONE }, t, x, T);
    const hi = evaluate({ ...params, a: 1 + NEAR_ONE }, t, x, T);
    return lo + ((a - (1 - NEAR_ONE)) / (2 * NEAR_ONE)) * (hi - lo);
  }
  return evaluate(params, t, x, T);
}

function evaluate(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  // (1−z)^{a−1} via log1p: accurate when z is small (short horizons).
  const power = Math.exp((a - 1) * Math.log1p(-z));
  let scaled: number;
  try {
    scaled = power * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  } catch (error) {
    // A degenerate fit (a and b in the hundreds of thousands: dropout all but fixed) makes the
    // transformed series grow for millions of terms; the literal form, whose upper parameters
    // are r+x and b+x, converges quickly there. Both are the same quantity.
    if (!(error instanceof RangeError)) throw error;
    scaled = Math.exp((r + x) * Math.log1p(-z)) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  }
  return ((a + b + x - 1) / (a - 1)) * (1 - scaled);
}
