import { createHash } from 'node:crypto';
import type { LogRange } from './platformCursor';

/**
 * The platform's append-only log of change records (SPEC §1), kept serialized so a page is a
 * string join rather than a re-serialization of a million objects.
 */
export class ChangeLog {
  private readonly entries: string[] = [];
  private readonly fingerprint = createHash('sha256');

  append(record: unknown): void {
    this.appendSerialized(JSON.stringify(record));
  }

  appendSerialized(json: string): void {
    this.entries.push(json);
    this.fingerprint.update(json);
    this.fingerprint.update('\n');
  }

  /**
   * Replaces the record at a position with a newer state of the same memory record (MemoryLedger),
   * so a text edited away or deleted no longer sits anywhere in the log. Positions, cursors and
   * the log's digest stay as they were: a client that reads the position later just sees the
   * newer state there as well as where it was appended.
   */
  replace(index: number, json: string): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.entries.length) throw new RangeError(`no log position ${index}`);
    this.entries[index] = json;
  }

  get length(): number {
    return this.entries.length;
  }

  /** A digest of what has been appended so far: the log's identity for cursor epochs. */
  digest(): string {
    return this.fingerprint.copy().digest('hex').slice(0, 16);
  }

  slice(start: number, end: number): string[] {
    return this.entries.slice(start, end);
  }
}

export type PageMode = 'normal' | 'duplicate' | 'out_of_order';

export interface LogPage {
  records: string[];
  nextRanges: LogRange[];
  hasMore: boolean;
}

/**
 * Serves the next page for a queue of ranges. `duplicate` serves the page without moving the
 * position (the client receives it again next time); `out_of_order` serves the page after next
 * first and queues the skipped page to be served right after it.
 */
export function readLogPage(log: ChangeLog, ranges: readonly LogRange[], limit: number, mode: PageMode = 'normal'): LogPage {
  const length = log.length;
  const endOf = (range: LogRange) => Math.min(range[1] ?? length, length);
  // Closed ranges that are used up are dropped; the open tail always stays so new records are found.
  const queue = ranges.filter((range) => range[1] === null || range[0] < endOf(range));
  if (queue.length === 0 || queue.at(-1)?.[1] !== null) queue.push([Math.max(length, ...ranges.map(endOf)), null]);
  const firstIndex = queue.findIndex((range) => range[0] < endOf(range));
  if (firstIndex === -1) return { records: [], nextRanges: queue, hasMore: false };
  const first = queue[firstIndex] as LogRange;
  const [start, end] = first;
  const available = endOf(first) - start;

  if (mode === 'out_of_order' && available >= 2 * limit) {
    const records = log.slice(start + limit, start + 2 * limit);
    const nextRanges: LogRange[] = [...queue.slice(0, firstIndex), [start, start + limit], [start + 2 * limit, end], ...queue.slice(firstIndex + 1)];
    return { records, nextRanges, hasMore: true };
  }
  const taken = Math.min(limit, available);
  const records = log.slice(start, start + taken);
  if (mode === 'duplicate') return { records, nextRanges: queue, hasMore: true };
  const nextRanges: LogRange[] = [...queue.slice(0, firstIndex), [start + taken, end], ...queue.slice(firstIndex + 1)];
  const hasMore = nextRanges.some((range) => range[0] < endOf(range));
  return { records, nextRanges, hasMore };
}
