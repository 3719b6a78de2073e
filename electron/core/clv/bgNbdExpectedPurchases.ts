import { bgNbdExpectedPurchasesIfAlive } from './bgNbdExpectedPurchasesIfAlive';
import type { BgNbdParams } from './types';

/**
 * E[X(t)]: expected repeat purchases in (0, t] for a customer who has just made
 * their first purchase (FHL 2005a, eq. 9):
 *   (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
 *
 * That is the conditional expectation at x = 0, T = 0 (alive with certainty), so we
 * delegate and share its numerically careful evaluation.
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return bgNbdExpectedPurchasesIfAlive(params, t, 0, 0);
}
