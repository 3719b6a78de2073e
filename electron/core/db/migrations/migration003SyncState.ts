import type { Migration } from '../migration';

/**
 * Sync bookkeeping (docs/sync-protocol.md): one row saying where the workspace stands with the
 * platform. `cursor` and `received` are written in the same transaction as the page they follow,
 * so after a crash they describe exactly the data on disk. `serverUrl` is the server the cursor
 * belongs to; `connectedServerUrl` the saved connection (never the token, which lives in the
 * credential vault). Values an earlier build kept under `sync.*` keys in `meta` are carried over.
 *
 * Also an index for the quarantine summary (count per reason), which the sync status shows while
 * pages apply.
 */
export const migration003SyncState: Migration = {
  version: 3,
  name: 'sync state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        serverUrl TEXT,
        cursor TEXT,
        received INTEGER NOT NULL DEFAULT 0,
        connectedServerUrl TEXT,
        lastSyncedAt TEXT,
        lastOutcome TEXT CHECK (lastOutcome IN ('ok', 'failed')),
        lastError TEXT,
        needsReconnect INTEGER NOT NULL DEFAULT 0 CHECK (needsReconnect IN (0, 1))
      );
      INSERT INTO sync_state (id, serverUrl, cursor, received, connectedServerUrl, lastSyncedAt, lastOutcome, lastError, needsReconnect)
      SELECT 1,
        (SELECT value FROM meta WHERE key = 'sync.serverUrl'),
        (SELECT value FROM meta WHERE key = 'sync.cursor'),
        coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync.received'), 0),
        (SELECT value FROM meta WHERE key = 'sync.connection'),
        (SELECT value FROM meta WHERE key = 'sync.lastSyncedAt'),
        (SELECT value FROM meta WHERE key = 'sync.lastOutcome' AND value IN ('ok', 'failed')),
        (SELECT value FROM meta WHERE key = 'sync.lastError'),
        coalesce((SELECT 1 FROM meta WHERE key = 'sync.needsReconnect' AND value = '1'), 0);
      DELETE FROM meta WHERE key LIKE 'sync.%';

      CREATE INDEX quarantine_by_reason ON quarantine(reason);
    `);
  },
};
