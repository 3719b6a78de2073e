import type { HotLeadPrecision } from '../../../shared/domain/modelQuality';
import type { Segment } from '../../../shared/domain/segments';

/**
 * How last week's Hot Leads turned out: each candidate comes with the segment the engine gave them
 * a week ago, from the activity known then; precision is the share of those who were Hot Leads that
 * bought something in the week after (`spenders`). Candidates are added one at a time, so the
 * caller reads them in slices and keeps none.
 */
export class HotLeadTally {
  private hotLeadsLastWeek = 0;
  private spentInFollowing7Days = 0;

  constructor(private readonly spenders: ReadonlySet<string>) {}

  add(supporterId: string, segmentThen: Segment): void {
    this.addVerdict(supporterId, segmentThen === 'hot_lead');
  }

  /** The same, when all that is known is whether they were a Hot Lead then. */
  addVerdict(supporterId: string, wasHotLead: boolean): void {
    if (!wasHotLead) return;
    this.hotLeadsLastWeek += 1;
    if (this.spenders.has(supporterId)) this.spentInFollowing7Days += 1;
  }

  /** Null when nobody was a Hot Lead then. */
  precision(): HotLeadPrecision | null {
    const { hotLeadsLastWeek, spentInFollowing7Days } = this;
    return hotLeadsLastWeek === 0 ? null : { hotLeadsLastWeek, spentInFollowing7Days, precision: spentInFollowing7Days / hotLeadsLastWeek };
  }
}
