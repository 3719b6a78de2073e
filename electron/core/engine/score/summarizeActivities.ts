import { buildSupporterRollup } from '../rollup/buildSupporterRollup';
import type { RollupActivity } from '../rollup/supporterRollup';
import type { ActivitySummary } from './activitySummary';
import { summarizeRollup } from './summarizeRollup';

/**
 * The summary at `now` from raw activity, seeing only records with `at` ≤ now (SPEC §0), so an
 * earlier `now` shows the workspace as it stood then. A record after now is itself the next change.
 */
export function summarizeActivities(supporterId: string, activities: readonly RollupActivity[], now: number): ActivitySummary {
  let nextRecordAt = Number.POSITIVE_INFINITY;
  const seen: RollupActivity[] = [];
  for (const activity of activities) {
    if (activity.at <= now) seen.push(activity);
    else if (activity.at < nextRecordAt) nextRecordAt = activity.at;
  }
  const summary = summarizeRollup(buildSupporterRollup(supporterId, seen), now);
  if (Number.isFinite(nextRecordAt) && (summary.nextChangeAt === null || nextRecordAt < summary.nextChangeAt)) {
    summary.nextChangeAt = nextRecordAt;
  }
  return summary;
}
