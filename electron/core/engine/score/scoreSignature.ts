import { SEGMENTS } from '../../../../shared/domain/segments';
import type { ScoreRow } from '../../store/scoreStore';

const TWO_32 = 2 ** 32;
const NULL_WORD = 0x7fffffff;

// Two independent 32-bit FNV-1a lanes, kept in module state so hashing a row allocates nothing:
// a full re-segmentation hashes every supporter.
let low = 0;
let high = 0;

function mixWord(value: number): void {
  low = Math.imul(low ^ value, 0x01000193) >>> 0;
  high = Math.imul(high ^ value, 0x000193d1) >>> 0;
}

function mixNumber(value: number | null): void {
  if (value === null) {
    mixWord(NULL_WORD);
    mixWord(NULL_WORD);
  } else {
    mixWord(value >>> 0);
    mixWord(Math.floor(value / TWO_32) >>> 0);
  }
}

/**
 * A 52-bit hash of a stored score's values (every field but `asOf`), so a full re-segmentation can
 * tell an unchanged row from its signature alone and skip rewriting it and its tab indexes. With
 * two independent lanes an accidental match is about one in 2^52.
 */
export function scoreSignature(row: Omit<ScoreRow, 'signature' | 'supporterId' | 'asOf'>): number {
  low = 0x811c9dc5;
  high = 0x5bd1e995;
  mixNumber(row.engineVersion);
  mixNumber(row.edgeAt);
  mixNumber(SEGMENTS.indexOf(row.segment));
  mixNumber(row.online ? 1 : 0);
  mixNumber(row.lifetimeTokens);
  mixNumber(row.monthlyTokens);
  mixNumber(row.lastActivityAt);
  mixNumber(row.firstPurchaseAt);
  mixNumber(row.unreadCount);
  mixNumber(row.lastCreatorMessageAt);
  mixNumber(row.conversionProbability);
  mixNumber(row.priorityScore);
  mixNumber(row.fanClubActive ? 1 : 0);
  for (const listingId of row.registeredListingIds) {
    for (let index = 0; index < listingId.length; index += 1) mixWord(listingId.charCodeAt(index));
    mixWord(0xffff);
  }
  return (high & 0xfffff) * TWO_32 + low;
}
