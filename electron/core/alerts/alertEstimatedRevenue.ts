import { averageSpendPerActiveWeek, estimatedTokensFor, EXPECTED_IMPACT_LOOKBACK_DAYS } from '../actions/expectedImpact';
import { DAY_MS } from '../engine/engineTime';
import type { AlertRecord, AlertStore } from '../store/alertStore';

/**
 * An alert's `metadata.estimatedRevenue`: SPEC §7's estimate at the trigger — its conversion
 * probability times the supporter's average spend per active week over the 90 days before it,
 * counting the records up to the trigger in (`at`, `id`) order (a record at the same instant that
 * comes after it is not part of that moment).
 *
 * Worked out when the alert is shown rather than stored: it reads 90 days of the supporter's
 * records, which for each alert a sync page raised cost more than the rest of that page's alert
 * evaluation together, while a list shows at most 100 alerts. It also follows late records at
 * once, as everything else about an alert does.
 */
export function alertEstimatedRevenue(store: AlertStore, alert: Pick<AlertRecord, 'supporterId' | 'createdAt' | 'triggerActivityId' | 'conversionProbability'>): number {
  const trigger = alert.triggerActivityId;
  const rows = store
    .impactRows(alert.supporterId, alert.createdAt - EXPECTED_IMPACT_LOOKBACK_DAYS * DAY_MS, alert.createdAt)
    .filter((row) => trigger === null || row.at < alert.createdAt || row.id <= trigger);
  return estimatedTokensFor(alert.conversionProbability, averageSpendPerActiveWeek(rows, alert.createdAt));
}
