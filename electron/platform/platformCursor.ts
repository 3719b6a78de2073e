/**
 * The reference platform's sync position. Clients treat it as an opaque string; inside it is the
 * log epoch plus a queue of half-open ranges of log offsets still to serve. A normal cursor is one
 * open range `[next, end of log)`; the out-of-order fault adds a range that must be served later.
 * The same position always encodes to the same string, so cursors are stable.
 */
export type LogRange = readonly [start: number, end: number | null];

export interface PlatformCursor {
  epoch: string;
  ranges: readonly LogRange[];
}

const VERSION = 1;

export function encodeCursor(cursor: PlatformCursor): string {
  return Buffer.from(JSON.stringify({ v: VERSION, e: cursor.epoch, q: cursor.ranges }), 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this server wrote (wrong shape or another version). */
export function decodeCursor(text: string): PlatformCursor | null {
  if (text.length === 0 || text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { v, e, q } = parsed as { v?: unknown; e?: unknown; q?: unknown };
  if (v !== VERSION || typeof e !== 'string' || !Array.isArray(q) || q.length === 0 || q.length > 64) return null;
  const ranges: LogRange[] = [];
  for (const range of q) {
    if (!Array.isArray(range) || range.length !== 2) return null;
    const [start, end] = range as unknown[];
    if (!Number.isSafeInteger(start) || (start as number) < 0) return null;
    if (end !== null && (!Number.isSafeInteger(end) || (end as number) < (start as number))) return null;
    ranges.push([start as number, end as number | null]);
  }
  return { epoch: e, ranges };
}
