import { ENGINE_VERSION } from '../engineVersion';
import { emptyRollup, type RollupActivity, type ScoringRollup } from '../rollup/supporterRollup';
import type { ScoreRow } from './scoreRow';
import { scoreSupporter } from './scoreSupporter';
import { summarizeActivities } from './summarizeActivities';
import { summarizeRollup } from './summarizeRollup';

/**
 * Where a score is computed: one supporter's stored score at `now`, from their rollup (null: no
 * activity at all, so cold) and the fan club flag. A rollup answers only for a `now` at or after
 * its latest record; an earlier `now` (a backtest) reads the supporter's raw activity instead.
 */
export function buildScoreRow(
  supporterId: string,
  fanClubActive: boolean,
  rollup: ScoringRollup | null,
  now: number,
  rawActivityOf: (supporterId: string) => readonly RollupActivity[],
): ScoreRow {
  const summary =
    rollup !== null && rollup.maxAt !== null && rollup.maxAt > now
      ? summarizeActivities(supporterId, rawActivityOf(supporterId), now)
      : summarizeRollup(rollup ?? emptyRollup(supporterId), now);
  const score = scoreSupporter(summary, fanClubActive, now);
  return {
    supporterId,
    engineVersion: ENGINE_VERSION,
    asOf: now,
    edgeAt: summary.nextChangeAt,
    segment: score.segment,
    online: summary.online,
    lifetimeTokens: summary.lifetimeTokens,
    monthlyTokens: summary.monthlyTokens,
    lastActivityAt: summary.lastActivityAt,
    firstPurchaseAt: summary.firstPurchaseAt,
    unreadCount: summary.unreadCount,
    lastCreatorMessageAt: summary.lastCreatorMessageAt,
    registeredListingIds: summary.registeredListingIds,
    conversionProbability: score.conversionProbability,
    priorityScore: score.priorityScore,
    fanClubActive,
  };
}
