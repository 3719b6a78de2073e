import type { MetaStore } from '../store/metaStore';

const KEYS = {
  serverUrl: 'sync.serverUrl',
  cursor: 'sync.cursor',
  received: 'sync.received',
  lastSyncedAt: 'sync.lastSyncedAt',
  lastOutcome: 'sync.lastOutcome',
  lastError: 'sync.lastError',
  needsReconnect: 'sync.needsReconnect',
  connection: 'sync.connection',
} as const;

export type SyncOutcome = 'ok' | 'failed';

/**
 * Sync bookkeeping in the cache's key/value table. The cursor lives in the cache, beside the data
 * it describes, and is written in the same transaction as its page; a cache rebuilt from scratch
 * therefore starts again from the beginning, which idempotent upserts make safe.
 */
export class SyncStateStore {
  constructor(private readonly meta: MetaStore) {}

  /** The stored cursor, if it belongs to this server (a different server starts from the beginning). */
  cursorFor(serverUrl: string): string | null {
    return this.meta.get(KEYS.serverUrl) === serverUrl ? this.meta.get(KEYS.cursor) : null;
  }

  /** How many records this workspace has received from this server: the position of the next one. */
  receivedFrom(serverUrl: string): number {
    return this.meta.get(KEYS.serverUrl) === serverUrl ? Number(this.meta.get(KEYS.received) ?? 0) : 0;
  }

  /** Must run inside the page's transaction. */
  saveCursor(serverUrl: string, cursor: string, received: number): void {
    this.meta.set(KEYS.serverUrl, serverUrl);
    this.meta.set(KEYS.cursor, cursor);
    this.meta.set(KEYS.received, String(received));
  }

  resetCursor(): void {
    this.meta.delete(KEYS.cursor);
  }

  lastSyncedAt(): string | null {
    return this.meta.get(KEYS.lastSyncedAt);
  }

  lastOutcome(): SyncOutcome | null {
    const value = this.meta.get(KEYS.lastOutcome);
    return value === 'ok' || value === 'failed' ? value : null;
  }

  lastError(): string | null {
    return this.meta.get(KEYS.lastError);
  }

  needsReconnect(): boolean {
    return this.meta.get(KEYS.needsReconnect) === '1';
  }

  recordSuccess(at: number): void {
    this.meta.set(KEYS.lastSyncedAt, new Date(at).toISOString());
    this.meta.set(KEYS.lastOutcome, 'ok');
    this.meta.delete(KEYS.lastError);
    this.meta.delete(KEYS.needsReconnect);
  }

  recordFailure(message: string, needsReconnect: boolean): void {
    this.meta.set(KEYS.lastOutcome, 'failed');
    this.meta.set(KEYS.lastError, message);
    if (needsReconnect) this.meta.set(KEYS.needsReconnect, '1');
  }

  /**
   * The server URL of the saved connection (never the token), so synchronous code can tell whether
   * the workspace is connected without asking the vault (e.g. "create demo data only when not connected").
   */
  connectedServerUrl(): string | null {
    return this.meta.get(KEYS.connection);
  }

  setConnectedServerUrl(serverUrl: string | null): void {
    if (serverUrl === null) this.meta.delete(KEYS.connection);
    else this.meta.set(KEYS.connection, serverUrl);
  }

  /** A new connection: forget the previous one's error and reconnect request. */
  clearProblems(): void {
    this.meta.delete(KEYS.lastError);
    this.meta.delete(KEYS.needsReconnect);
    this.meta.delete(KEYS.lastOutcome);
  }
}
