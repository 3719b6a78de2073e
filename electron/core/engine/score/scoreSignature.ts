import { SEGMENTS } from '../../../../shared/domain/segments';
import type { ScoreRow } from '../../store/scoreStore';

const TWO_32 = 2 ** 32;

/** The row's numbers, null as NaN, and the same bytes as 32-bit words to hash: one scratch area, so hashing allocates nothing. */
const values = new Float64Array(13);
const words = new Uint32Array(values.buffer);

/**
 * A 52-bit hash of a stored score's values (every field but `asOf`), so a full re-segmentation can
 * tell an unchanged row from its signature alone and skip rewriting it and its tab indexes. Two
 * independent 32-bit FNV-1a lanes over the values' IEEE bytes (and the listing ids' characters):
 * an accidental match is about one in 2^52. The lanes live in locals, and the values are hashed in
 * one loop: every rescored supporter of every batch is hashed.
 */
export function scoreSignature(row: Omit<ScoreRow, 'signature' | 'supporterId' | 'asOf'>): number {
  values[0] = row.engineVersion;
  values[1] = row.edgeAt ?? Number.NaN;
  values[2] = SEGMENTS.indexOf(row.segment);
  values[3] = row.online ? 1 : 0;
  values[4] = row.lifetimeTokens;
  values[5] = row.monthlyTokens;
  values[6] = row.lastActivityAt ?? Number.NaN;
  values[7] = row.firstPurchaseAt ?? Number.NaN;
  values[8] = row.unreadCount;
  values[9] = row.lastCreatorMessageAt ?? Number.NaN;
  values[10] = row.conversionProbability;
  values[11] = row.priorityScore;
  values[12] = row.fanClubActive ? 1 : 0;
  let low = 0x811c9dc5;
  let high = 0x5bd1e995;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as number;
    low = Math.imul(low ^ word, 0x01000193) >>> 0;
    high = Math.imul(high ^ word, 0x000193d1) >>> 0;
  }
  for (const listingId of row.registeredListingIds) {
    for (let index = 0; index <= listingId.length; index += 1) {
      // 0xffff after the last character separates one id from the next.
      const word = index < listingId.length ? listingId.charCodeAt(index) : 0xffff;
      low = Math.imul(low ^ word, 0x01000193) >>> 0;
      high = Math.imul(high ^ word, 0x000193d1) >>> 0;
    }
  }
  return (high & 0xfffff) * TWO_32 + low;
}
