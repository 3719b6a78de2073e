import { DAY_MS } from '../engine/engineTime';
import { isSpendActivity } from '../engine/isSpendActivity';
import { isSupporterInitiated } from '../engine/isSupporterInitiated';
import type { SpendRow } from '../store/actionLogStore';

export const EXPECTED_IMPACT_LOOKBACK_DAYS = 90;
const WEEK_MS = 7 * DAY_MS;

/**
 * SPEC §7: the supporter's average spend per active week over the last 90 days. Weeks are counted
 * back from `now` in 7-day steps, `(now − 7(k+1) days, now − 7k days]`; a week is active when the
 * supporter did anything in it (supporter-initiated activity); the spend of those 90 days is
 * divided by the number of active weeks (0 when there is none).
 */
export function averageSpendPerActiveWeek(rows: readonly SpendRow[], now: number): number {
  const from = now - EXPECTED_IMPACT_LOOKBACK_DAYS * DAY_MS;
  const activeWeeks = new Set<number>();
  let spend = 0;
  for (const row of rows) {
    if (row.at <= from || row.at > now) continue;
    if (isSpendActivity(row.type)) spend += row.tokens;
    if (isSupporterInitiated(row.type, row.online)) activeWeeks.add(Math.floor((now - row.at) / WEEK_MS));
  }
  return activeWeeks.size === 0 ? 0 : spend / activeWeeks.size;
}

/** round(conversionProbability / 100 × average spend per active week). */
export function estimatedTokensFor(conversionProbability: number, averageWeeklySpend: number): number {
  return Math.round((conversionProbability / 100) * averageWeeklySpend);
}
