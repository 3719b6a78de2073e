import type { HotLeadPrecision } from '../../../shared/domain/modelQuality';
import type { RollupActivity } from '../engine/rollup/supporterRollup';
import { scoreSupporter } from '../engine/score/scoreSupporter';
import { summarizeActivities } from '../engine/score/summarizeActivities';

export interface HotLeadCandidate {
  readonly supporterId: string;
  readonly fanClubActive: boolean;
  /** Their activities; only those at or before `at` are read. */
  readonly activities: readonly RollupActivity[];
}

/**
 * How last week's Hot Leads turned out: each candidate is scored by the engine's own pure
 * functions as of `at` (a week ago), seeing only the activity known then; precision is the share
 * of those who were Hot Leads that bought something in the week after (`spenders`).
 * Null when nobody was a Hot Lead at `at`.
 */
export function measureHotLeadPrecision(
  candidates: Iterable<HotLeadCandidate>,
  spenders: ReadonlySet<string>,
  at: number,
): HotLeadPrecision | null {
  let hotLeadsLastWeek = 0;
  let spentInFollowing7Days = 0;
  for (const candidate of candidates) {
    const summary = summarizeActivities(candidate.supporterId, candidate.activities, at);
    if (scoreSupporter(summary, candidate.fanClubActive, at).segment !== 'hot_lead') continue;
    hotLeadsLastWeek += 1;
    if (spenders.has(candidate.supporterId)) spentInFollowing7Days += 1;
  }
  return hotLeadsLastWeek === 0 ? null : { hotLeadsLastWeek, spentInFollowing7Days, precision: spentInFollowing7Days / hotLeadsLastWeek };
}
