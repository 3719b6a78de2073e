import type { Segment } from '../../../shared/domain/segments';
import { blankRollupActivity, copyRawActivity } from './rollup/copyRawActivity';
import { SupporterRollupBuilder } from './rollup/supporterRollupBuilder';
import { scoreSupporter } from './score/scoreSupporter';
import { summarizeRollup } from './score/summarizeRollup';

/** The VIP rule's lifetime threshold (SPEC §4): a supporter past it is a VIP before any other rule applies. */
export { VIP_LIFETIME_TOKENS } from './score/classifySegment';

/**
 * The engine's answer for a moment in the past, for features that look back (the customer-base
 * model's Hot Lead precision): the segment a supporter had at `at`, by the same functions as the
 * stored scores, from their activity known then. Each raw row holds, in order, type, at, tokens,
 * minutes, online (1, 0 or null), listingId and a presence record's id; the caller leaves out
 * rows dated after `at`.
 */
export function segmentAtMoment(supporterId: string, rows: Iterable<readonly unknown[]>, fanClubActive: boolean, at: number): Segment {
  const builder = new SupporterRollupBuilder(supporterId);
  const activity = blankRollupActivity();
  for (const row of rows) builder.add(copyRawActivity(activity, row, 0));
  return scoreSupporter(summarizeRollup(builder.finish(), at), fanClubActive, at).segment;
}
