import type Database from 'better-sqlite3';
import { DAY_MS } from '../engine/engineTime';
import { RECENT_WINDOW_DAYS, type SupporterRollup } from '../engine/rollup/supporterRollup';

interface RollupRow {
  supporterId: string;
  engineVersion: number;
  activityCount: number;
  maxAt: number | null;
  lifetimeTokens: number;
  firstPurchaseAt: number | null;
  lastActivityAt: number | null;
  giftsLifetime: number;
  lastMatchAt: number | null;
  presenceAt: number | null;
  presenceId: string | null;
  online: number;
  lastCreatorMessageAt: number | null;
  unreadCount: number;
  registeredListingIds: string | null;
  recent: Buffer;
}

const ROLLUP_COLUMNS = `supporterId, engineVersion, activityCount, maxAt, lifetimeTokens, firstPurchaseAt, lastActivityAt,
  giftsLifetime, lastMatchAt, presenceAt, presenceId, online, lastCreatorMessageAt, unreadCount, registeredListingIds, recent`;

/** Every column but the key, in the order `upsert` binds them. */
const UPDATED_COLUMNS = [
  'engineVersion',
  'activityCount',
  'maxAt',
  'lifetimeTokens',
  'firstPurchaseAt',
  'lastActivityAt',
  'giftsLifetime',
  'lastMatchAt',
  'presenceAt',
  'presenceId',
  'online',
  'lastCreatorMessageAt',
  'unreadCount',
  'registeredListingIds',
  'recent',
] as const;

/**
 * Per-supporter rollups (the engine's stored aggregates) and the queue of supporters whose derived
 * data is out of date (`engine_pending`, filled by triggers and by the engine's observer).
 */
export class RollupStore {
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateParams: (string | number | Buffer | null)[] = new Array<string | number | Buffer | null>(16).fill(null);
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly clearStatement;
  private readonly allStatement;
  private readonly betweenStatement;
  private readonly fromStatement;
  private readonly getManyStatement;
  private readonly pendingAllStatement;
  private readonly pendingCountStatement;
  private readonly clearPendingStatement;
  private readonly freedRowidsStatement;
  private readonly clearFreedRowidsStatement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare<[string], RollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_rollups WHERE supporterId = ?`);
    this.insertStatement = db.prepare(
      `INSERT INTO supporter_rollups (${UPDATED_COLUMNS.join(', ')}, supporterId) VALUES (${UPDATED_COLUMNS.map(() => '?').join(', ')}, ?)`,
    );
    // Most writes extend an existing rollup: a plain UPDATE skips the failed INSERT an upsert starts with.
    // Both statements take the same positional parameters: UPDATED_COLUMNS in order, then the id (see `upsert`).
    this.updateStatement = db.prepare(`
      UPDATE supporter_rollups SET ${UPDATED_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE supporterId = ?`);
    this.deleteStatement = db.prepare('DELETE FROM supporter_rollups WHERE supporterId = ?');
    this.clearStatement = db.prepare('DELETE FROM supporter_rollups');
    this.getManyStatement = db
      .prepare<[string], RollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_rollups WHERE supporterId IN (SELECT value FROM json_each(?))`)
      .raw();
    this.allStatement = db
      .prepare<[number], RollupRow>(
        `SELECT ${ROLLUP_COLUMNS.replace('recent', 'CASE WHEN maxAt > ? THEN recent END')} FROM supporter_rollups`,
      )
      .raw();
    const forScoring = ROLLUP_COLUMNS.replace('recent', 'CASE WHEN maxAt > @windowStart THEN recent END');
    this.betweenStatement = db
      .prepare<{ windowStart: number; after: string; upTo: string }, RollupRow>(
        `SELECT ${forScoring} FROM supporter_rollups WHERE supporterId > @after AND supporterId <= @upTo`,
      )
      .raw();
    this.fromStatement = db
      .prepare<{ windowStart: number; after: string }, RollupRow>(`SELECT ${forScoring} FROM supporter_rollups WHERE supporterId > @after`)
      .raw();
    this.pendingAllStatement = db.prepare<[], { supporterId: string; rebuild: number }>('SELECT supporterId, rebuild FROM engine_pending');
    this.pendingCountStatement = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM engine_pending');
    this.clearPendingStatement = db.prepare('DELETE FROM engine_pending');
    this.freedRowidsStatement = db.prepare<[], number>('SELECT activityRowid FROM engine_freed_rowids').pluck();
    this.clearFreedRowidsStatement = db.prepare('DELETE FROM engine_freed_rowids');
  }

  get(supporterId: string): SupporterRollup | null {
    const row = this.getStatement.get(supporterId);
    return row ? toRollup(row) : null;
  }

  upsert(rollup: SupporterRollup, engineVersion: number): void {
    // Positional parameters: binding by name looks each one up in an object, a measurable share of a write.
    const params = this.updateParams;
    params[0] = engineVersion;
    params[1] = rollup.activityCount;
    params[2] = rollup.maxAt;
    params[3] = rollup.lifetimeTokens;
    params[4] = rollup.firstPurchaseAt;
    params[5] = rollup.lastActivityAt;
    params[6] = rollup.giftsLifetime;
    params[7] = rollup.lastMatchAt;
    params[8] = rollup.presenceAt;
    params[9] = rollup.presenceId;
    params[10] = rollup.online ? 1 : 0;
    params[11] = rollup.lastCreatorMessageAt;
    params[12] = rollup.unreadCount;
    params[13] = rollup.registeredListingIds.length > 0 ? JSON.stringify(rollup.registeredListingIds) : null;
    params[14] = Buffer.from(rollup.recent.buffer, rollup.recent.byteOffset, rollup.recent.byteLength);
    params[15] = rollup.supporterId;
    if (this.updateStatement.run(params).changes === 0) this.insertStatement.run(params);
  }

  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
  }

  clear(): void {
    this.clearStatement.run();
  }

  /**
   * Every rollup in one sequential pass, as a full re-segmentation at `now` needs them: windowed
   * entries only where some may still be inside the 30-day window. The caller may not write to
   * the database until the iteration ends.
   */
  *iterateForScoringAt(now: number): IterableIterator<SupporterRollup> {
    // Raw rows, streamed: column arrays cost less to build than named objects, and none of the
    // 100,000 needs to outlive its turn.
    for (const row of this.allStatement.iterate(now - RECENT_WINDOW_DAYS * DAY_MS) as IterableIterator<unknown>) {
      yield fromRawRow(row as RawRollupRow);
    }
  }

  /**
   * The rollups with supporterId in (after, upTo], or above `after` when `upTo` is null, read as
   * `iterateForScoringAt` reads them: one slice of a full run, along the primary key.
   */
  forScoringBetween(now: number, after: string, upTo: string | null): SupporterRollup[] {
    const windowStart = now - RECENT_WINDOW_DAYS * DAY_MS;
    const rows = (upTo === null ? this.fromStatement.all({ windowStart, after }) : this.betweenStatement.all({ windowStart, after, upTo })) as unknown[];
    return rows.map((row) => fromRawRow(row as RawRollupRow));
  }

  /** The rollups of these supporters, in one query; a supporter with no activity has none. */
  getMany(supporterIds: readonly string[]): Map<string, SupporterRollup> {
    const rollups = new Map<string, SupporterRollup>();
    if (supporterIds.length === 0) return rollups;
    for (const row of this.getManyStatement.all(JSON.stringify(supporterIds)) as unknown as RawRollupRow[]) {
      rollups.set(row[0], fromRawRow(row));
    }
    return rollups;
  }

  pending(): { supporterId: string; rebuild: boolean }[] {
    return this.pendingAllStatement.all().map((row) => ({ supporterId: row.supporterId, rebuild: row.rebuild === 1 }));
  }

  pendingCount(): number {
    return this.pendingCountStatement.get()?.n ?? 0;
  }

  clearPending(): void {
    this.clearPendingStatement.run();
  }

  /** Rowids of activities deleted since the last catch-up: a later insert may have reused one. */
  freedRowids(): number[] {
    return this.freedRowidsStatement.all();
  }

  clearFreedRowids(): void {
    this.clearFreedRowidsStatement.run();
  }
}

type RawRollupRow = [
  string,
  number,
  number,
  number | null,
  number,
  number | null,
  number | null,
  number,
  number | null,
  number | null,
  string | null,
  number,
  number | null,
  number,
  string | null,
  Buffer | null,
];

const NO_ENTRIES = new Float64Array(0);
const NO_LISTINGS: readonly string[] = Object.freeze([]);

function fromRawRow(row: RawRollupRow): SupporterRollup {
  return {
    supporterId: row[0],
    activityCount: row[2],
    maxAt: row[3],
    lifetimeTokens: row[4],
    firstPurchaseAt: row[5],
    lastActivityAt: row[6],
    giftsLifetime: row[7],
    lastMatchAt: row[8],
    presenceAt: row[9],
    presenceId: row[10],
    online: row[11] === 1,
    lastCreatorMessageAt: row[12],
    unreadCount: row[13],
    registeredListingIds: row[14] === null ? (NO_LISTINGS as string[]) : (JSON.parse(row[14]) as string[]),
    recent: row[15] === null ? NO_ENTRIES : float64View(row[15]),
  };
}

function toRollup(row: RollupRow): SupporterRollup {
  return {
    supporterId: row.supporterId,
    activityCount: row.activityCount,
    maxAt: row.maxAt,
    lifetimeTokens: row.lifetimeTokens,
    firstPurchaseAt: row.firstPurchaseAt,
    lastActivityAt: row.lastActivityAt,
    giftsLifetime: row.giftsLifetime,
    lastMatchAt: row.lastMatchAt,
    presenceAt: row.presenceAt,
    presenceId: row.presenceId,
    online: row.online === 1,
    lastCreatorMessageAt: row.lastCreatorMessageAt,
    unreadCount: row.unreadCount,
    registeredListingIds: row.registeredListingIds === null ? [] : (JSON.parse(row.registeredListingIds) as string[]),
    recent: float64View(row.recent),
  };
}

/** The blob's doubles without a copy when the Buffer is 8-byte aligned (better-sqlite3 gives each blob its own), else copied. */
function float64View(blob: Buffer): Float64Array {
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8);
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float64Array(bytes.buffer);
}
