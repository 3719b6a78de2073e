import type Database from 'better-sqlite3';
import type { SupporterRollup } from '../engine/rollup/supporterRollup';
import { decodeRollupBlob, encodeRollupBlob } from './rollupBlob';

/** Every rollup column of `supporter_state` but the key, in the order `bindRollup` binds them (migration 9: the numbers in one blob). */
export const ROLLUP_UPDATED_COLUMNS = ['rollupVersion', 'rollup', 'presenceId', 'rollupRegisteredListingIds'] as const;

/** The rollup's columns in the order `fromRawRow` reads them, the key first. */
const ROLLUP_COLUMNS = `supporterId, ${ROLLUP_UPDATED_COLUMNS.join(', ')}`;

/** Columns of a raw rollup row (`RawRollupRow`): what follows them in a wider row is someone else's. */
export const ROLLUP_ROW_COLUMNS = 1 + ROLLUP_UPDATED_COLUMNS.length;

/** Present rollups only: a row may hold just a score (a supporter with no activity). */
const HAS_ROLLUP = 'rollupVersion IS NOT NULL';

/** The parameter types a rollup binds. */
export type RollupParam = string | number | Buffer | null;

/** Writes a rollup's values into `params` from `offset`, in ROLLUP_UPDATED_COLUMNS order (positional binding: no per-name lookup). */
export function bindRollup(params: RollupParam[], offset: number, rollup: SupporterRollup, engineVersion: number): void {
  params[offset] = engineVersion;
  params[offset + 1] = encodeRollupBlob(rollup);
  params[offset + 2] = rollup.presenceId;
  params[offset + 3] = rollup.registeredListingIds.length > 0 ? JSON.stringify(rollup.registeredListingIds) : null;
}

/**
 * Per-supporter rollups (the engine's stored aggregates, the rollup half of `supporter_state`) and the queue of supporters whose derived
 * data is out of date (`engine_pending`, filled by triggers and by the engine's observer).
 */
export class RollupStore {
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateParams: RollupParam[] = new Array<RollupParam>(ROLLUP_ROW_COLUMNS).fill(null);
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
    this.allStatement = db.prepare<[], RawRollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_state WHERE ${HAS_ROLLUP}`).raw();
    this.betweenStatement = db
      .prepare<[string, string], RawRollupRow>(
        `SELECT ${ROLLUP_COLUMNS} FROM supporter_state WHERE supporterId > ? AND supporterId <= ? AND ${HAS_ROLLUP}`,
      )
      .raw();
    this.fromStatement = db
      .prepare<[string], RawRollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM supporter_state WHERE supporterId > ? AND ${HAS_ROLLUP}`)
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
    params[ROLLUP_UPDATED_COLUMNS.length] = rollup.supporterId;
    if (this.updateStatement.run(...params).changes === 0) this.insertStatement.run(...params);
  }

  /** Drops a supporter's rollup (their activity is all gone); the row goes too unless it holds a score. */
  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
    this.dropEmptyRowStatement.run(supporterId);
  }

  /**
   * Every rollup in one sequential pass, as a full re-segmentation needs them. The caller may not
   * write to the database until the iteration ends.
   */
  *iterateAll(): IterableIterator<SupporterRollup> {
    // Raw rows, streamed: column arrays cost less to build than named objects, and none of the
    // 100,000 needs to outlive its turn.
    for (const row of this.allStatement.iterate() as IterableIterator<unknown>) yield fromRawRow(row as RawRollupRow);
  }

  /** The rollups with supporterId in (after, upTo], or above `after` when `upTo` is null: one slice of a full run, along the primary key. */
  between(after: string, upTo: string | null): SupporterRollup[] {
    const rows = (upTo === null ? this.fromStatement.all(after) : this.betweenStatement.all(after, upTo)) as unknown[];
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

/** A row of ROLLUP_COLUMNS, as a raw statement returns it (a wider row may follow with more columns). */
export type RawRollupRow = [
  supporterId: string,
  rollupVersion: number | null,
  rollup: Buffer | null,
  presenceId: string | null,
  registeredListingIds: string | null,
  ...rest: unknown[],
];

const NO_LISTINGS: readonly string[] = Object.freeze([]);

/** The rollup in a raw row whose first columns are ROLLUP_COLUMNS, with a rollup (later columns are ignored). */
export function fromRawRow(row: RawRollupRow): SupporterRollup {
  if (row[2] === null) throw new Error(`${row[0]} has no stored rollup`);
  return decodeRollupBlob(row[0], row[2], row[3], row[4] === null ? (NO_LISTINGS as string[]) : (JSON.parse(row[4]) as string[]));
}
