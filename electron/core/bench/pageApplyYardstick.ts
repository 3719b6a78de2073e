import Database from 'better-sqlite3';
import { RawInsertYardstick } from './rawInsertYardstick';
import type { SyncPageRecord } from './generateSyncPage';

/**
 * Bytes of each bare supporter row: about what a supporter's `supporter_state` row holds at creator
 * scale (rollup with its windowed entries, and score), so the bare table spans about as many pages.
 */
export const BARE_SUPPORTER_ROW_BYTES = 300;

/**
 * `pageApplyRawMs`: the least any cache must do with a sync page, in raw SQLite — the page's
 * records into a bare table (no key, no index) and the touched supporters' rows read by key in one
 * query and rewritten by rowid, in a bare table of one row per supporter with the app's page cache
 * size; one transaction, its commit included, as the page's real apply includes its own.
 */
export class PageApplyYardstick {
  private readonly db: Database.Database;
  private readonly insertRecord: Database.Statement;
  private readonly readRows: Database.Statement<[string], [number, Buffer]>;
  private readonly rewriteRow: Database.Statement<[Buffer, number]>;
  private readonly applyPage: Database.Transaction<(rows: readonly unknown[][], touched: string) => void>;

  constructor(file: string, supporterIds: readonly string[]) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -32768');
    this.db.exec(`CREATE TABLE records (${RawInsertYardstick.COLUMNS.join(', ')})`);
    this.db.exec('CREATE TABLE supporters (id TEXT PRIMARY KEY, payload BLOB NOT NULL)');
    const insertSupporter = this.db.prepare('INSERT INTO supporters (id, payload) VALUES (?, ?)');
    const payload = Buffer.alloc(BARE_SUPPORTER_ROW_BYTES, 7);
    this.db.transaction(() => {
      for (const supporterId of supporterIds) insertSupporter.run(supporterId, payload);
    }).immediate();
    this.insertRecord = this.db.prepare(`INSERT INTO records VALUES (${RawInsertYardstick.COLUMNS.map(() => '?').join(', ')})`);
    this.readRows = this.db
      .prepare<[string], [number, Buffer]>('SELECT rowid, payload FROM supporters WHERE id IN (SELECT value FROM json_each(?))')
      .raw();
    this.rewriteRow = this.db.prepare<[Buffer, number]>('UPDATE supporters SET payload = ? WHERE rowid = ?');
    this.applyPage = this.db.transaction((rows: readonly unknown[][], touched: string) => {
      for (const row of rows) this.insertRecord.run(row);
      for (const [rowid, stored] of this.readRows.all(touched)) {
        stored[0] = (stored[0] ?? 0) + 1;
        this.rewriteRow.run(stored, rowid);
      }
    });
  }

  /** Milliseconds to apply one page this way (its rows laid out before the clock starts). */
  apply(records: readonly SyncPageRecord[], touchedSupporterIds: Iterable<string>): number {
    const rows = records.map(RawInsertYardstick.row);
    const touched = JSON.stringify([...new Set(touchedSupporterIds)]);
    const started = performance.now();
    this.applyPage.immediate(rows, touched);
    return performance.now() - started;
  }

  close(): void {
    this.db.close();
  }
}
