import Database from 'better-sqlite3';
import fs from 'node:fs';
import { ALL_MIGRATIONS } from './allMigrations';
import { CacheDamagedError } from './classifyDatabaseError';
import type { Migration } from './migration';
import { DatabaseTooNewError, readSchemaVersion, runMigrations } from './runMigrations';

export interface OpenCacheOptions {
  migrations?: readonly Migration[];
  /**
   * Check every page and every index against its table at open (`integrity_check`) rather than
   * the pages alone: for small files whose damage must be found before any query meets it (the
   * outbox, which is salvaged, never rebuilt).
   */
  fullCheck?: boolean;
}

/**
 * A full page check reads every page, so it runs at open only for caches up to this size;
 * damage in a larger one is caught when a query reaches it (see classifyDatabaseError).
 */
const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A migration that builds an index sorts every row of its table: millions at creator scale. In
 * memory (`temp_store = MEMORY`) such sorts held whole indexes at once: migrations 16–18 over 5.4
 * million activities peaked at 650 MB resident, against 200 MB with temporary files, whose sorts
 * keep to the page cache's size and leave the rest to the OS file cache.
 */
function runMigrationsWithSortsOnDisk(db: Database.Database, migrations: readonly Migration[]): void {
  const tempStore = db.pragma('temp_store', { simple: true });
  db.pragma('temp_store = FILE');
  try {
    runMigrations(db, migrations);
  } finally {
    db.pragma(`temp_store = ${Number(tempStore)}`);
  }
}

/**
 * Opens (or creates) the SQLite cache: checks the schema version read-only first, so a file from a
 * newer app is refused without a single byte written; then WAL mode and pending migrations.
 */
export function openCacheDatabase(filePath: string, options: OpenCacheOptions = {}): Database.Database {
  const migrations = options.migrations ?? ALL_MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  if (filePath !== ':memory:' && fs.existsSync(filePath)) {
    const probe = new Database(filePath, { readonly: true, fileMustExist: true });
    try {
      const version = readSchemaVersion(probe);
      if (version > latest) throw new DatabaseTooNewError(version, latest);
    } finally {
      probe.close();
    }
  }
  const db = new Database(filePath);
  try {
    if (filePath !== ':memory:') {
      // The cache holds spending data: readable by this user only.
      fs.chmodSync(filePath, 0o600);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache: a larger one did not make the incremental recompute faster at creator
    // scale, and the core's memory stays under its 400 MB goal; pages beyond it come from the OS
    // file cache.
    db.pragma('cache_size = -32768');
    // Sorts and temporary tables of the app's own queries are small: memory is fastest for them.
    db.pragma('temp_store = MEMORY');
    // Checkpoint the WAL every ~80 MB rather than every 4 MB: small commits (a sync page, an
    // action) then stay small instead of also copying the log back into the database file.
    db.pragma('wal_autocheckpoint = 20000');
    if (filePath !== ':memory:' && fs.statSync(filePath).size <= QUICK_CHECK_MAX_BYTES) {
      const verdict = db.pragma(options.fullCheck ? 'integrity_check(1)' : 'quick_check(1)', { simple: true });
      if (verdict !== 'ok') throw new CacheDamagedError(String(verdict));
    }
    runMigrationsWithSortsOnDisk(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
