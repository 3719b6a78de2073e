import { compareNowOrder, type NowOrderKey } from './nowOrder';

/** Reads rows `offset…offset + limit` of the stored order (the queue's index, without the moved supporters). */
export type StoredOrderReader = (offset: number, limit: number) => NowOrderKey[];

/**
 * One page of the Now queue, exact, from two sorted lists: the stored order (every member whose
 * score no time-dependent term moves, `storedTotal` of them, read from the index a window at a
 * time) and `moved` (the few whose score a follow-up or a recent action moves, sorted by
 * `compareNowOrder`).
 *
 * The moved list has m entries, so the stored row at rank r sits at merged position r + (moved
 * entries before it) ≤ r + m. Reading the stored order from s = offset − m (or 0) therefore starts
 * at or before the page; that first row's merged position is known exactly (s + the moved entries
 * before it), and merging on from it covers the page once offset + limit − s stored rows are read.
 * Past the last stored row read, only moved entries that come before it are placed, unless the
 * stored order ended there.
 */
export function mergeNowPage(moved: readonly NowOrderKey[], readStored: StoredOrderReader, storedTotal: number, offset: number, limit: number): NowOrderKey[] {
  if (limit <= 0 || offset >= storedTotal + moved.length) return [];
  if (storedTotal === 0) return moved.slice(offset, offset + limit);
  // Never past the stored order's last row, so the window has a first row to place.
  const start = Math.min(Math.max(0, offset - moved.length), storedTotal - 1);
  const stored = readStored(start, offset + limit - start);
  const first = stored[0];
  if (first === undefined) return moved.slice(offset, offset + limit);
  // Merged position of the window's first row: its rank plus the moved entries ahead of it (all of them from 0).
  const movedBefore = start === 0 ? 0 : countBefore(moved, first);
  const storedEnded = start + stored.length >= storedTotal;
  const last = stored[stored.length - 1] as NowOrderKey;
  const merged: NowOrderKey[] = [];
  let position = start + movedBefore;
  let i = 0;
  let j = movedBefore;
  const end = offset + limit;
  while (position < end) {
    const nextStored = stored[i];
    const nextMoved = moved[j];
    let next: NowOrderKey;
    if (nextStored !== undefined && (nextMoved === undefined || compareNowOrder(nextStored, nextMoved) < 0)) {
      next = nextStored;
      i += 1;
    } else if (nextMoved !== undefined && (storedEnded || compareNowOrder(nextMoved, last) < 0)) {
      next = nextMoved;
      j += 1;
    } else {
      break;
    }
    if (position >= offset) merged.push(next);
    position += 1;
  }
  return merged;
}

/** How many entries of a sorted list come before `key` (binary search). */
function countBefore(sorted: readonly NowOrderKey[], key: NowOrderKey): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNowOrder(sorted[middle] as NowOrderKey, key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
