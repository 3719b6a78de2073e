import type { RollupActivity, SupporterRollup } from './supporterRollup';
import { SupporterRollupBuilder } from './supporterRollupBuilder';

/** The rollup of a complete set of one supporter's activities, in any order. */
export function buildSupporterRollup(supporterId: string, activities: Iterable<RollupActivity>): SupporterRollup {
  const builder = new SupporterRollupBuilder(supporterId);
  for (const activity of activities) builder.add(activity);
  return builder.finish();
}
