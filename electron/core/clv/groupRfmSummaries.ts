import type { RfmSummary } from './types';

/**
 * Customers collapsed to unique (x, t_x, T) rows with multiplicities, laid out in
 * typed arrays for the likelihood's hot loop.
 *
 * Why: the likelihood of a customer depends only on (x, t_x, T), and on real data
 * those repeat a lot (day-resolution timestamps, many x = 0 customers sharing a
 * cohort date). On top of that the expensive pieces are shared even more widely:
 * lnΓ terms depend on x alone, ln(α+T) on T alone, ln(α+t_x) on t_x alone — so each
 * row indexes into small tables of distinct x, T and t_x values that the likelihood
 * evaluates once per call.
 */
export interface GroupedRfm {
  /** Number of customers represented (Σ counts). */
  readonly customers: number;
  /** Distinct x values (ascending) and how many customers have each. */
  readonly xValues: Float64Array;
  readonly xCounts: Float64Array;
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
  return groupRfmRows(customers.length, (i) => customers[i] ?? { x: Number.NaN, t_x: Number.NaN, T: Number.NaN });
}

/**
 * The same grouping of customers 0 … n − 1 given one at a time by `customerAt`, which may hand
 * out the same object each time (each customer's values are copied as soon as it is read).
 */
export function groupRfmRows(n: number, customerAt: (i: number) => RfmSummary): GroupedRfm {
  const xs = new Float64Array(n);
  const txs = new Float64Array(n);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = customerAt(i);
    validate(c);
    xs[i] = c.x;
    // x = 0 customers have no meaningful t_x; normalise it so they share rows.
    txs[i] = c.x === 0 ? 0 : c.t_x;
    ts[i] = c.T;
  }
  const xValues = sortedDistinct(xs);
  const tValues = sortedDistinct(ts);
  const txValues = sortedDistinct(txs);
  const xIndex = indexOf(xValues);
  const tIndex = indexOf(tValues);
  const txIndex = indexOf(txValues);

  // Row identity as one integer (x, T, t_x indices in mixed radix) — a numeric Map
  // key is several times faster than string keys at 100k customers. Bounded by
  // (#x)·(#T)·(#t_x) ≤ n³ ≤ 2^53 for any n below ~200 000; beyond that fall back
  // to string keys.
  const nT = tValues.length;
  const nTx = txValues.length;
  const numericKeys = xValues.length * nT * nTx < Number.MAX_SAFE_INTEGER;
  const rowOf = new Map<number | string, number>();
  const rowXList: number[] = [];
  const rowTList: number[] = [];
  const rowTxList: number[] = [];
  const rowCountList: number[] = [];
  const xCounts = new Float64Array(xValues.length);
  for (let i = 0; i < n; i++) {
    const kx = xIndex.get(xs[i] ?? 0) ?? 0;
    const kt = tIndex.get(ts[i] ?? 0) ?? 0;
    const ktx = txIndex.get(txs[i] ?? 0) ?? 0;
    xCounts[kx] = (xCounts[kx] ?? 0) + 1;
    const key = numericKeys ? (kx * nT + kt) * nTx + ktx : `${kx}|${kt}|${ktx}`;
    const row = rowOf.get(key);
    if (row !== undefined) {
      rowCountList[row] = (rowCountList[row] ?? 0) + 1;
    } else {
      rowOf.set(key, rowCountList.length);
      rowXList.push(kx);
      rowTList.push(kt);
      rowTxList.push(ktx);
      rowCountList.push(1);
    }
  }
  return {
    customers: n,
    xValues,
    xCounts,
    tValues,
    txValues,
    rowX: Int32Array.from(rowXList),
    rowT: Int32Array.from(rowTList),
    rowTx: Int32Array.from(rowTxList),
    rowCount: Float64Array.from(rowCountList),
  };
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

function sortedDistinct(values: Float64Array): Float64Array {
  return Float64Array.from(new Set(values)).sort();
}

function indexOf(values: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  values.forEach((v, i) => map.set(v, i));
  return map;
}
