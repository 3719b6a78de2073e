import type Database from 'better-sqlite3';

/** One live note as stored (times in epoch ms). */
export interface StoredNote {
  id: string;
  supporterId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A note row, live or a tombstone, with what the sync wave will send. */
export interface NoteRecord extends Omit<StoredNote, 'text'> {
  text: string | null;
  deletedAt: number | null;
}

const NOTE_COLUMNS = 'id, supporterId, text, createdAt, updatedAt, version';

/**
 * The creator's private notes (SPEC §13, migration 011). A deletion keeps the row as a tombstone
 * without its text, with its version raised, so it can later win over an older copy from another
 * machine. The search index follows every write through the table's triggers.
 */
export class NoteStore {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly recordStatement;
  private readonly editStatement;
  private readonly deleteStatement;
  private readonly listStatement;
  private readonly countStatement;

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO supporter_notes (id, supporterId, text, createdAt, updatedAt, version) VALUES (@id, @supporterId, @text, @at, @at, 1)',
    );
    this.getStatement = db.prepare<[string], StoredNote>(`SELECT ${NOTE_COLUMNS} FROM supporter_notes WHERE id = ? AND deletedAt IS NULL`);
    this.recordStatement = db.prepare<[string], NoteRecord>(`SELECT ${NOTE_COLUMNS}, deletedAt FROM supporter_notes WHERE id = ?`);
    this.editStatement = db.prepare(
      'UPDATE supporter_notes SET text = @text, updatedAt = @at, version = version + 1 WHERE id = @id AND deletedAt IS NULL',
    );
    this.deleteStatement = db.prepare(
      'UPDATE supporter_notes SET text = NULL, deletedAt = @at, updatedAt = @at, version = version + 1 WHERE id = @id AND deletedAt IS NULL',
    );
    this.listStatement = db.prepare<[string, number, number], StoredNote>(
      `SELECT ${NOTE_COLUMNS} FROM supporter_notes WHERE supporterId = ? AND deletedAt IS NULL ORDER BY createdAt DESC, seq DESC LIMIT ? OFFSET ?`,
    );
    this.countStatement = db.prepare<[string], number>('SELECT count(*) FROM supporter_notes WHERE supporterId = ? AND deletedAt IS NULL').pluck();
  }

  insert(note: { id: string; supporterId: string; text: string; at: number }): void {
    this.insertStatement.run(note);
  }

  /** A live note, or null when there is none with this id (never written, or deleted). */
  get(id: string): StoredNote | null {
    return this.getStatement.get(id) ?? null;
  }

  /** The row as it is, tombstone included: what a later sync sends. */
  record(id: string): NoteRecord | null {
    return this.recordStatement.get(id) ?? null;
  }

  /** Replaces a live note's text; false when there is no live note with this id. */
  edit(id: string, text: string, at: number): boolean {
    return this.editStatement.run({ id, text, at }).changes === 1;
  }

  /** Turns a live note into a tombstone (its text removed); false when there is none. */
  delete(id: string, at: number): boolean {
    return this.deleteStatement.run({ id, at }).changes === 1;
  }

  /** A supporter's live notes, newest first. */
  list(supporterId: string, limit: number, offset = 0): StoredNote[] {
    return this.listStatement.all(supporterId, limit, offset);
  }

  count(supporterId: string): number {
    return this.countStatement.get(supporterId) ?? 0;
  }
}
