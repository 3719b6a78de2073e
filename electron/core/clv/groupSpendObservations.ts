/** One spend observation: x repeat transactions with mean value m_x. */
export interface SpendObservation {
  readonly x: number;
  readonly m_x: number;
}

/**
 * Spend observations usable by the gamma-gamma model (x ≥ 1, m_x > 0), collapsed
 * to unique (x, m_x) rows with counts and with the data-only logarithms
 * precomputed. Token amounts are integers, so m_x = tokens/x repeats a lot; and
 * ln m_x, ln x never change during a fit, so computing them once removes two of the
 * three logarithms per row from every likelihood call.
 *
 * Observations with x < 1 or m_x ≤ 0 are dropped here: x = 0 carries no spend
 * information under the model (the first purchase is excluded by convention,
 * FHL 2005b p. 418) and ln m_x is undefined for m_x ≤ 0.
 */
export interface GroupedSpend {
  /** Number of observations represented (Σ counts). */
  readonly customers: number;
  /** Distinct x values and how many observations have each. */
  readonly xValues: Float64Array;
  readonly xCounts: Float64Array;
  /** Per unique row: index into xValues, x·m_x, ln m_x, multiplicity. */
  readonly rowX: Int32Array;
  readonly rowTotal: Float64Array;
  readonly rowLogMean: Float64Array;
  readonly rowCount: Float64Array;
  /** Mean of m_x over the observations (used for a scale-aware starting point). */
  readonly meanSpend: number;
}

export function groupSpendObservations(observations: readonly SpendObservation[]): GroupedSpend {
  return groupSpendRows(observations.length, (i) => observations[i] ?? { x: Number.NaN, m_x: Number.NaN });
}

/**
 * The same grouping of observations 0 … n − 1 given one at a time by `observationAt`, which may
 * hand out the same object each time (each observation's values are copied as soon as it is read).
 */
export function groupSpendRows(n: number, observationAt: (i: number) => SpendObservation): GroupedSpend {
  const usableX = new Float64Array(n);
  const usableMean = new Float64Array(n);
  let usable = 0;
  for (let i = 0; i < n; i++) {
    const { x, m_x } = observationAt(i);
    if (!(Number.isInteger(x) && x >= 1 && Number.isFinite(m_x) && m_x > 0)) continue;
    usableX[usable] = x;
    usableMean[usable] = m_x;
    usable += 1;
  }
  const xValues = Float64Array.from(new Set(usableX.subarray(0, usable))).sort();
  const xIndex = new Map<number, number>();
  xValues.forEach((v, i) => xIndex.set(v, i));
  const xCounts = new Float64Array(xValues.length);

  const rowOf = new Map<string, number>();
  const rowX: number[] = [];
  const rowMean: number[] = [];
  const rowCount: number[] = [];
  let spendSum = 0;
  for (let i = 0; i < usable; i++) {
    const x = usableX[i] ?? 0;
    const m_x = usableMean[i] ?? 0;
    const k = xIndex.get(x) ?? 0;
    xCounts[k] = (xCounts[k] ?? 0) + 1;
    spendSum += m_x;
    const key = `${k}|${m_x}`;
    const row = rowOf.get(key);
    if (row !== undefined) {
      rowCount[row] = (rowCount[row] ?? 0) + 1;
    } else {
      rowOf.set(key, rowCount.length);
      rowX.push(k);
      rowMean.push(m_x);
      rowCount.push(1);
    }
  }
  return {
    customers: usable,
    xValues,
    xCounts,
    rowX: Int32Array.from(rowX),
    rowTotal: Float64Array.from(rowMean, (m, i) => (xValues[rowX[i] ?? 0] ?? 0) * m),
    rowLogMean: Float64Array.from(rowMean, Math.log),
    rowCount: Float64Array.from(rowCount),
    meanSpend: usable > 0 ? spendSum / usable : 0,
  };
}
