import type Database from 'better-sqlite3';
import path from 'node:path';
import { classifyDatabaseError, OutboxDamagedError } from '../db/classifyDatabaseError';
import { openCacheDatabase } from '../db/openCacheDatabase';
import { OUTBOX_MIGRATIONS } from '../db/outbox/outboxMigrations';
import { stripForbiddenFields } from '../ingest/stripForbiddenFields';

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

/** The type of an outbox entry that carries a memory change (its params are the change record, docs/sync-protocol.md §9). */
export const MEMORY_OUTBOX_TYPE = 'memory';

/** A memory change on its way to the outbox. */
export interface MemoryOutboxInput {
  /** The change record (`{entity, op, data}`), sent as it is. */
  change: { entity: string; op: string; data: { id: string; supporterId: string } & Record<string, unknown> };
  /** A UUID v4, as for actions: the entry's own identity in the outbox. */
  key: string;
  createdAt: number;
}

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
  private readonly restoreStatement;
  private readonly restoreWithNewIdStatement;
  private readonly supersedeMemoryStatement;
  private readonly pendingMemoryCountQuery;
  private readonly settleMemoryStatement;
  private readonly failMemoryStatement;
  private readonly pendingMemoryQuery;

  constructor(private readonly db: Database.Database) {
    // Rows removed from the outbox (a delivered memory change, an edit replaced by a newer one)
    // are overwritten with zeros in the file, so a note's old or deleted text does not linger in
    // free pages (docs/relationship-memory.md, Privacy).
    db.pragma('secure_delete = ON');
    this.insert = db.prepare(
      `INSERT INTO outbox (idempotencyKey, type, supporterId, params, createdAt) VALUES (@idempotencyKey, @type, @supporterId, @params, @createdAt)
       ON CONFLICT(idempotencyKey) DO NOTHING`,
    );
    this.byKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE idempotencyKey = ?');
    this.byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    this.pendingQuery = db.prepare<[number, number], OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?");
    this.pendingCountQuery = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND type <> 'memory'");
    this.pendingMemoryCountQuery = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND type = 'memory'");
    // Through the index of outbox migration 2 (the same expression and conditions).
    this.supersedeMemoryStatement = db.prepare(
      `DELETE FROM outbox WHERE type = 'memory' AND status = 'pending' AND json_extract(params, '$.data.id') = @id AND json_extract(params, '$.entity') = @entity`,
    );
    this.settleMemoryStatement = db.prepare("DELETE FROM outbox WHERE id = ? AND type = 'memory' AND status = 'pending'");
    this.failMemoryStatement = db.prepare(
      "UPDATE outbox SET status = 'failed', params = json_remove(params, '$.data.text'), lastError = @reason, lastAttemptAt = @at WHERE id = @id AND type = 'memory' AND status = 'pending'",
    );
    this.pendingMemoryQuery = db.prepare<[number, number], OutboxRow>(
      "SELECT * FROM outbox WHERE status = 'pending' AND type = 'memory' AND id > ? ORDER BY id LIMIT ?",
    );
    this.listQuery = db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?');
    this.attemptStatement = db.prepare('UPDATE outbox SET attempts = attempts + 1, lastAttemptAt = ?, lastError = ? WHERE id = ?');
    this.deliveredStatement = db.prepare(
      "UPDATE outbox SET status = 'delivered', deliveredAt = ?, result = ?, lastError = NULL WHERE id = ? AND status = 'pending'",
    );
    this.failedStatement = db.prepare("UPDATE outbox SET status = 'failed', lastError = ?, lastAttemptAt = ? WHERE id = ? AND status = 'pending'");
    const restoreColumns = 'idempotencyKey, type, supporterId, params, createdAt, status, attempts, lastAttemptAt, lastError, deliveredAt, result';
    const restoreValues = '@idempotencyKey, @type, @supporterId, @params, @createdAt, @status, @attempts, @lastAttemptAt, @lastError, @deliveredAt, @result';
    this.restoreStatement = db.prepare(`INSERT OR IGNORE INTO outbox (id, ${restoreColumns}) VALUES (@id, ${restoreValues})`);
    this.restoreWithNewIdStatement = db.prepare(`INSERT OR IGNORE INTO outbox (${restoreColumns}) VALUES (${restoreValues})`);
  }

  /**
   * Opens this workspace's outbox, checking every page and index first. Damage is reported as
   * `OutboxDamagedError` (never as a damaged cache): see `openOutboxWithRecovery`.
   */
  static open(dataDir: string): OutboxStore {
    return OutboxStore.openFile(OutboxStore.filePath(dataDir));
  }

  /** The same for an outbox file anywhere (a salvaged one being filled before it takes the damaged one's place). */
  static openFile(filePath: string): OutboxStore {
    let store: OutboxStore;
    try {
      store = new OutboxStore(openCacheDatabase(filePath, { migrations: OUTBOX_MIGRATIONS, fullCheck: true }));
    } catch (error) {
      throw asOutboxError(error);
    }
    try {
      store.checkEveryEntryReads();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /**
   * The page and index checks cannot see a damaged JSON value inside a row; reading every entry
   * once at open can, so damage is found (and salvaged) now rather than by a sync run later.
   */
  private checkEveryEntryReads(): void {
    let afterId = 0;
    for (;;) {
      const page = this.list(afterId, 1000);
      if (page.length === 0) return;
      afterId = (page.at(-1) as OutboxEntry).id;
    }
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
    return guard(() =>
      this.db
        .transaction(() => {
          this.insert.run(row);
          const stored = this.byKey.get(input.idempotencyKey) as OutboxRow;
          if (stored.type !== row.type || stored.supporterId !== row.supporterId || stored.params !== row.params) {
            throw new OutboxKeyReusedError(`idempotency key ${input.idempotencyKey} is already queued for a different action`);
          }
          return stored.id;
        })
        .immediate(),
    );
  }

  get(id: number): OutboxEntry | null {
    const row = guard(() => this.byId.get(id));
    return row ? toEntry(row) : null;
  }

  getByKey(idempotencyKey: string): OutboxEntry | null {
    const row = guard(() => this.byKey.get(idempotencyKey));
    return row ? toEntry(row) : null;
  }

  /** Pending actions in the order they were taken (after `afterId`, at most `limit`). */
  pending(limit = 100, afterId = 0): OutboxEntry[] {
    return guard(() => this.pendingQuery.all(afterId, limit)).map(toEntry);
  }

  /** CRM actions waiting for the platform (memory changes are counted apart: `pendingMemoryCount`). */
  pendingCount(): number {
    return guard(() => this.pendingCountQuery.get())?.n ?? 0;
  }

  /** Memory changes (notes, tags, follow-ups, snoozes) waiting for the platform. */
  pendingMemoryCount(): number {
    return guard(() => this.pendingMemoryCountQuery.get())?.n ?? 0;
  }

  /**
   * Queues memory changes in one transaction and returns their entry ids. Each replaces a pending
   * change of the same record, which it supersedes (each change carries its record's whole
   * state): what is sent is the latest state, and a text edited away or deleted offline never
   * leaves the machine.
   */
  enqueueMemory(inputs: readonly MemoryOutboxInput[]): number[] {
    for (const input of inputs) {
      if (!UUID.test(input.key)) throw new Error('a memory change key must be a UUID (crypto.randomUUID())');
      if (!Number.isSafeInteger(input.createdAt)) throw new Error('createdAt must be epoch milliseconds');
    }
    return guard(() =>
      this.db
        .transaction(() =>
          inputs.map((input) => {
            const { entity, data } = input.change;
            this.supersedeMemoryStatement.run({ id: data.id, entity });
            const params = JSON.stringify(stripForbiddenFields(input.change).clean);
            const row = { idempotencyKey: input.key, type: MEMORY_OUTBOX_TYPE, supporterId: data.supporterId, params, createdAt: input.createdAt };
            return Number(this.insert.run(row).lastInsertRowid);
          }),
        )
        .immediate(),
    );
  }

  /** Pending memory changes in the order they were made (after `afterId`, at most `limit`). */
  pendingMemory(limit = 100, afterId = 0): OutboxEntry[] {
    return guard(() => this.pendingMemoryQuery.all(afterId, limit)).map(toEntry);
  }

  /**
   * The platform has a memory change (it took it, or already held it or a newer state): the entry
   * goes. Nothing of it is needed again — the platform's change feed carries it from now on — and a
   * delivered note's text stays on this machine only in the cache.
   */
  settleMemory(id: number): void {
    guard(() => this.settleMemoryStatement.run(id));
  }

  /** Takes back queued memory changes whose local write did not commit (the creator was told it failed). */
  withdrawMemory(ids: readonly number[]): void {
    guard(() =>
      this.db
        .transaction(() => {
          for (const id of ids) this.settleMemoryStatement.run(id);
        })
        .immediate(),
    );
  }

  /** The platform refused a memory change for good: kept as `failed` with the reason, its text removed. */
  failMemory(id: number, reason: string, at: number): void {
    guard(() => this.failMemoryStatement.run({ id, reason, at }));
  }

  /** Every entry whatever its status, in id order: for re-applying local effects to a rebuilt cache. */
  list(afterId = 0, limit = 500): OutboxEntry[] {
    return guard(() => this.listQuery.all(afterId, limit)).map(toEntry);
  }

  recordAttempt(id: number, at: number, error: string | null): void {
    guard(() => this.attemptStatement.run(at, error, id));
  }

  markDelivered(id: number, result: unknown, at: number): void {
    guard(() => this.deliveredStatement.run(at, JSON.stringify(stripForbiddenFields(result ?? null).clean) ?? 'null', id));
  }

  /** The platform refused the action for good (e.g. HTTP 422): it is not retried. */
  markFailed(id: number, reason: string, at: number): void {
    guard(() => this.failedStatement.run(reason, at, id));
  }

  /**
   * Writes entries salvaged from a damaged outbox into this (fresh) one, each with its status,
   * attempts and result, keeping its id where it is free. Returns how many were written.
   */
  restore(entries: readonly OutboxEntry[]): number {
    return this.db
      .transaction(() => {
        let written = 0;
        for (const entry of entries) {
          const row = {
            ...entry,
            params: JSON.stringify(stripForbiddenFields(entry.params).clean) ?? '{}',
            result: entry.result === null ? null : (JSON.stringify(stripForbiddenFields(entry.result).clean) ?? null),
          };
          let { changes } = this.restoreStatement.run(row);
          if (changes === 0 && this.byKey.get(entry.idempotencyKey) === undefined) changes = this.restoreWithNewIdStatement.run(row).changes;
          written += changes;
        }
        return written;
      })
      .immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }
}

/** Damage met by a query is the outbox's, whatever SQLite calls it: the runtime salvages the outbox, not the cache. */
function guard<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    throw asOutboxError(error);
  }
}

function asOutboxError(error: unknown): unknown {
  if (classifyDatabaseError(error) !== 'damaged') return error;
  const detail = error instanceof Error && 'detail' in error ? String(error.detail) : error instanceof Error ? error.message : String(error);
  return new OutboxDamagedError(detail, { cause: error });
}

function toEntry(row: OutboxRow): OutboxEntry {
  try {
    return {
      ...row,
      params: JSON.parse(row.params) as Record<string, unknown>,
      result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    };
  } catch (error) {
    // The outbox only ever writes JSON here: a value that does not parse was damaged on disk.
    throw new OutboxDamagedError(`entry ${row.id} cannot be read`, { cause: error });
  }
}
