import type { HoldoutBin, RepeatBinLabel } from './types';

export interface HoldoutComparison {
  /** Calibration repeat purchases. */
  readonly x: number;
  readonly actual: number;
  readonly predicted: number;
}

const LABELS: readonly RepeatBinLabel[] = ['0', '1', '2', '3', '4', '5', '6', '7+'];

/**
 * Groups customers by calibration repeat count into 0, 1, …, 6, 7+ (the bins of
 * FHL 2005a, Figure 4) and averages actual vs predicted holdout purchases.
 * All eight bins are always returned, in order, so charts and diffs have a stable
 * shape; an empty bin reports 0 customers and means of 0 (not NaN, which would not
 * survive JSON). Rows are read once, in order, so a generator will do.
 */
export function binByRepeatCount(rows: Iterable<HoldoutComparison>): HoldoutBin[] {
  const customers = new Array<number>(LABELS.length).fill(0);
  const actual = new Array<number>(LABELS.length).fill(0);
  const predicted = new Array<number>(LABELS.length).fill(0);
  for (const row of rows) {
    const i = Math.min(Math.max(Math.floor(row.x), 0), LABELS.length - 1);
    customers[i] = (customers[i] ?? 0) + 1;
    actual[i] = (actual[i] ?? 0) + row.actual;
    predicted[i] = (predicted[i] ?? 0) + row.predicted;
  }
  return LABELS.map((x, i) => {
    const n = customers[i] ?? 0;
    return {
      x,
      customers: n,
      actualMean: n > 0 ? (actual[i] ?? 0) / n : 0,
      predictedMean: n > 0 ? (predicted[i] ?? 0) / n : 0,
    };
  });
}
