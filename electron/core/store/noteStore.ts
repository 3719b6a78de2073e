import type Database from 'better-sqlite3';
import type { NoteMemoryRecord } from '../../../shared/domain/memoryRecords';

/** One live note as stored (times in epoch ms). */
export interface StoredNote {
  id: string;
  supporterId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

const NOTE_COLUMNS = 'id, supporterId, text, createdAt, updatedAt, version';
const RECORD_COLUMNS = `${NOTE_COLUMNS}, deletedAt IS NOT NULL AS deleted, writer`;

type NoteRow = Omit<NoteMemoryRecord, 'entity' | 'deleted'> & { deleted: 0 | 1 };

function toRecord(row: NoteRow): NoteMemoryRecord {
  return { ...row, entity: 'note', deleted: row.deleted === 1 };
}

/**
 * The creator's private notes (SPEC §13, migrations 011 and 013). A deletion keeps the row as a
 * tombstone without its text, with its version raised, so it wins over an older copy from another
 * machine. Every write is a whole record (`put`): made here by the note commands or received from
 * the platform, decided by memory/sync/compareMemoryRecords.ts. The search index follows every
 * write through the table's triggers.
 */
export class NoteStore {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly recordStatement;
  private readonly putStatement;
  private readonly listStatement;
  private readonly countStatement;
  private readonly unsentStatement;
  private readonly afterStatement;

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO supporter_notes (id, supporterId, text, createdAt, updatedAt, version) VALUES (@id, @supporterId, @text, @at, @at, 1)',
    );
    this.getStatement = db.prepare<[string], StoredNote>(`SELECT ${NOTE_COLUMNS} FROM supporter_notes WHERE id = ? AND deletedAt IS NULL`);
    this.recordStatement = db.prepare<[string], NoteRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_notes WHERE id = ?`);
    this.putStatement = db.prepare(`
      INSERT INTO supporter_notes (id, supporterId, text, createdAt, updatedAt, version, deletedAt, writer)
      VALUES (@id, @supporterId, @text, @createdAt, @updatedAt, @version, @deletedAt, @writer)
      ON CONFLICT(id) DO UPDATE SET supporterId = excluded.supporterId, text = excluded.text, createdAt = excluded.createdAt,
        updatedAt = excluded.updatedAt, version = excluded.version, deletedAt = excluded.deletedAt, writer = excluded.writer`);
    this.listStatement = db.prepare<[string, number, number], StoredNote>(
      `SELECT ${NOTE_COLUMNS} FROM supporter_notes WHERE supporterId = ? AND deletedAt IS NULL ORDER BY createdAt DESC, seq DESC LIMIT ? OFFSET ?`,
    );
    this.countStatement = db.prepare<[string], number>('SELECT count(*) FROM supporter_notes WHERE supporterId = ? AND deletedAt IS NULL').pluck();
    this.unsentStatement = db.prepare<[number], NoteRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_notes WHERE writer = '' LIMIT ?`);
    this.afterStatement = db.prepare<[string, number], NoteRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_notes WHERE id > ? ORDER BY id LIMIT ?`);
  }

  /** A bare row written outside the note commands (the search benchmark's seeded notes): never queued for the platform. */
  insert(note: { id: string; supporterId: string; text: string; at: number }): void {
    this.insertStatement.run(note);
  }

  /** A live note, or null when there is none with this id (never written, or deleted). */
  get(id: string): StoredNote | null {
    return this.getStatement.get(id) ?? null;
  }

  /** The row as a memory record, tombstone included: what the platform is sent. */
  record(id: string): NoteMemoryRecord | null {
    const row = this.recordStatement.get(id);
    return row === undefined ? null : toRecord(row);
  }

  /** Writes a whole record over whatever the row held (the caller decided it wins). */
  put(record: NoteMemoryRecord): void {
    const { id, supporterId, createdAt, updatedAt, version, writer } = record;
    this.putStatement.run({ id, supporterId, createdAt, updatedAt, version, writer, text: record.deleted ? null : record.text, deletedAt: record.deleted ? updatedAt : null });
  }

  /** A supporter's live notes, newest first. */
  list(supporterId: string, limit: number, offset = 0): StoredNote[] {
    return this.listStatement.all(supporterId, limit, offset);
  }

  count(supporterId: string): number {
    return this.countStatement.get(supporterId) ?? 0;
  }

  /** Rows never queued for the platform (written before memory synced, or by `insert`). */
  unsent(limit: number): NoteMemoryRecord[] {
    return this.unsentStatement.all(limit).map(toRecord);
  }

  /** Every row, tombstones included, by id after `afterId`: for sending the whole memory again. */
  recordsAfter(afterId: string, limit: number): NoteMemoryRecord[] {
    return this.afterStatement.all(afterId, limit).map(toRecord);
  }
}
