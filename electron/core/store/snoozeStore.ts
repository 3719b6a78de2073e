import type Database from 'better-sqlite3';
import type { SnoozeMemoryRecord } from '../../../shared/domain/memoryRecords';

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

const RECORD_COLUMNS = 'id, supporterId, snoozedAt AS startsAt, until AS dueAt, createdAt, updatedAt, version, deletedAt IS NOT NULL AS deleted, writer';

type SnoozeRow = Omit<SnoozeMemoryRecord, 'entity' | 'kind' | 'deleted'> & { deleted: 0 | 1 };

function toRecord(row: SnoozeRow): SnoozeMemoryRecord {
  return { ...row, entity: 'follow_up', kind: 'snooze', deleted: row.deleted === 1 };
}

/**
 * Snoozes (SPEC §13, migrations 011 and 013): a supporter hidden from the Now queue, their
 * notifications held, from `snoozedAt` until `until`. Snoozing again replaces the times;
 * cancelling leaves a tombstone. On the wire a snooze is a `follow_up` of kind `snooze`
 * (docs/sync-protocol.md §9). The Now queue and notification waves ask `isSnoozed` /
 * `snoozedSupporterIds`.
 */
export class SnoozeStore {
  private readonly getStatement;
  private readonly recordStatement;
  private readonly putStatement;
  private readonly activeStatement;
  private readonly unsentStatement;
  private readonly afterStatement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare<[string], StoredSnooze>(
      'SELECT id, supporterId, snoozedAt, until, version FROM supporter_snoozes WHERE id = ? AND deletedAt IS NULL',
    );
    this.recordStatement = db.prepare<[string], SnoozeRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_snoozes WHERE id = ?`);
    this.putStatement = db.prepare(`
      INSERT INTO supporter_snoozes (id, supporterId, snoozedAt, until, createdAt, updatedAt, version, deletedAt, writer)
      VALUES (@id, @supporterId, @startsAt, @dueAt, @createdAt, @updatedAt, @version, @deletedAt, @writer)
      ON CONFLICT(id) DO UPDATE SET snoozedAt = excluded.snoozedAt, until = excluded.until, createdAt = excluded.createdAt,
        updatedAt = excluded.updatedAt, version = excluded.version, deletedAt = excluded.deletedAt, writer = excluded.writer`);
    this.activeStatement = db
      .prepare<[number, number], string>(
        'SELECT supporterId FROM supporter_snoozes WHERE until > ? AND snoozedAt <= ? AND deletedAt IS NULL ORDER BY supporterId',
      )
      .pluck();
    this.unsentStatement = db.prepare<[number], SnoozeRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_snoozes WHERE writer = '' LIMIT ?`);
    this.afterStatement = db.prepare<[string, number], SnoozeRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_snoozes WHERE id > ? ORDER BY id LIMIT ?`);
  }

  /** The supporter's snooze row as a memory record, tombstone included. */
  record(supporterId: string): SnoozeMemoryRecord | null {
    const row = this.recordStatement.get(snoozeId(supporterId));
    return row === undefined ? null : toRecord(row);
  }

  /** Writes a whole record over whatever the row held (the caller decided it wins). */
  put(record: SnoozeMemoryRecord): void {
    const { id, supporterId, startsAt, dueAt, createdAt, updatedAt, version, writer } = record;
    this.putStatement.run({ id, supporterId, startsAt, dueAt, createdAt, updatedAt, version, writer, deletedAt: record.deleted ? updatedAt : null });
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

  /** Rows never queued for the platform (written before memory synced). */
  unsent(limit: number): SnoozeMemoryRecord[] {
    return this.unsentStatement.all(limit).map(toRecord);
  }

  /** Every row, tombstones included, by id after `afterId`: for sending the whole memory again. */
  recordsAfter(afterId: string, limit: number): SnoozeMemoryRecord[] {
    return this.afterStatement.all(afterId, limit).map(toRecord);
  }
}
