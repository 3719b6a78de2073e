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
