/** A supporter's place in the Now queue: its order is nowScore desc, then priorityScore desc, then supporter id (SPEC §11). */
export interface NowOrderKey {
  supporterId: string;
  nowScore: number;
  priorityScore: number;
}

/** The Now queue's order, exactly as SQLite sorts the queue's index (`ORDER BY nowKey DESC, priorityScore DESC, supporterId`). */
export function compareNowOrder(a: NowOrderKey, b: NowOrderKey): number {
  return b.nowScore - a.nowScore || b.priorityScore - a.priorityScore || compareAsSqliteText(a.supporterId, b.supporterId);
}

/**
 * Text in SQLite's default (BINARY) order: the bytes of its UTF-8, which is code point order.
 * JavaScript's `<` compares UTF-16 code units instead, which puts U+E000–U+FFFF after every
 * character beyond U+FFFF; the two agree once surrogates are moved above that range. (Text read
 * from SQLite holds no lone surrogate: it stores one as U+FFFD.)
 */
export function compareAsSqliteText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
