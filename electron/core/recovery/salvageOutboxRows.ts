import { scanSqliteTableRows, type SqliteValue } from './scanSqliteTableRows';
import type { OutboxEntry, OutboxStatus } from '../store/outboxStore';

/** The outbox table's columns, in order (outboxMigration001Initial); a test holds this to the real table. */
export const OUTBOX_COLUMNS = [
  'id',
  'idempotencyKey',
  'type',
  'supporterId',
  'params',
  'createdAt',
  'status',
  'attempts',
  'lastAttemptAt',
  'lastError',
  'deliveredAt',
  'result',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly OutboxStatus[] = ['pending', 'delivered', 'failed'];
/** A later status wins over an earlier copy of the same action: an action once delivered is never sent again. */
const SETTLEDNESS: Record<OutboxStatus, number> = { pending: 0, failed: 1, delivered: 2 };

/**
 * The outbox entries that can be read back from a damaged `outbox.sqlite` (and its WAL), one per
 * idempotency key, in id order. A decoded row counts only if every column has the type and shape
 * the outbox writes (a UUID key, JSON params, a known status…), so random bytes that happen to
 * decode are left out. Where a page split left an older copy of a row behind, the most settled copy
 * wins (delivered over failed over pending, then more attempts): the outbox must never send an
 * action twice, and a pending copy of a delivered action would.
 */
export function salvageOutboxRows(filePath: string): OutboxEntry[] {
  let best: Map<string, OutboxEntry> = new Map();
  for (const { rows } of scanSqliteTableRows(filePath)) {
    const found = new Map<string, OutboxEntry>();
    for (const row of rows) {
      const entry = toOutboxEntry(row.rowid, row.values);
      if (!entry) continue;
      const known = found.get(entry.idempotencyKey);
      if (!known || isMoreSettled(entry, known)) found.set(entry.idempotencyKey, entry);
    }
    if (found.size > best.size) best = found;
  }
  return [...best.values()].sort((a, b) => a.id - b.id);
}

function isMoreSettled(candidate: OutboxEntry, known: OutboxEntry): boolean {
  const difference = SETTLEDNESS[candidate.status] - SETTLEDNESS[known.status];
  return difference !== 0 ? difference > 0 : candidate.attempts > known.attempts;
}

function toOutboxEntry(rowid: number, values: SqliteValue[]): OutboxEntry | null {
  if (values.length !== OUTBOX_COLUMNS.length) return null;
  const [id, idempotencyKey, type, supporterId, params, createdAt, status, attempts, lastAttemptAt, lastError, deliveredAt, result] = values;
  // INTEGER PRIMARY KEY is the rowid: SQLite stores NULL in its column.
  if (id !== null) return null;
  if (typeof idempotencyKey !== 'string' || !UUID.test(idempotencyKey)) return null;
  if (!isShortText(type, 100) || !isShortText(supporterId, 200)) return null;
  if (!isTimestamp(createdAt) || typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) return null;
  if (typeof attempts !== 'number' || !Number.isSafeInteger(attempts) || attempts < 0) return null;
  if (!(lastAttemptAt === null || isTimestamp(lastAttemptAt)) || !(deliveredAt === null || isTimestamp(deliveredAt))) return null;
  if (!(lastError === null || typeof lastError === 'string')) return null;
  const parsedParams = parseJson(params);
  if (parsedParams === undefined || typeof parsedParams !== 'object' || parsedParams === null || Array.isArray(parsedParams)) return null;
  const parsedResult = result === null ? null : parseJson(result);
  if (parsedResult === undefined) return null;
  return {
    id: rowid,
    idempotencyKey,
    type,
    supporterId,
    params: parsedParams as Record<string, unknown>,
    createdAt,
    status: status as OutboxStatus,
    attempts,
    lastAttemptAt,
    lastError,
    deliveredAt,
    result: parsedResult,
  };
}

function isShortText(value: SqliteValue | undefined, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isTimestamp(value: SqliteValue | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseJson(value: SqliteValue | undefined): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
