import type Database from 'better-sqlite3';

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

/**
 * "Remind me about this supporter at T" (SPEC §13, migration 011). Cancelling leaves a tombstone
 * without its text. The alerts wave reads `dueBetween` to raise `follow_up_due` alerts.
 */
export class FollowUpStore {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly cancelStatement;
  private readonly ofSupporterStatement;
  private readonly dueBetweenStatement;

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO follow_ups (id, supporterId, dueAt, text, createdAt, updatedAt, version) VALUES (@id, @supporterId, @dueAt, @text, @at, @at, 1)',
    );
    this.getStatement = db.prepare<[string], StoredFollowUp>(`SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ? AND deletedAt IS NULL`);
    this.cancelStatement = db.prepare(
      'UPDATE follow_ups SET text = NULL, deletedAt = @at, updatedAt = @at, version = version + 1 WHERE id = @id AND deletedAt IS NULL',
    );
    this.ofSupporterStatement = db.prepare<[string, number], StoredFollowUp>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE supporterId = ? AND deletedAt IS NULL ORDER BY dueAt, id LIMIT ?`,
    );
    this.dueBetweenStatement = db.prepare<[number, number, number], StoredFollowUp>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE dueAt > ? AND dueAt <= ? AND deletedAt IS NULL ORDER BY dueAt, id LIMIT ?`,
    );
  }

  insert(followUp: { id: string; supporterId: string; dueAt: number; text: string | null; at: number }): void {
    this.insertStatement.run(followUp);
  }

  /** A pending follow-up, or null (never written, or cancelled). */
  get(id: string): StoredFollowUp | null {
    return this.getStatement.get(id) ?? null;
  }

  /** Cancels a pending follow-up; false when there is none with this id. */
  cancel(id: string, at: number): boolean {
    return this.cancelStatement.run({ id, at }).changes === 1;
  }

  /** A supporter's follow-ups that are not cancelled, earliest due first (past-due ones included). */
  ofSupporter(supporterId: string, limit: number): StoredFollowUp[] {
    return this.ofSupporterStatement.all(supporterId, limit);
  }

  /** Follow-ups due in (after, upTo], earliest first: what an alert sweep over that window raises. */
  dueBetween(after: number, upTo: number, limit = 10_000): StoredFollowUp[] {
    return this.dueBetweenStatement.all(after, upTo, limit);
  }
}
