import type { SupporterRollup } from '../engine/rollup/supporterRollup';

/**
 * The numbers of a stored rollup as one blob (`supporter_state.rollup`, migration 9): these eleven
 * doubles, null as NaN, then the windowed entries (`SupporterRollup.recent`). All are integers
 * below 2^53, so doubles hold them exactly. Byte order is the platform's, little-endian on every
 * platform the app ships for (as the entries' blob before it).
 *
 * Why one blob: the incremental recompute rewrites a thousand random rows per sync page, and SQLite
 * reads every column of a row to rewrite it; fifteen rollup columns cost more to bind, read and
 * rewrite than one (docs/performance.md).
 */
const HEADER_DOUBLES = 11;

/** The rollup's numbers as a blob (a fresh small Buffer, cut from Node's pool: no allocation of its own). */
export function encodeRollupBlob(rollup: SupporterRollup): Buffer {
  const recent = rollup.recent;
  const length = HEADER_DOUBLES + recent.length;
  const pooled = Buffer.allocUnsafe(length * 8);
  // Node aligns its pool to 8 bytes; were a slice ever not aligned, the doubles get their own buffer.
  const numbers = pooled.byteOffset % 8 === 0 ? new Float64Array(pooled.buffer, pooled.byteOffset, length) : new Float64Array(length);
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
  for (let index = 0; index < recent.length; index += 1) numbers[HEADER_DOUBLES + index] = recent[index] as number;
  return numbers.buffer === pooled.buffer ? pooled : Buffer.from(numbers.buffer);
}

/** A stored rollup from its blob and its two text fields; `recent` is a view of the blob. */
export function decodeRollupBlob(supporterId: string, blob: Buffer, presenceId: string | null, registeredListingIds: string[]): SupporterRollup {
  const numbers = float64View(blob);
  if (numbers.length < HEADER_DOUBLES) throw new Error(`The stored rollup of ${supporterId} is damaged (${blob.byteLength} bytes)`);
  return {
    supporterId,
    activityCount: numbers[0] as number,
    maxAt: orNull(numbers[1] as number),
    lifetimeTokens: numbers[2] as number,
    firstPurchaseAt: orNull(numbers[3] as number),
    lastActivityAt: orNull(numbers[4] as number),
    giftsLifetime: numbers[5] as number,
    lastMatchAt: orNull(numbers[6] as number),
    presenceAt: orNull(numbers[7] as number),
    presenceId,
    online: numbers[8] === 1,
    lastCreatorMessageAt: orNull(numbers[9] as number),
    unreadCount: numbers[10] as number,
    registeredListingIds,
    recent: numbers.subarray(HEADER_DOUBLES),
  };
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** The blob's doubles without a copy when the Buffer is 8-byte aligned (Node's pool and better-sqlite3 both align), else copied. */
function float64View(blob: Buffer): Float64Array {
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength >> 3);
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float64Array(bytes.buffer, 0, blob.byteLength >> 3);
}
