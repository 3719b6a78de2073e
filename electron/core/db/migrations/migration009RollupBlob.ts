/**
 * Step 9's rollup blob encoder, frozen: a copy of `store/rollupBlob.ts` as it was when step 9 was
 * released, so the step writes the same bytes whatever the live code becomes. Migrations never
 * import application code. (A later change of the blob's layout comes with its own step, or with
 * an engine version bump, which rebuilds every rollup from raw activity.)
 *
 * The layout: eleven doubles — activityCount, maxAt, lifetimeTokens, firstPurchaseAt,
 * lastActivityAt, giftsLifetime, lastMatchAt, presenceAt, online (1/0), lastCreatorMessageAt,
 * unreadCount, with null as NaN — then the windowed entries as they were stored in step 8's
 * `recent` column; in the platform's byte order (little-endian everywhere the app ships).
 */
export interface Step9RollupNumbers {
  activityCount: number;
  maxAt: number | null;
  lifetimeTokens: number;
  firstPurchaseAt: number | null;
  lastActivityAt: number | null;
  giftsLifetime: number;
  lastMatchAt: number | null;
  presenceAt: number | null;
  online: boolean;
  lastCreatorMessageAt: number | null;
  unreadCount: number;
  /** Step 8's `recent` entries (already doubles). */
  recent: Float64Array;
}

const HEADER_DOUBLES = 11;

export function encodeStep9RollupBlob(rollup: Step9RollupNumbers): Buffer {
  const numbers = new Float64Array(HEADER_DOUBLES + rollup.recent.length);
  numbers[0] = rollup.activityCount;
  numbers[1] = rollup.maxAt ?? Number.NaN;
  numbers[2] = rollup.lifetimeTokens;
  numbers[3] = rollup.firstPurchaseAt ?? Number.NaN;
  numbers[4] = rollup.lastActivityAt ?? Number.NaN;
  numbers[5] = rollup.giftsLifetime;
  numbers[6] = rollup.lastMatchAt ?? Number.NaN;
  numbers[7] = rollup.presenceAt ?? Number.NaN;
  numbers[8] = rollup.online ? 1 : 0;
  numbers[9] = rollup.lastCreatorMessageAt ?? Number.NaN;
  numbers[10] = rollup.unreadCount;
  numbers.set(rollup.recent, HEADER_DOUBLES);
  return Buffer.from(numbers.buffer);
}
