import { bgNbdExpectedPurchasesIfAlive } from './bgNbdExpectedPurchasesIfAlive';
import { bgNbdProbabilityAlive } from './bgNbdProbabilityAlive';
import type { BgNbdParams } from './types';

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T+t] for a customer with
 * calibration history (x, t_x, T) (FHL 2005a, eq. 10):
 *
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   ─────────────────────────────────────────────────────────────────────────────────
 *                 1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}
 *
 * The denominator is exactly 1/P(alive), so this is "expected purchases if alive"
 * times "chance alive" — each factor lives in its own numerically careful function.
 */
export function bgNbdConditionalExpectation(
  params: BgNbdParams,
  t: number,
  x: number,
  t_x: number,
  T: number,
): number {
  return (
    bgNbdExpectedPurchasesIfAlive(params, t, x, T) * bgNbdProbabilityAlive(params, x, t_x, T)
  );
}
