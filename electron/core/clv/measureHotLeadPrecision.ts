import type { HotLeadPrecision } from '../../../shared/domain/modelQuality';
import type { SupporterRollup } from '../engine/rollup/supporterRollup';
import { scoreSupporter } from '../engine/score/scoreSupporter';
import { summarizeRollup } from '../engine/score/summarizeRollup';

export interface HotLeadCandidate {
  readonly supporterId: string;
  readonly fanClubActive: boolean;
  /** Their rollup built from the activity known at `at` only (records with `at` ≤ that moment). */
  readonly rollupAt: SupporterRollup;
}

/**
 * How last week's Hot Leads turned out: each candidate is scored by the engine's own pure
 * functions as of `at` (a week ago), from the activity known then; precision is the share of
 * those who were Hot Leads that bought something in the week after (`spenders`).
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
    if (scoreSupporter(summarizeRollup(candidate.rollupAt, at), candidate.fanClubActive, at).segment !== 'hot_lead') continue;
    hotLeadsLastWeek += 1;
    if (spenders.has(candidate.supporterId)) spentInFollowing7Days += 1;
  }
  return hotLeadsLastWeek === 0 ? null : { hotLeadsLastWeek, spentInFollowing7Days, precision: spentInFollowing7Days / hotLeadsLastWeek };
}
