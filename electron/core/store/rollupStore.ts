import type Database from 'better-sqlite3';
import type { SupporterRollup } from '../engine/rollup/supporterRollup';
import { pushRollupValues, ROLLUP_COLUMNS, rollupColumnList, rollupFromSql, type RollupSqlValue } from './rollupLayout';

/** Present rollups only: a row may hold just a score (a supporter with no activity). */
const HAS_ROLLUP = 'rollupVersion IS NOT NULL';

/**
 * The rollup half of `supporter_state` on its own (a rollup written with its supporter's score goes
 * through `ScoreStore.write`), and the queue of supporters whose derived data is out of date
 * (`engine_pending`, filled by the triggers of migrations 2 and 10).
 */
export class RollupStore {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly dropEmptyRowStatement;
  private readonly getManyStatement;
  private readonly pendingAllStatement;
  private readonly pendingCountStatement;
  private readonly clearPendingStatement;

  constructor(db: Database.Database) {
    const assignments = ROLLUP_COLUMNS.map((column) => `${column} = ?`).join(', ');
    // Both statements take the same parameters: the rollup's columns in layout order, then the id.
    this.insertStatement = db.prepare(`INSERT INTO supporter_state (${rollupColumnList()}, supporterId) VALUES (${ROLLUP_COLUMNS.map(() => '?').join(', ')}, ?)`);
    // Most writes extend an existing rollup or fill in the rollup of a scored supporter: a plain
    // UPDATE skips the failed INSERT an upsert starts with.
    this.updateStatement = db.prepare(`UPDATE supporter_state SET ${assignments} WHERE supporterId = ?`);
    this.deleteStatement = db.prepare(`UPDATE supporter_state SET ${ROLLUP_COLUMNS.map((column) => `${column} = NULL`).join(', ')} WHERE supporterId = ?`);
    this.dropEmptyRowStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId = ? AND segment IS NULL');
    this.getManyStatement = db
      .prepare<[string], unknown[]>(
        `SELECT supporterId, ${rollupColumnList()} FROM supporter_state WHERE supporterId IN (SELECT value FROM json_each(?)) AND ${HAS_ROLLUP}`,
      )
      .raw();
    this.pendingAllStatement = db.prepare<[], { supporterId: string; rebuild: number }>('SELECT supporterId, rebuild FROM engine_pending');
    this.pendingCountStatement = db.prepare<[], number>('SELECT count(*) FROM engine_pending').pluck();
    this.clearPendingStatement = db.prepare('DELETE FROM engine_pending');
  }

  upsert(rollup: SupporterRollup, engineVersion: number): void {
    const params: RollupSqlValue[] = [];
    pushRollupValues(params, rollup, engineVersion);
    params.push(rollup.supporterId);
    if (this.updateStatement.run(...params).changes === 0) this.insertStatement.run(...params);
  }

  /** Drops a supporter's rollup (their activity is all gone); the row goes too unless it holds a score. */
  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
    this.dropEmptyRowStatement.run(supporterId);
  }

  /** The rollups of these supporters, in one query; a supporter with no activity has none. */
  getMany(supporterIds: readonly string[]): Map<string, SupporterRollup> {
    const rollups = new Map<string, SupporterRollup>();
    if (supporterIds.length === 0) return rollups;
    for (const row of this.getManyStatement.all(JSON.stringify(supporterIds))) {
      const supporterId = row[0] as string;
      const rollup = rollupFromSql(supporterId, row, 1);
      if (rollup !== null) rollups.set(supporterId, rollup);
    }
    return rollups;
  }

  /** Supporters the triggers queued: `rebuild` when a record of their activity changed or went, else for a rescore. */
  pending(): { supporterId: string; rebuild: boolean }[] {
    return this.pendingAllStatement.all().map((row) => ({ supporterId: row.supporterId, rebuild: row.rebuild === 1 }));
  }

  pendingCount(): number {
    return this.pendingCountStatement.get() ?? 0;
  }

  clearPending(): void {
    this.clearPendingStatement.run();
  }
}
