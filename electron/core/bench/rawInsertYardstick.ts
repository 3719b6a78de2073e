import Database from 'better-sqlite3';
import type { SyncPageRecord } from './generateSyncPage';

/** The fields a change record may carry, as columns of the bare table (every entity in one table). */
const FIELDS = ['id', 'supporterId', 'type', 'at', 'tokens', 'conversationId', 'streamId', 'minutes', 'itemId', 'category', 'tier', 'listingId', 'online', 'handle', 'firstSeenAt', 'timezone', 'fanClub', 'title', 'scheduledAt', 'startedAt', 'endedAt', 'startsAt', 'capacity'] as const;

/**
 * The raw-SQLite yardstick for taking in change records (`rawInsertPerSec`): each record as one
 * row of a bare table — no key, no index, no check — by a prepared INSERT, one transaction per
 * page, in a file of its own. The least any cache must do to keep the records; only the inserts
 * and commits are timed.
 */
export class RawInsertYardstick {
  /** The bare table's columns: entity, op, then every field a record may carry. */
  static readonly COLUMNS = ['entity', 'op', ...FIELDS];

  /** A record as a row of the bare table. */
  static row(record: SyncPageRecord): unknown[] {
    return [record.entity, record.op, ...FIELDS.map((field) => sqlValue(record.data[field]))];
  }

  private readonly db: Database.Database;
  private readonly insertRows: Database.Transaction<(rows: readonly unknown[][]) => void>;
  private insertMs = 0;
  private rows = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE records (${RawInsertYardstick.COLUMNS.join(', ')})`);
    const insert = this.db.prepare(`INSERT INTO records VALUES (${RawInsertYardstick.COLUMNS.map(() => '?').join(', ')})`);
    this.insertRows = this.db.transaction((rows: readonly unknown[][]) => {
      for (const row of rows) insert.run(row);
    });
  }

  /** Inserts one page in its own transaction; returns its milliseconds (the rows are laid out before the clock starts). */
  insert(page: readonly SyncPageRecord[]): number {
    const rows = page.map(RawInsertYardstick.row);
    const started = performance.now();
    this.insertRows.immediate(rows);
    const elapsed = performance.now() - started;
    this.insertMs += elapsed;
    this.rows += page.length;
    return elapsed;
  }

  /** Records per second of insert time so far. */
  perSecond(): number {
    return this.insertMs > 0 ? this.rows / (this.insertMs / 1000) : 0;
  }

  close(): void {
    this.db.close();
  }
}

function sqlValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}
