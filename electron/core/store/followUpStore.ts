import type Database from 'better-sqlite3';
import type { FollowUpMemoryRecord } from '../../../shared/domain/memoryRecords';

/** One pending follow-up as stored (times in epoch ms). */
export interface StoredFollowUp {
  id: string;
  supporterId: string;
  dueAt: number;
  text: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

const FOLLOW_UP_COLUMNS = 'id, supporterId, dueAt, text, createdAt, updatedAt, version';
const RECORD_COLUMNS = `${FOLLOW_UP_COLUMNS}, deletedAt IS NOT NULL AS deleted, writer`;

type FollowUpRow = Omit<FollowUpMemoryRecord, 'entity' | 'kind' | 'deleted'> & { deleted: 0 | 1 };

function toRecord(row: FollowUpRow): FollowUpMemoryRecord {
  return { ...row, entity: 'follow_up', kind: 'reminder', deleted: row.deleted === 1 };
}

/**
 * "Remind me about this supporter at T" (SPEC §13, migrations 011 and 013). Cancelling leaves a
 * tombstone without its text. Every write is a whole record (`put`), made by the follow-up
 * commands or received from the platform. The alerts wave reads `dueBetween` to raise
 * `follow_up_due` alerts.
 */
export class FollowUpStore {
  private readonly getStatement;
  private readonly recordStatement;
  private readonly putStatement;
  private readonly ofSupporterStatement;
  private readonly dueBetweenStatement;
  private readonly unsentStatement;
  private readonly afterStatement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare<[string], StoredFollowUp>(`SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ? AND deletedAt IS NULL`);
    this.recordStatement = db.prepare<[string], FollowUpRow>(`SELECT ${RECORD_COLUMNS} FROM follow_ups WHERE id = ?`);
    this.putStatement = db.prepare(`
      INSERT INTO follow_ups (id, supporterId, dueAt, text, createdAt, updatedAt, version, deletedAt, writer)
      VALUES (@id, @supporterId, @dueAt, @text, @createdAt, @updatedAt, @version, @deletedAt, @writer)
      ON CONFLICT(id) DO UPDATE SET supporterId = excluded.supporterId, dueAt = excluded.dueAt, text = excluded.text,
        createdAt = excluded.createdAt, updatedAt = excluded.updatedAt, version = excluded.version, deletedAt = excluded.deletedAt,
        writer = excluded.writer`);
    this.ofSupporterStatement = db.prepare<[string, number], StoredFollowUp>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE supporterId = ? AND deletedAt IS NULL ORDER BY dueAt, id LIMIT ?`,
    );
    this.dueBetweenStatement = db.prepare<[number, number, number], StoredFollowUp>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE dueAt > ? AND dueAt <= ? AND deletedAt IS NULL ORDER BY dueAt, id LIMIT ?`,
    );
    this.unsentStatement = db.prepare<[number], FollowUpRow>(`SELECT ${RECORD_COLUMNS} FROM follow_ups WHERE writer = '' LIMIT ?`);
    this.afterStatement = db.prepare<[string, number], FollowUpRow>(`SELECT ${RECORD_COLUMNS} FROM follow_ups WHERE id > ? ORDER BY id LIMIT ?`);
  }

  /** A pending follow-up, or null (never written, or cancelled). */
  get(id: string): StoredFollowUp | null {
    return this.getStatement.get(id) ?? null;
  }

  /** The row as a memory record, tombstone included. */
  record(id: string): FollowUpMemoryRecord | null {
    const row = this.recordStatement.get(id);
    return row === undefined ? null : toRecord(row);
  }

  /** Writes a whole record over whatever the row held (the caller decided it wins). */
  put(record: FollowUpMemoryRecord): void {
    const { id, supporterId, dueAt, createdAt, updatedAt, version, writer } = record;
    this.putStatement.run({ id, supporterId, dueAt, createdAt, updatedAt, version, writer, text: record.deleted ? null : record.text, deletedAt: record.deleted ? updatedAt : null });
  }

  /** A supporter's follow-ups that are not cancelled, earliest due first (past-due ones included). */
  ofSupporter(supporterId: string, limit: number): StoredFollowUp[] {
    return this.ofSupporterStatement.all(supporterId, limit);
  }

  /** Follow-ups due in (after, upTo], earliest first: what an alert sweep over that window raises. */
  dueBetween(after: number, upTo: number, limit = 10_000): StoredFollowUp[] {
    return this.dueBetweenStatement.all(after, upTo, limit);
  }

  /** Rows never queued for the platform (written before memory synced). */
  unsent(limit: number): FollowUpMemoryRecord[] {
    return this.unsentStatement.all(limit).map(toRecord);
  }

  /** Every row, tombstones included, by id after `afterId`: for sending the whole memory again. */
  recordsAfter(afterId: string, limit: number): FollowUpMemoryRecord[] {
    return this.afterStatement.all(afterId, limit).map(toRecord);
  }
}
