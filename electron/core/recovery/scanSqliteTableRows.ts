import fs from 'node:fs';

/** One value of a SQLite record as stored (integers beyond 2^53 come back as bigint). */
export type SqliteValue = null | number | bigint | string | Uint8Array;

/** A row found in a table leaf page: its rowid and its record's values, in column order. */
export interface ScannedRow {
  rowid: number;
  values: SqliteValue[];
}

const TABLE_LEAF_PAGE = 0x0d;
const WAL_MAGIC = [0x377f0682, 0x377f0683];
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const PAGE_SIZES = [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512];

/**
 * Reads every row it can from a damaged SQLite file without SQLite: it walks the raw pages (the
 * main file, then its write-ahead log's frames) and decodes each cell of every table leaf page,
 * following overflow chains. Nothing relies on the schema or the b-tree's inner pages, so a garbage
 * header, a truncated file or a destroyed interior page loses only the rows on the pages actually
 * hit. Any cell that does not decode within its page's bounds is skipped; deciding which decoded
 * rows are real (rather than stale copies or random bytes that happen to decode) is the caller's
 * job. Returns the rows of each candidate page size, most plausible first: the header's own when it
 * is readable, else every size SQLite allows.
 * Format: https://www.sqlite.org/fileformat2.html (b-tree pages, record format, WAL).
 */
export function scanSqliteTableRows(filePath: string): { pageSize: number; rows: ScannedRow[] }[] {
  const main = readIfExists(filePath);
  const wal = readIfExists(`${filePath}-wal`);
  const headerPageSize = main.length >= 100 && main.toString('latin1', 0, 15) === 'SQLite format 3' ? pageSizeAt(main, 16) : null;
  const walPageSize = wal.length >= WAL_HEADER_BYTES && WAL_MAGIC.includes(wal.readUInt32BE(0)) ? validPageSize(wal.readUInt32BE(8)) : null;
  const reserved = headerPageSize !== null ? (main[20] ?? 0) : 0;
  const known = headerPageSize ?? walPageSize;
  const sizes = known !== null ? [known] : PAGE_SIZES;
  return sizes.map((pageSize) => ({ pageSize, rows: scanWithPageSize(main, wal, pageSize, pageSize - reserved) }));
}

function scanWithPageSize(main: Buffer, wal: Buffer, pageSize: number, usable: number): ScannedRow[] {
  // The newest copy of each page: a WAL frame written later supersedes the main file's page.
  const latest = new Map<number, Buffer>();
  const walPages: { pageNumber: number; page: Buffer }[] = [];
  if (wal.length >= WAL_HEADER_BYTES && validPageSize(wal.readUInt32BE(8)) === pageSize) {
    for (let offset = WAL_HEADER_BYTES; offset + WAL_FRAME_HEADER_BYTES + pageSize <= wal.length; offset += WAL_FRAME_HEADER_BYTES + pageSize) {
      const pageNumber = wal.readUInt32BE(offset);
      const page = wal.subarray(offset + WAL_FRAME_HEADER_BYTES, offset + WAL_FRAME_HEADER_BYTES + pageSize);
      if (pageNumber === 0) continue;
      latest.set(pageNumber, page);
      walPages.push({ pageNumber, page });
    }
  }
  const mainPages = Math.floor(main.length / pageSize);
  const pageAt = (pageNumber: number): Buffer | null => {
    const fromWal = latest.get(pageNumber);
    if (fromWal) return fromWal;
    if (pageNumber < 1 || pageNumber > mainPages) return null;
    return main.subarray((pageNumber - 1) * pageSize, pageNumber * pageSize);
  };
  const rows: ScannedRow[] = [];
  for (let pageNumber = 1; pageNumber <= mainPages; pageNumber += 1) {
    rows.push(...rowsOfPage(main.subarray((pageNumber - 1) * pageSize, pageNumber * pageSize), pageNumber, usable, pageAt));
  }
  // Every frame, not just the newest: an older frame may still hold a row whose newer page is damaged.
  for (const { pageNumber, page } of walPages) rows.push(...rowsOfPage(page, pageNumber, usable, pageAt));
  return rows;
}

function rowsOfPage(page: Buffer, pageNumber: number, usable: number, pageAt: (pageNumber: number) => Buffer | null): ScannedRow[] {
  const header = pageNumber === 1 ? 100 : 0;
  if (page.length < header + 8 || page[header] !== TABLE_LEAF_PAGE) return [];
  const cellCount = page.readUInt16BE(header + 3);
  const rows: ScannedRow[] = [];
  for (let cell = 0; cell < cellCount; cell += 1) {
    const pointerAt = header + 8 + cell * 2;
    if (pointerAt + 2 > usable) break;
    const row = decodeCell(page, page.readUInt16BE(pointerAt), usable, pageAt);
    if (row) rows.push(row);
  }
  return rows;
}

function decodeCell(page: Buffer, offset: number, usable: number, pageAt: (pageNumber: number) => Buffer | null): ScannedRow | null {
  if (offset < 8 || offset >= usable) return null;
  const length = readVarint(page, offset, usable);
  if (!length) return null;
  const rowid = readVarint(page, length.next, usable);
  if (!rowid || typeof rowid.value !== 'number' || rowid.value < 1) return null;
  const payloadLength = length.value;
  if (typeof payloadLength !== 'number' || payloadLength < 1 || payloadLength > 64 * 1024 * 1024) return null;
  const payload = readPayload(page, rowid.next, payloadLength, usable, pageAt);
  if (!payload) return null;
  const values = decodeRecord(payload);
  return values ? { rowid: rowid.value, values } : null;
}

/** A cell's payload: the part on the page, then the overflow chain's pages (each starts with the next page's number). */
function readPayload(page: Buffer, start: number, total: number, usable: number, pageAt: (pageNumber: number) => Buffer | null): Buffer | null {
  const maxLocal = usable - 35;
  let local = total;
  if (total > maxLocal) {
    const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
    const surplus = minLocal + ((total - minLocal) % (usable - 4));
    local = surplus <= maxLocal ? surplus : minLocal;
  }
  const localEnd = start + local;
  if (localEnd > usable || (local < total && localEnd + 4 > usable)) return null;
  if (local === total) return page.subarray(start, localEnd);
  const parts = [page.subarray(start, localEnd)];
  let collected = local;
  let next = page.readUInt32BE(localEnd);
  const visited = new Set<number>();
  while (collected < total) {
    if (visited.has(next)) return null;
    visited.add(next);
    const overflow = pageAt(next);
    if (!overflow || overflow.length < usable) return null;
    const take = Math.min(usable - 4, total - collected);
    parts.push(overflow.subarray(4, 4 + take));
    collected += take;
    next = overflow.readUInt32BE(0);
  }
  return Buffer.concat(parts);
}

function decodeRecord(payload: Buffer): SqliteValue[] | null {
  const headerSize = readVarint(payload, 0, payload.length);
  if (!headerSize || typeof headerSize.value !== 'number' || headerSize.value > payload.length || headerSize.value < headerSize.next) return null;
  const types: number[] = [];
  let at = headerSize.next;
  while (at < headerSize.value) {
    const type = readVarint(payload, at, headerSize.value);
    if (!type || typeof type.value !== 'number') return null;
    types.push(type.value);
    at = type.next;
  }
  const values: SqliteValue[] = [];
  let body = headerSize.value;
  for (const type of types) {
    const width = serialTypeWidth(type);
    if (width === null || body + width > payload.length) return null;
    values.push(readValue(payload, body, type, width));
    body += width;
  }
  // A record is exactly its header and its values: anything else is not a record.
  return body === payload.length ? values : null;
}

function serialTypeWidth(type: number): number | null {
  if (type >= 12) return Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, null, null][type] ?? null;
}

function readValue(payload: Buffer, at: number, type: number, width: number): SqliteValue {
  if (type === 0) return null;
  if (type === 8) return 0;
  if (type === 9) return 1;
  if (type === 7) return payload.readDoubleBE(at);
  if (type >= 13 && type % 2 === 1) return payload.toString('utf8', at, at + width);
  if (type >= 12) return new Uint8Array(payload.subarray(at, at + width));
  if (width === 8) {
    const big = payload.readBigInt64BE(at);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  return payload.readIntBE(at, width);
}

/** SQLite's varint: 1–9 bytes, big-endian groups of 7 bits, the ninth byte whole. */
function readVarint(buffer: Buffer, start: number, end: number): { value: number | bigint; next: number } | null {
  let value = 0n;
  for (let index = 0; index < 9; index += 1) {
    const at = start + index;
    if (at >= end || at >= buffer.length) return null;
    const byte = buffer[at] as number;
    if (index === 8) {
      value = (value << 8n) | BigInt(byte);
      return { value: toNumber(value), next: at + 1 };
    }
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return { value: toNumber(value), next: at + 1 };
  }
  return null;
}

function toNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function pageSizeAt(buffer: Buffer, offset: number): number | null {
  const raw = buffer.readUInt16BE(offset);
  return validPageSize(raw === 1 ? 65536 : raw);
}

function validPageSize(size: number): number | null {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0 ? size : null;
}

function readIfExists(filePath: string): Buffer {
  try {
    return fs.readFileSync(filePath);
  } catch {
    return Buffer.alloc(0);
  }
}
