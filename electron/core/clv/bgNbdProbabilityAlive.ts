import type { BgNbdParams } from './types';

/**
 * P(alive | x, t_x, T) under BG/NBD (FHL 2005a, eq. 11):
 *   1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})
 *
 * With x = 0 this is exactly 1: in BG/NBD a customer can only drop out right after
 * a repeat purchase, so someone who never repurchased is "alive" by construction.
 * (That is a known quirk of the model, and the reason the supporter view reports
 * "not enough data" instead of 100% for single-purchase supporters.)
 *
 * The odds are formed in log space because ((α+T)/(α+t_x))^{r+x} overflows for
 * heavy buyers who went quiet long ago; overflow to +∞ correctly yields 0.
 */
export function bgNbdProbabilityAlive(
  params: BgNbdParams,
  x: number,
  t_x: number,
  T: number,
): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + t_x));
  return 1 / (1 + Math.exp(logOdds));
}
