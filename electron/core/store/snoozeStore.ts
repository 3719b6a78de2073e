import type Database from 'better-sqlite3';

/** A supporter's snooze: set at `snoozedAt`, over at `until` (epoch ms). */
export interface StoredSnooze {
  id: string;
  supporterId: string;
  snoozedAt: number;
  until: number;
  version: number;
}

/** One row per supporter, so the id is derived from the supporter and two machines write the same row. */
export function snoozeId(supporterId: string): string {
  return `snooze_${supporterId}`;
}

/**
 * Snoozes (SPEC §13, migration 011): a supporter hidden from the Now queue, their notifications
 * held, from `snoozedAt` until `until`. Snoozing again replaces the times; cancelling leaves a
 * tombstone. The Now queue and notification waves ask `isSnoozed` / `snoozedSupporterIds`.
 */
export class SnoozeStore {
  private readonly setStatement;
  private readonly cancelStatement;
  private readonly getStatement;
  private readonly activeStatement;

  constructor(db: Database.Database) {
    this.setStatement = db.prepare(`
      INSERT INTO supporter_snoozes (id, supporterId, snoozedAt, until, createdAt, updatedAt, version)
      VALUES (@id, @supporterId, @at, @until, @at, @at, 1)
      ON CONFLICT(id) DO UPDATE SET snoozedAt = excluded.snoozedAt, until = excluded.until, updatedAt = excluded.updatedAt,
        version = version + 1, deletedAt = NULL`);
    this.cancelStatement = db.prepare(
      'UPDATE supporter_snoozes SET deletedAt = @at, updatedAt = @at, version = version + 1 WHERE id = @id AND deletedAt IS NULL',
    );
    this.getStatement = db.prepare<[string], StoredSnooze>(
      'SELECT id, supporterId, snoozedAt, until, version FROM supporter_snoozes WHERE id = ? AND deletedAt IS NULL',
    );
    this.activeStatement = db
      .prepare<[number, number], string>(
        'SELECT supporterId FROM supporter_snoozes WHERE until > ? AND snoozedAt <= ? AND deletedAt IS NULL ORDER BY supporterId',
      )
      .pluck();
  }

  set(supporterId: string, until: number, at: number): void {
    this.setStatement.run({ id: snoozeId(supporterId), supporterId, until, at });
  }

  /** Ends a supporter's snooze; false when they had none. */
  cancel(supporterId: string, at: number): boolean {
    return this.cancelStatement.run({ id: snoozeId(supporterId), at }).changes === 1;
  }

  /** The supporter's snooze if it is in force at `at`, else null. */
  activeAt(supporterId: string, at: number): StoredSnooze | null {
    const snooze = this.getStatement.get(snoozeId(supporterId));
    return snooze !== undefined && snooze.snoozedAt <= at && at < snooze.until ? snooze : null;
  }

  isSnoozed(supporterId: string, at: number): boolean {
    return this.activeAt(supporterId, at) !== null;
  }

  /** Every supporter snoozed at `at`: what the Now queue leaves out. */
  snoozedSupporterIds(at: number): string[] {
    return this.activeStatement.all(at, at);
  }
}
