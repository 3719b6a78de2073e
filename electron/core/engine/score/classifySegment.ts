import type { Segment } from '../../../../shared/domain/segments';
import { DAY_MS } from '../engineTime';

export const VIP_LIFETIME_TOKENS = 1000;
export const HOT_LEAD_PROBABILITY = 70;

/** SPEC §4: the first rule that matches wins. No activity counts as infinitely old. */
export function classifySegment(
  facts: { lifetimeTokens: number; lastActivityAt: number | null; conversionProbability: number },
  now: number,
): Segment {
  if (facts.lifetimeTokens >= VIP_LIFETIME_TOKENS) return 'vip';
  const sinceLastActivity = facts.lastActivityAt === null ? Number.POSITIVE_INFINITY : now - facts.lastActivityAt;
  if (sinceLastActivity >= 30 * DAY_MS) return 'cold';
  if (sinceLastActivity >= 7 * DAY_MS) return 'dormant';
  if (facts.conversionProbability >= HOT_LEAD_PROBABILITY) return 'hot_lead';
  return 'active';
}
