/**
 * Removes binary floating-point noise before a threshold or rounding: 0.3 × 70 is
 * 21.000000000000004 in doubles, and a score that is exactly 69.5 on paper must round to 70.
 */
export function snapNumber(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Rounds a display value to `decimals` places (half up), after snapping the noise away. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(snapNumber(value * factor)) / factor;
}
