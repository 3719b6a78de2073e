import type { ConversionPotential } from '../../../../shared/domain/segments';

/** The label of SPEC §3, on the integer probability. */
export function conversionPotentialFor(conversionProbability: number): ConversionPotential {
  if (conversionProbability >= 90) return 'extremely_high';
  if (conversionProbability >= 70) return 'very_high';
  if (conversionProbability >= 50) return 'high';
  if (conversionProbability >= 30) return 'medium';
  return 'low';
}
