import type { Trend } from '../../../../shared/domain/segments';

/**
 * SPEC §6 trend of the last 30 days (A) against the 30 before (B): increasing if A > 1.2 B,
 * decreasing if A < 0.8 B, else stable (both 0 → stable). Compared as 5A vs 6B and 5A vs 4B so
 * the thresholds are exact on integers.
 */
export function compareTrend(recent: number, previous: number): Trend {
  if (5 * recent > 6 * previous) return 'increasing';
  if (5 * recent < 4 * previous) return 'decreasing';
  return 'stable';
}
