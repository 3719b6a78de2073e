import Database from 'better-sqlite3';

/**
 * Bytes of each bare row: about what a supporter's `supporter_state` row holds at creator scale
 * (rollup with its windowed entries, and score), so the bare table spans about as many pages.
 */
const ROW_BYTES = 300;

/**
 * The incremental recompute's raw-SQLite yardstick: the least any engine must do for a batch that
 * touches these supporters — read each one's row by key in one query and rewrite it by rowid, in a
 * bare table of one row per supporter (no index beyond the key), with the app's page cache size.
 * Taken right after each real batch, so a slow spell of a shared machine weighs on both figures.
 */
export class RawRowTouchYardstick {
  private readonly db: Database.Database;
  private readonly readRows: Database.Statement<[string], [number, Buffer]>;
  private readonly rewriteRow: Database.Statement<[Buffer, number]>;
  private readonly payload = Buffer.alloc(ROW_BYTES, 7);

  constructor(file: string, supporterIds: readonly string[]) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -32768');
    this.db.exec('CREATE TABLE supporters (id TEXT PRIMARY KEY, payload BLOB NOT NULL)');
    const insert = this.db.prepare('INSERT INTO supporters (id, payload) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const supporterId of supporterIds) insert.run(supporterId, this.payload);
    }).immediate();
    this.readRows = this.db
      .prepare<[string], [number, Buffer]>('SELECT rowid, payload FROM supporters WHERE id IN (SELECT value FROM json_each(?))')
      .raw();
    this.rewriteRow = this.db.prepare<[Buffer, number]>('UPDATE supporters SET payload = ? WHERE rowid = ?');
  }

  /** Milliseconds to read and rewrite these supporters' rows (the commit excluded, as the engine's figure excludes it). */
  touch(supporterIds: readonly string[]): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      for (const [rowid, payload] of this.readRows.all(JSON.stringify([...new Set(supporterIds)]))) {
        payload[0] = (payload[0] ?? 0) + 1;
        this.rewriteRow.run(payload, rowid);
      }
      return performance.now() - started;
    } finally {
      this.db.exec('COMMIT');
    }
  }

  close(): void {
    this.db.close();
  }
}
