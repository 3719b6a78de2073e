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
 * Candidates are added one at a time, so the caller reads them in slices and keeps none.
 */
export class HotLeadTally {
  private hotLeadsLastWeek = 0;
  private spentInFollowing7Days = 0;

  constructor(
    private readonly spenders: ReadonlySet<string>,
    private readonly at: number,
  ) {}

  add(candidate: HotLeadCandidate): void {
    const score = scoreSupporter(summarizeRollup(candidate.rollupAt, this.at), candidate.fanClubActive, this.at);
    if (score.segment !== 'hot_lead') return;
    this.hotLeadsLastWeek += 1;
    if (this.spenders.has(candidate.supporterId)) this.spentInFollowing7Days += 1;
  }

  /** Null when nobody was a Hot Lead at `at`. */
  precision(): HotLeadPrecision | null {
    const { hotLeadsLastWeek, spentInFollowing7Days } = this;
    return hotLeadsLastWeek === 0 ? null : { hotLeadsLastWeek, spentInFollowing7Days, precision: spentInFollowing7Days / hotLeadsLastWeek };
  }
}
