import type { Segment } from '../../../../shared/domain/segments';

export const PRIORITY_CAP = 150;

/** SPEC §5: probability + 20 online + 15 vip + 10 live in the last 7 days + 10 gifts in the last 7 days, capped at 150. */
export function computePriorityScore(facts: {
  conversionProbability: number;
  online: boolean;
  segment: Segment;
  liveActivity7d: boolean;
  gifts7d: number;
}): number {
  const score =
    facts.conversionProbability +
    (facts.online ? 20 : 0) +
    (facts.segment === 'vip' ? 15 : 0) +
    (facts.liveActivity7d ? 10 : 0) +
    (facts.gifts7d > 0 ? 10 : 0);
  return Math.min(PRIORITY_CAP, score);
}
