import type { IncomingRecord } from './applyChangeBatch';

/** The longest line read as a record (SPEC §1 v1.1); a longer one is quarantined unread. */
export const MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = '\uFEFF';

export interface JsonlReadOptions {
  batchSize?: number;
  maxLineBytes?: number;
}

/**
 * Streams JSONL bytes (a file's read stream, or any source of chunks) as batches of records, so a
 * multi-gigabyte import never sits in memory. Lines end at `\n` (a `\r` before it is dropped);
 * positions are 1-based line numbers; blank lines are skipped; a byte-order mark at the start is
 * ignored.
 *
 * No line longer than `maxLineBytes` is ever held or decoded: its bytes are counted and let go as
 * they pass, and it arrives as an `oversized` record with its length in bytes. A 600 MB line, or
 * `/dev/zero` piped in, so costs one chunk of memory instead of a string JavaScript cannot even
 * build (its limit is about 512 MiB), and the lines after it still apply.
 */
export async function* readJsonlBatches(input: AsyncIterable<Uint8Array | string>, options: JsonlReadOptions = {}): AsyncGenerator<IncomingRecord[]> {
  const batchSize = options.batchSize ?? 5000;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  let batch: IncomingRecord[] = [];
  let lineNumber = 0;
  // The current line: its pieces while it may still fit, and its length so far in bytes.
  let pieces: Buffer[] = [];
  let lineBytes = 0;
  let lastByte = -1;

  const finishLine = (): void => {
    lineNumber += 1;
    const length = lastByte === CARRIAGE_RETURN ? lineBytes - 1 : lineBytes;
    if (length > maxLineBytes) {
      batch.push({ kind: 'oversized', length, position: lineNumber });
    } else {
      const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, lineBytes);
      let text = bytes.toString('utf8', 0, length);
      if (lineNumber === 1 && text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
      if (text.trim() !== '') batch.push({ kind: 'text', text, position: lineNumber });
    }
    pieces = [];
    lineBytes = 0;
    lastByte = -1;
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline === -1 ? bytes.length : newline;
      if (end > start) {
        lineBytes += end - start;
        lastByte = bytes[end - 1]!;
        // One byte of room for a `\r` that may end the line; past that the line is only counted.
        if (lineBytes <= maxLineBytes + 1) pieces.push(bytes.subarray(start, end));
        else if (pieces.length > 0) pieces = [];
      }
      if (newline === -1) break;
      finishLine();
      start = newline + 1;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (lineBytes > 0) finishLine();
  if (batch.length > 0) yield batch;
}
