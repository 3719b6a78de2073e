import type Database from 'better-sqlite3';

export type SyncOutcome = 'ok' | 'failed';

interface SyncStateRow {
  serverUrl: string | null;
  cursor: string | null;
  received: number;
  connectedServerUrl: string | null;
  lastSyncedAt: string | null;
  lastOutcome: SyncOutcome | null;
  lastError: string | null;
  needsReconnect: number;
}

/**
 * Sync bookkeeping: the one row of `sync_state` (migration 003). The cursor lives in the cache,
 * beside the data it describes, and is written in the same transaction as its page; a cache rebuilt
 * from scratch therefore starts again from the beginning, which idempotent upserts make safe.
 */
export class SyncStateStore {
  private readonly read;
  private readonly writeCursor;
  private readonly clearCursor;
  private readonly writeSuccess;
  private readonly writeFailure;
  private readonly writeConnection;
  private readonly writeClearProblems;

  constructor(db: Database.Database) {
    // The row exists from migration 003 on; this keeps a store usable on a cache that lost it.
    db.prepare('INSERT OR IGNORE INTO sync_state (id) VALUES (1)').run();
    this.read = db.prepare<[], SyncStateRow>('SELECT * FROM sync_state WHERE id = 1');
    this.writeCursor = db.prepare('UPDATE sync_state SET serverUrl = ?, cursor = ?, received = ? WHERE id = 1');
    this.clearCursor = db.prepare('UPDATE sync_state SET cursor = NULL, received = 0 WHERE id = 1');
    this.writeSuccess = db.prepare("UPDATE sync_state SET lastSyncedAt = ?, lastOutcome = 'ok', lastError = NULL, needsReconnect = 0 WHERE id = 1");
    this.writeFailure = db.prepare("UPDATE sync_state SET lastOutcome = 'failed', lastError = ?, needsReconnect = max(needsReconnect, ?) WHERE id = 1");
    this.writeConnection = db.prepare('UPDATE sync_state SET connectedServerUrl = ? WHERE id = 1');
    this.writeClearProblems = db.prepare('UPDATE sync_state SET lastError = NULL, needsReconnect = 0, lastOutcome = NULL WHERE id = 1');
  }

  private row(): SyncStateRow {
    return this.read.get() as SyncStateRow;
  }

  /** The stored cursor, if it belongs to this server (a different server starts from the beginning). */
  cursorFor(serverUrl: string): string | null {
    const row = this.row();
    return row.serverUrl === serverUrl ? row.cursor : null;
  }

  /** How many records this workspace has received from this server: the position of the next one. */
  receivedFrom(serverUrl: string): number {
    const row = this.row();
    return row.serverUrl === serverUrl ? row.received : 0;
  }

  /** Must run inside the page's transaction. */
  saveCursor(serverUrl: string, cursor: string, received: number): void {
    this.writeCursor.run(serverUrl, cursor, received);
  }

  resetCursor(): void {
    this.clearCursor.run();
  }

  lastSyncedAt(): string | null {
    return this.row().lastSyncedAt;
  }

  lastOutcome(): SyncOutcome | null {
    return this.row().lastOutcome;
  }

  lastError(): string | null {
    return this.row().lastError;
  }

  needsReconnect(): boolean {
    return this.row().needsReconnect === 1;
  }

  recordSuccess(at: number): void {
    this.writeSuccess.run(new Date(at).toISOString());
  }

  recordFailure(message: string, needsReconnect: boolean): void {
    this.writeFailure.run(message, needsReconnect ? 1 : 0);
  }

  /**
   * The server URL of the saved connection (never the token), so synchronous code can tell whether
   * the workspace is connected without asking the vault (e.g. "create demo data only when not connected").
   */
  connectedServerUrl(): string | null {
    return this.row().connectedServerUrl;
  }

  setConnectedServerUrl(serverUrl: string | null): void {
    this.writeConnection.run(serverUrl);
  }

  /** A new connection: forget the previous one's error and reconnect request. */
  clearProblems(): void {
    this.writeClearProblems.run();
  }
}
