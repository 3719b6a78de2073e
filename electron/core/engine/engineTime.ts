/** Time units of the engine. All engine times are epoch milliseconds (UTC). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** "Last N days" is the half-open interval (now − N×24h, now] (SPEC §0). */
export function isWithinLastDays(at: number, now: number, days: number): boolean {
  return at > now - days * DAY_MS && at <= now;
}

/** Epoch ms as ISO-8601 UTC, or null for an absent value (SPEC §10). */
export function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
