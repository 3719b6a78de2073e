import type Database from 'better-sqlite3';

/**
 * Copies committed pages from the write-ahead log into the cache file.
 *
 * - `PASSIVE` never waits for anyone: the log is then rewritten from its start instead of growing,
 *   which keeps a long import from filling the disk with old page versions.
 * - `TRUNCATE` also empties the log file, giving its space back (after a full disk). It needs room
 *   for the pages it copies, so it can fail; false then, and the log is left as it was (SQLite
 *   retries at the next checkpoint, or when the last connection closes).
 *
 * True when every committed page is in the cache file (and, for TRUNCATE, the log is empty).
 */
export function checkpointWal(db: Database.Database, mode: 'PASSIVE' | 'TRUNCATE'): boolean {
  try {
    const [result] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
    if (result === undefined || result.busy !== 0) return false;
    return mode === 'TRUNCATE' ? result.log === 0 : result.checkpointed === result.log;
  } catch {
    return false;
  }
}
