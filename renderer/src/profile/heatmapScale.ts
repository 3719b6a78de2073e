/**
 * Pure helpers for the weekday × hour heatmap and the best-contact-time summary (SPEC §6).
 */

/** Colour step 0–4 for a cell: 0 only for no activity, so a single visit is still visible. */
export function heatmapLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  const share = count / max;
  if (share > 0.75) return 4;
  if (share > 0.5) return 3;
  if (share > 0.25) return 2;
  return 1;
}

/** The 3-hour window the engine scores around the best hour (hours wrap past midnight). */
export function bestContactHours(hour: number): [number, number, number] {
  return [(hour + 23) % 24, hour, (hour + 1) % 24];
}

/** The largest cell, for scaling; 0 for an empty or malformed grid. */
export function heatmapMax(grid: readonly (readonly number[])[]): number {
  let max = 0;
  for (const row of grid) for (const count of row) if (count > max) max = count;
  return max;
}

/** Total activities in the grid. */
export function heatmapTotal(grid: readonly (readonly number[])[]): number {
  let total = 0;
  for (const row of grid) for (const count of row) total += count;
  return total;
}

/** "Low" / "Medium" / "High" wording for a confidence percentage, so 31% is not read as precise. */
export function confidenceWord(confidence: number): 'Low' | 'Medium' | 'High' {
  if (confidence >= 50) return 'High';
  if (confidence >= 25) return 'Medium';
  return 'Low';
}

/** A weekly moment (weekday 0–6 from Sunday, hour, minute) as read in one zone. */
export interface WeeklyTime {
  day: number;
  hour: number;
  minute: number;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function weeklyTimeIn(at: number, timeZone: string): WeeklyTime {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(part('weekday')), hour: Number(part('hour')), minute: Number(part('minute')) };
}

/**
 * The same weekly moment read in another zone: `day` at `hour`:00 in `fromZone` is found at its
 * next occurrence after `now` (so daylight saving is that of the coming week) and read in `toZone`.
 * Quarter-hour steps reach zones offset by 30 or 45 minutes. Null for an unknown zone.
 */
export function weeklyTimeInZone(day: number, hour: number, fromZone: string, toZone: string, now: number): WeeklyTime | null {
  try {
    const start = Math.floor(now / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    for (let at = start; at < start + 8 * 24 * 3_600_000; at += QUARTER_HOUR_MS) {
      const there = weeklyTimeIn(at, fromZone);
      if (there.day === day && there.hour === hour && there.minute === 0) return weeklyTimeIn(at, toZone);
    }
  } catch {
    return null;
  }
  // A local hour skipped by a daylight-saving jump in the coming week: there is no such moment to convert.
  return null;
}
