import type Database from 'better-sqlite3';
import path from 'node:path';
import { openCacheDatabase } from '../db/openCacheDatabase';
import { stripForbiddenFields } from '../ingest/stripForbiddenFields';
import { OUTBOX_MIGRATIONS } from '../db/outbox/outboxMigrations';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxEnqueueInput {
  type: string;
  supporterId: string;
  params: Record<string, unknown>;
  /** A UUID v4 (`crypto.randomUUID()`), created once with the action and reused for every delivery attempt. */
  idempotencyKey: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface OutboxEntry extends OutboxEnqueueInput {
  id: number;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  /** The platform's answer once delivered. */
  result: unknown;
}

type OutboxRow = Omit<OutboxEntry, 'params' | 'result'> & { params: string; result: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class OutboxKeyReusedError extends Error {
  override name = 'OutboxKeyReusedError';
}

export const OUTBOX_FILE_NAME = 'outbox.sqlite';

/**
 * CRM actions waiting for (or done with) delivery to the platform. Writes commit to
 * `outbox.sqlite` (WAL, mode 0600) at once: a queued action survives a crash, a restart and a
 * rebuild of the cache. See docs/sync-protocol.md for how local effects stay consistent with it.
 */
export class OutboxStore {
  private readonly insert;
  private readonly byKey;
  private readonly byId;
  private readonly pendingQuery;
  private readonly pendingCountQuery;
  private readonly listQuery;
  private readonly attemptStatement;
  private readonly deliveredStatement;
  private readonly failedStatement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (idempotencyKey, type, supporterId, params, createdAt) VALUES (@idempotencyKey, @type, @supporterId, @params, @createdAt)
       ON CONFLICT(idempotencyKey) DO NOTHING`,
    );
    this.byKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE idempotencyKey = ?');
    this.byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    this.pendingQuery = db.prepare<[number, number], OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?");
    this.pendingCountQuery = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    this.listQuery = db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?');
    this.attemptStatement = db.prepare('UPDATE outbox SET attempts = attempts + 1, lastAttemptAt = ?, lastError = ? WHERE id = ?');
    this.deliveredStatement = db.prepare(
      "UPDATE outbox SET status = 'delivered', deliveredAt = ?, result = ?, lastError = NULL WHERE id = ? AND status = 'pending'",
    );
    this.failedStatement = db.prepare("UPDATE outbox SET status = 'failed', lastError = ?, lastAttemptAt = ? WHERE id = ? AND status = 'pending'");
  }

  static open(dataDir: string): OutboxStore {
    return new OutboxStore(openCacheDatabase(OutboxStore.filePath(dataDir), { migrations: OUTBOX_MIGRATIONS }));
  }

  static filePath(dataDir: string): string {
    return path.join(dataDir, OUTBOX_FILE_NAME);
  }

  /**
   * Queues an action and returns its id. Idempotent: enqueueing the same key again (say, while
   * re-applying local effects after a crash) returns the existing id; the same key for a different
   * action is a bug and throws.
   */
  enqueue(input: OutboxEnqueueInput): number {
    if (!UUID.test(input.idempotencyKey)) throw new Error('idempotencyKey must be a UUID (crypto.randomUUID())');
    if (input.type.length === 0 || input.supporterId.length === 0) throw new Error('an outbox entry needs a type and one supporterId');
    if (!Number.isSafeInteger(input.createdAt)) throw new Error('createdAt must be epoch milliseconds');
    const params = JSON.stringify(stripForbiddenFields(input.params ?? {}).clean) ?? '{}';
    const row = { idempotencyKey: input.idempotencyKey, type: input.type, supporterId: input.supporterId, params, createdAt: input.createdAt };
    return this.db.transaction(() => {
      this.insert.run(row);
      const stored = this.byKey.get(input.idempotencyKey) as OutboxRow;
      if (stored.type !== row.type || stored.supporterId !== row.supporterId || stored.params !== row.params) {
        throw new OutboxKeyReusedError(`idempotency key ${input.idempotencyKey} is already queued for a different action`);
      }
      return stored.id;
    }).immediate();
  }

  get(id: number): OutboxEntry | null {
    const row = this.byId.get(id);
    return row ? toEntry(row) : null;
  }

  getByKey(idempotencyKey: string): OutboxEntry | null {
    const row = this.byKey.get(idempotencyKey);
    return row ? toEntry(row) : null;
  }

  /** Pending actions in the order they were taken (after `afterId`, at most `limit`). */
  pending(limit = 100, afterId = 0): OutboxEntry[] {
    return this.pendingQuery.all(afterId, limit).map(toEntry);
  }

  pendingCount(): number {
    return this.pendingCountQuery.get()?.n ?? 0;
  }

  /** Every entry whatever its status, in id order: for re-applying local effects to a rebuilt cache. */
  list(afterId = 0, limit = 500): OutboxEntry[] {
    return this.listQuery.all(afterId, limit).map(toEntry);
  }

  recordAttempt(id: number, at: number, error: string | null): void {
    this.attemptStatement.run(at, error, id);
  }

  markDelivered(id: number, result: unknown, at: number): void {
    this.deliveredStatement.run(at, JSON.stringify(stripForbiddenFields(result ?? null).clean) ?? 'null', id);
  }

  /** The platform refused the action for good (e.g. HTTP 422): it is not retried. */
  markFailed(id: number, reason: string, at: number): void {
    this.failedStatement.run(reason, at, id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    ...row,
    params: JSON.parse(row.params) as Record<string, unknown>,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  };
}
