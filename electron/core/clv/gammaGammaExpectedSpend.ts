import type { GammaGammaParams } from './types';

/**
 * E[M | p, q, γ, x, m_x] = p(γ + x·m_x) / (px + q − 1)   (FHL 2005b, eq. 5).
 *
 * It is a weighted average of the population mean pγ/(q−1) and the customer's own
 * m_x, with weight px/(px+q−1) on the customer — more transactions, more trust in
 * their own average. With x = 0 it is the population mean.
 *
 * The population mean only exists for q > 1; below that the model predicts an
 * infinite mean spend, so we refuse rather than return a negative number.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m_x: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) {
    throw new RangeError(`gamma-gamma expected spend needs q > 1 (got q=${q})`);
  }
  return (p * (gamma + x * m_x)) / (p * x + q - 1);
}
