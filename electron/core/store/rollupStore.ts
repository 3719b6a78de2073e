import type Database from 'better-sqlite3';
import { DAY_MS } from '../engine/engineTime';
import { RECENT_WINDOW_DAYS, type SupporterRollup } from '../engine/rollup/supporterRollup';

/**
 * The rollup's columns of `supporter_state` in the order `fromRawRow` reads them (the key first).
 * Columns the score also has carry a `rollup` prefix (migration 8).
 */
const ROLLUP_COLUMNS = `supporterId, rollupVersion, activityCount, maxAt, rollupLifetimeTokens, rollupFirstPurchaseAt, rollupLastActivityAt,
  giftsLifetime, lastMatchAt, presenceAt, presenceId, rollupOnline, rollupLastCreatorMessageAt, rollupUnreadCount,
  rollupRegisteredListingIds, recent`;

/** Every rollup column but the key, in the order `bindRollup` binds them. */
export const ROLLUP_UPDATED_COLUMNS = [
  'rollupVersion',
  'activityCount',
  'maxAt',
  'rollupLifetimeTokens',
  'rollupFirstPurchaseAt',
  'rollupLastActivityAt',
  'giftsLifetime',
  'lastMatchAt',
  'presenceAt',
  'presenceId',
  'rollupOnline',
  'rollupLastCreatorMessageAt',
  'rollupUnreadCount',
  'rollupRegisteredListingIds',
  'recent',
] as const;

/** Present rollups only: a row may hold just a score (a supporter with no activity). */
const HAS_ROLLUP = 'rollupVersion IS NOT NULL';

/** The parameter types a rollup binds. */
export type RollupParam = string | number | Buffer | null;

/** Writes a rollup's values into `params` from `offset`, in ROLLUP_UPDATED_COLUMNS order (positional binding: no per-name lookup). */
export function bindRollup(params: RollupParam[], offset: number, rollup: SupporterRollup, engineVersion: number): void {
  params[offset] = engineVersion;
  params[offset + 1] = rollup.activityCount;
  params[offset + 2] = rollup.maxAt;
  params[offset + 3] = rollup.lifetimeTokens;
  params[offset + 4] = rollup.firstPurchaseAt;
  params[offset + 5] = rollup.lastActivityAt;
  params[offset + 6] = rollup.giftsLifetime;
  params[offset + 7] = rollup.lastMatchAt;
  params[offset + 8] = rollup.presenceAt;
  params[offset + 9] = rollup.presenceId;
  params[offset + 10] = rollup.online ? 1 : 0;
  params[offset + 11] = rollup.lastCreatorMessageAt;
  params[offset + 12] = rollup.unreadCount;
  params[offset + 13] = rollup.registeredListingIds.length > 0 ? JSON.stringify(rollup.registeredListingIds) : null;
  params[offset + 14] = Buffer.from(rollup.recent.buffer, rollup.recent.byteOffset, rollup.recent.byteLength);
}

/**
 * Per-supporter rollups (the engine's stored aggregates, the rollup half of `supporter_state`) and the queue of supporters whose derived
 * data is out of date (`engine_pending`, filled by triggers and by the engine's observer).
 */
export class RollupStore {
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateParams: RollupParam[] = new Array<RollupParam>(16).fill(null);
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly dropEmptyRowStatement;
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
    this.getStatement = db
      .prepare<[string], RawRollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_state WHERE supporterId = ? AND ${HAS_ROLLUP}`)
      .raw();
    this.insertStatement = db.prepare(
      `INSERT INTO supporter_state (${ROLLUP_UPDATED_COLUMNS.join(', ')}, supporterId) VALUES (${ROLLUP_UPDATED_COLUMNS.map(() => '?').join(', ')}, ?)`,
    );
    // Most writes extend an existing rollup or fill in the rollup of a scored supporter: a plain
    // UPDATE skips the failed INSERT an upsert starts with. Both statements take the same
    // positional parameters: ROLLUP_UPDATED_COLUMNS in order, then the id (see `upsert`).
    this.updateStatement = db.prepare(`
      UPDATE supporter_state SET ${ROLLUP_UPDATED_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE supporterId = ?`);
    const noRollup = ROLLUP_UPDATED_COLUMNS.map((column) => `${column} = NULL`).join(', ');
    this.deleteStatement = db.prepare(`UPDATE supporter_state SET ${noRollup} WHERE supporterId = ?`);
    this.dropEmptyRowStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId = ? AND segment IS NULL');
    this.getManyStatement = db
      .prepare<[string], RawRollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_state WHERE supporterId IN (SELECT value FROM json_each(?)) AND ${HAS_ROLLUP}`)
      .raw();
    this.allStatement = db
      .prepare<[number], RawRollupRow>(
        `SELECT ${ROLLUP_COLUMNS.replace(/recent$/, 'CASE WHEN maxAt > ? THEN recent END')} FROM supporter_state WHERE ${HAS_ROLLUP}`,
      )
      .raw();
    const forScoring = ROLLUP_COLUMNS.replace(/recent$/, 'CASE WHEN maxAt > @windowStart THEN recent END');
    this.betweenStatement = db
      .prepare<{ windowStart: number; after: string; upTo: string }, RawRollupRow>(
        `SELECT ${forScoring} FROM supporter_state WHERE supporterId > @after AND supporterId <= @upTo AND ${HAS_ROLLUP}`,
      )
      .raw();
    this.fromStatement = db
      .prepare<{ windowStart: number; after: string }, RawRollupRow>(`SELECT ${forScoring} FROM supporter_state WHERE supporterId > @after AND ${HAS_ROLLUP}`)
      .raw();
    this.pendingAllStatement = db.prepare<[], { supporterId: string; rebuild: number }>('SELECT supporterId, rebuild FROM engine_pending');
    this.pendingCountStatement = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM engine_pending');
    this.clearPendingStatement = db.prepare('DELETE FROM engine_pending');
    this.freedRowidsStatement = db.prepare<[], number>('SELECT activityRowid FROM engine_freed_rowids').pluck();
    this.clearFreedRowidsStatement = db.prepare('DELETE FROM engine_freed_rowids');
  }

  get(supporterId: string): SupporterRollup | null {
    const row = this.getStatement.get(supporterId) as RawRollupRow | undefined;
    return row ? fromRawRow(row) : null;
  }

  upsert(rollup: SupporterRollup, engineVersion: number): void {
    const params = this.updateParams;
    bindRollup(params, 0, rollup, engineVersion);
    params[15] = rollup.supporterId;
    if (this.updateStatement.run(params).changes === 0) this.insertStatement.run(params);
  }

  /** Drops a supporter's rollup (their activity is all gone); the row goes too unless it holds a score. */
  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
    this.dropEmptyRowStatement.run(supporterId);
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

/** A row of ROLLUP_COLUMNS, as a raw statement returns it. */
export type RawRollupRow = [
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
  ...unknown[],
];

const NO_ENTRIES = new Float64Array(0);
const NO_LISTINGS: readonly string[] = Object.freeze([]);

/** The rollup in a raw row whose first columns are ROLLUP_COLUMNS (later columns are ignored). */
export function fromRawRow(row: RawRollupRow): SupporterRollup {
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

/** The blob's doubles without a copy when the Buffer is 8-byte aligned (better-sqlite3 gives each blob its own), else copied. */
function float64View(blob: Buffer): Float64Array {
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8);
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float64Array(bytes.buffer);
}
