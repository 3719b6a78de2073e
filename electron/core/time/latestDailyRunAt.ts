import { DAY_MS, HOUR_MS } from './timeUnits';

/** The full re-segmentation runs daily at 03:00 UTC (SPEC §9). */
export const DAILY_RUN_HOUR_UTC = 3;

/** The most recent 03:00 UTC at or before `now`: a full run older than this was missed. */
export function latestDailyRunAt(now: number): number {
  const offset = DAILY_RUN_HOUR_UTC * HOUR_MS;
  return Math.floor((now - offset) / DAY_MS) * DAY_MS + offset;
}
