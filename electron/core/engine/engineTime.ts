import { DAY_MS } from '../time/timeUnits';

/** Time units of the engine (the core's own): all engine times are epoch milliseconds (UTC). */
export { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/timeUnits';

/** "Last N days" is the half-open interval (now − N×24h, now] (SPEC §0). */
export function isWithinLastDays(at: number, now: number, days: number): boolean {
  return at > now - days * DAY_MS && at <= now;
}

/** Epoch ms as ISO-8601 UTC, or null for an absent value (SPEC §10). */
export function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
