import type { RfmSummary } from './types';

/**
 * Customers collapsed to unique (x, t_x, T) rows with multiplicities, laid out in
 * typed arrays for the likelihood's hot loop.
 *
 * Why: the likelihood of a customer depends only on (x, t_x, T), and on real data
 * those repeat a lot (day-resolution timestamps, many x = 0 customers with the same
 * cohort date). On top of that, the expensive pieces are shared even more widely:
 * lnΓ terms depend on x alone, ln(α+T) on T alone, ln(α+t_x) on t_x alone — so we
 * index each row into small tables of distinct x, T and t_x values and evaluate
 * those once per likelihood call.
 */
export interface GroupedRfm {
  /** Number of customers represented (Σ counts). */
  readonly customers: number;
  /** Distinct x values (ascending). */
  readonly xValues: Float64Array;
  /** Distinct T values and distinct t_x values (ascending). */
  readonly tValues: Float64Array;
  readonly txValues: Float64Array;
  /** Per unique row: index into xValues / tValues / txValues, and the multiplicity. */
  readonly rowX: Int32Array;
  readonly rowT: Int32Array;
  readonly rowTx: Int32Array;
  readonly rowCount: Float64Array;
}

export function groupRfmSummaries(customers: readonly RfmSummary[]): GroupedRfm {
  const rows = new Map<string, { x: number; t_x: number; T: number; count: number }>();
  for (const c of customers) {
    validate(c);
    // x = 0 customers have no meaningful t_x; normalise it so they share a row.
    const t_x = c.x === 0 ? 0 : c.t_x;
    const key = `${c.x}|${t_x}|${c.T}`;
    const row = rows.get(key);
    if (row) row.count += 1;
    else rows.set(key, { x: c.x, t_x, T: c.T, count: 1 });
  }
  const uniqueRows = [...rows.values()];
  const xValues = sortedDistinct(uniqueRows.map((r) => r.x));
  const tValues = sortedDistinct(uniqueRows.map((r) => r.T));
  const txValues = sortedDistinct(uniqueRows.map((r) => r.t_x));
  const xIndex = indexOf(xValues);
  const tIndex = indexOf(tValues);
  const txIndex = indexOf(txValues);
  const n = uniqueRows.length;
  const rowX = new Int32Array(n);
  const rowT = new Int32Array(n);
  const rowTx = new Int32Array(n);
  const rowCount = new Float64Array(n);
  uniqueRows.forEach((r, i) => {
    rowX[i] = xIndex.get(r.x) ?? 0;
    rowT[i] = tIndex.get(r.T) ?? 0;
    rowTx[i] = txIndex.get(r.t_x) ?? 0;
    rowCount[i] = r.count;
  });
  return { customers: customers.length, xValues, tValues, txValues, rowX, rowT, rowTx, rowCount };
}

function validate(c: RfmSummary): void {
  const ok =
    Number.isInteger(c.x) &&
    c.x >= 0 &&
    Number.isFinite(c.t_x) &&
    Number.isFinite(c.T) &&
    c.t_x >= 0 &&
    c.T >= 0 &&
    (c.x === 0 || c.t_x <= c.T);
  if (!ok) {
    throw new RangeError(
      `invalid RFM summary (x=${c.x}, t_x=${c.t_x}, T=${c.T}): need integer x ≥ 0 and 0 ≤ t_x ≤ T`,
    );
  }
}

function sortedDistinct(values: number[]): Float64Array {
  return Float64Array.from(new Set(values)).sort();
}

function indexOf(values: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  values.forEach((v, i) => map.set(v, i));
  return map;
}
