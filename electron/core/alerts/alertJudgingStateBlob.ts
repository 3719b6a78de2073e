import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/domain/activityTypes';
import { RECORD_ALERT_TYPES, type AlertJudgingState, type LastAlertTimes } from './alertJudgingState';
import type { TimelineRow } from './supporterTimeline';

/**
 * A judging state's numbers as one blob (`alert_judging_state.state`, migration 13): a header of
 * doubles (null as NaN), then one pair of doubles per row, `[at × 16 + kind, value]`: the kind is
 * the type's index in `ACTIVITY_TYPES` and the value its tokens; a live attendance's watch minutes
 * follow it as a pair of kind `MINUTES_KIND`. Times are integer epoch ms (exact in a double up to
 * the year 19,800 after the × 16) and the rest integers or contract numbers, so doubles hold them
 * exactly. The frontier's position lives in the row's own columns. Byte order is the platform's,
 * little-endian everywhere the app ships (as the engine's rollup blob).
 */
const FORMAT = 1;
const BASE_FIELDS = 8;
const HEADER_DOUBLES = BASE_FIELDS + RECORD_ALERT_TYPES.length;
const KINDS = 16;
const MINUTES_KIND = 15;

export function encodeJudgingState(state: AlertJudgingState): Buffer {
  let pairs = state.rows.length;
  for (const row of state.rows) if (row.minutes !== null) pairs += 1;
  const length = HEADER_DOUBLES + pairs * 2;
  const pooled = Buffer.allocUnsafe(length * 8);
  // Node aligns its pool to 8 bytes; were a slice ever not aligned, the doubles get their own buffer.
  const numbers = pooled.byteOffset % 8 === 0 ? new Float64Array(pooled.buffer, pooled.byteOffset, length) : new Float64Array(length);
  const { base } = state;
  numbers[0] = FORMAT;
  numbers[1] = base.spendTokens;
  numbers[2] = base.gifts;
  numbers[3] = base.firstPurchaseAt ?? Number.NaN;
  numbers[4] = base.lastInitiatedAt ?? Number.NaN;
  numbers[5] = base.lastMatchAt ?? Number.NaN;
  numbers[6] = base.online === null ? Number.NaN : base.online ? 1 : 0;
  numbers[7] = state.openVipOnlineAt ?? Number.NaN;
  RECORD_ALERT_TYPES.forEach((type, index) => {
    numbers[BASE_FIELDS + index] = state.lastAlertAt[type] ?? Number.NaN;
  });
  let offset = HEADER_DOUBLES;
  for (const row of state.rows) {
    numbers[offset] = row.at * KINDS + ACTIVITY_TYPES.indexOf(row.type);
    numbers[offset + 1] = row.tokens;
    offset += 2;
    if (row.minutes !== null) {
      numbers[offset] = row.at * KINDS + MINUTES_KIND;
      numbers[offset + 1] = row.minutes;
      offset += 2;
    }
  }
  return numbers.buffer === pooled.buffer ? pooled : Buffer.from(numbers.buffer);
}

/** A stored judging state; a blob that does not read as one is an error naming the supporter (the caller rebuilds it from raw activity). */
export function decodeJudgingState(supporterId: string, frontierAt: number, frontierId: string, blob: Buffer): AlertJudgingState {
  const numbers = float64View(blob);
  const damaged = () => new Error(`The stored alert judging state of ${supporterId} is damaged (${blob.byteLength} bytes)`);
  if (numbers.length < HEADER_DOUBLES || numbers[0] !== FORMAT || (numbers.length - HEADER_DOUBLES) % 2 !== 0) throw damaged();
  const lastAlertAt: LastAlertTimes = {};
  RECORD_ALERT_TYPES.forEach((type, index) => {
    const at = orNull(numbers[BASE_FIELDS + index] as number);
    if (at !== null) lastAlertAt[type] = at;
  });
  const rows: TimelineRow[] = [];
  for (let offset = HEADER_DOUBLES; offset < numbers.length; offset += 2) {
    const key = numbers[offset] as number;
    const at = Math.floor(key / KINDS);
    const kind = key - at * KINDS;
    const value = numbers[offset + 1] as number;
    if (kind === MINUTES_KIND) {
      const previous = rows.at(-1);
      if (previous === undefined) throw damaged();
      previous.minutes = value;
      continue;
    }
    const type = ACTIVITY_TYPES[kind] as ActivityType | undefined;
    if (type === undefined) throw damaged();
    rows.push({ id: '', type, at, tokens: value, minutes: null, online: null, listingId: null });
  }
  const online = numbers[6] as number;
  return {
    frontierAt,
    frontierId,
    base: {
      spendTokens: numbers[1] as number,
      gifts: numbers[2] as number,
      firstPurchaseAt: orNull(numbers[3] as number),
      lastInitiatedAt: orNull(numbers[4] as number),
      lastMatchAt: orNull(numbers[5] as number),
      online: Number.isNaN(online) ? null : online === 1,
    },
    rows,
    lastAlertAt,
    openVipOnlineAt: orNull(numbers[7] as number),
  };
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** The blob's doubles without a copy when the Buffer is 8-byte aligned (Node's pool and better-sqlite3 both align), else copied. */
function float64View(blob: Buffer): Float64Array {
  if (blob.byteLength % 8 !== 0) return new Float64Array(0);
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength >> 3);
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float64Array(bytes.buffer, 0, blob.byteLength >> 3);
}
