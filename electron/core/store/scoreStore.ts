import type Database from 'better-sqlite3';
import type { Segment } from '../../../shared/domain/segments';
import type { ScoringRollup, SupporterRollup } from '../engine/rollup/supporterRollup';
import type { ScoreRow } from '../engine/score/scoreRow';
import {
  pushRollupValues,
  ROLLUP_COLUMN_COUNT,
  ROLLUP_COLUMNS,
  rollupColumnList,
  rollupFromSql,
  SCORING_ROLLUP_COLUMNS,
  scoringRollupFromSql,
  type RollupSqlValue,
} from './rollupLayout';
import {
  assignedScoreColumns,
  changedIndexedColumns,
  isSameScore,
  isStoredScore,
  pushAssignedValues,
  SCORE_COLUMNS,
  scoreColumnList,
  scoreToSql,
  type SqlValue,
  type StoredScoreValues,
} from './scoreLayout';

/** A supporter's stored score as the engine compares and rewrites it (its values: see `StoredScoreValues`). */
export interface StoredScore extends StoredScoreValues {
  /**
   * The row's rowid: a rewrite goes straight to it instead of through the primary-key index. Valid
   * within the transaction that read it only (VACUUM may renumber this table's rowids in between).
   */
  readonly rowid: number;
}

/** A `supporter_state` row as the engine reads it: either half may be absent. */
export interface StoredSupporterState {
  readonly supporterId: string;
  /** Null while the supporter has no activity. */
  readonly rollup: SupporterRollup | null;
  /** Null while the supporter has no score (activity of a supporter the platform has not sent yet). */
  readonly score: StoredScore | null;
}

/** A `supporter_state` row as a full run reads it: the rollup as scoring reads it (`ScoringRollup`), and the score. */
export interface ScoringState {
  readonly supporterId: string;
  readonly rollup: ScoringRollup | null;
  readonly score: StoredScore | null;
}

/** A supporter record as a rescore finds it: the current fan club flag, and the stored score if any. */
export interface SupporterToScore {
  readonly fanClubActive: boolean;
  readonly score: StoredScore | null;
}

/** Present scores only: a row may hold just a rollup. */
const HAS_SCORE = 'segment IS NOT NULL';

/** Columns of a raw state row: the key, the rowid, the rollup's, the score's (all NULL without a score). */
const STATE_COLUMNS = `sc.supporterId, sc.rowid, ${rollupColumnList('sc.')}, ${scoreColumnList('sc.')}`;
const STATE_ROLLUP_AT = 2;
const STATE_SCORE_AT = STATE_ROLLUP_AT + ROLLUP_COLUMN_COUNT;
/** The same for a full run's read, with the scoring rollup's columns. */
const SCORING_STATE_COLUMNS = `sc.supporterId, sc.rowid, ${SCORING_ROLLUP_COLUMNS.map((column) => `sc.${column}`).join(', ')}, ${scoreColumnList('sc.')}`;
const SCORING_STATE_SCORE_AT = STATE_ROLLUP_AT + SCORING_ROLLUP_COLUMNS.length;

/**
 * Where the engine stores scores: the score half of `supporter_state` (columns in
 * `scoreLayout.ts`), written together with the rollup half when both changed, plus the engine's
 * reads of whole rows. The inbox reads scores through `InboxStore`.
 */
export class ScoreStore {
  private readonly db: Database.Database;
  private readonly updateStatements = new Map<number, Database.Statement>();
  private readonly insertStatement;
  private readonly insertWithRollupStatement;
  private readonly statesStatement;
  private readonly supportersStatement;
  private readonly statesBetweenStatement;
  private readonly statesFromStatement;
  private readonly deleteStatement;
  private readonly dropEmptyRowStatement;
  private readonly clearBetweenStatement;
  private readonly clearFromStatement;
  private readonly dueStatement;
  private readonly futureStatement;
  private readonly nextEdgeStatement;
  private readonly segmentCountsStatement;

  constructor(db: Database.Database) {
    this.db = db;
    const insert = (withRollup: boolean) => {
      const columns = [...SCORE_COLUMNS.map((column) => column.field), ...(withRollup ? ROLLUP_COLUMNS : [])];
      return db.prepare(
        `INSERT INTO supporter_state (supporterId, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})
         ON CONFLICT(supporterId) DO UPDATE SET ${columns.map((column) => `${column} = excluded.${column}`).join(', ')}`,
      );
    };
    this.insertStatement = insert(false);
    this.insertWithRollupStatement = insert(true);
    this.statesStatement = db
      .prepare<[string], unknown[]>(`SELECT ${STATE_COLUMNS} FROM supporter_state sc WHERE sc.supporterId IN (SELECT value FROM json_each(?))`)
      .raw();
    this.supportersStatement = db
      .prepare<[string], unknown[]>(
        `SELECT su.id, su.fanClubActive, sc.rowid, ${scoreColumnList('sc.')}
         FROM supporters su LEFT JOIN supporter_state sc ON sc.supporterId = su.id WHERE su.id IN (SELECT value FROM json_each(?))`,
      )
      .raw();
    // One slice of a full run, read along the primary key.
    this.statesBetweenStatement = db
      .prepare<[string, string], unknown[]>(`SELECT ${SCORING_STATE_COLUMNS} FROM supporter_state sc WHERE sc.supporterId > ? AND sc.supporterId <= ?`)
      .raw();
    this.statesFromStatement = db.prepare<[string], unknown[]>(`SELECT ${SCORING_STATE_COLUMNS} FROM supporter_state sc WHERE sc.supporterId > ?`).raw();
    this.deleteStatement = db.prepare(`UPDATE supporter_state SET ${SCORE_COLUMNS.map((column) => `${column.field} = NULL`).join(', ')} WHERE supporterId = ?`);
    this.dropEmptyRowStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId = ? AND rollupVersion IS NULL');
    this.clearBetweenStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId > ? AND supporterId <= ?');
    this.clearFromStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId > ?');
    this.dueStatement = db
      .prepare<[number], string>('SELECT supporterId FROM supporter_state INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL AND edgeAt <= ?')
      .pluck();
    this.futureStatement = db.prepare<[number], string>('SELECT supporterId FROM supporter_state WHERE asOf > ?').pluck();
    this.nextEdgeStatement = db
      .prepare<[], number | null>('SELECT min(edgeAt) FROM supporter_state INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL')
      .pluck();
    this.segmentCountsStatement = db.prepare<[], { segment: Segment; n: number }>(
      `SELECT segment, count(*) AS n FROM supporter_state WHERE ${HAS_SCORE} GROUP BY segment`,
    );
  }

  /**
   * Stores a score over its previous version (null: there is none), with the supporter's rollup in
   * the same statement when given (one row write for both halves; the rollup's version is the
   * score's engine version, the engine that built both). Only the indexed columns whose value
   * changed are assigned (see `scoreLayout.ts`).
   */
  write(row: ScoreRow, previous: StoredScore | null, rollup?: SupporterRollup): void {
    this.writeEncoded(row, scoreToSql(row), previous, rollup);
  }

  /**
   * A full run's write: the score is stored only when some value differs from `previous` (every
   * value compared, `asOf` aside). Returns whether it was written.
   */
  writeIfChanged(row: ScoreRow, previous: StoredScore): boolean {
    if (isSameScore(row, previous)) return false;
    this.writeEncoded(row, scoreToSql(row), previous, undefined);
    return true;
  }

  private writeEncoded(row: ScoreRow, encoded: SqlValue[], previous: StoredScore | null, rollup: SupporterRollup | undefined): void {
    const params: RollupSqlValue[] = [];
    if (previous === null) {
      params.push(row.supporterId, ...encoded);
      if (rollup !== undefined) pushRollupValues(params, rollup, row.engineVersion);
      (rollup === undefined ? this.insertStatement : this.insertWithRollupStatement).run(...params);
      return;
    }
    const changedIndexed = changedIndexedColumns(encoded, previous);
    pushAssignedValues(params, encoded, changedIndexed);
    if (rollup !== undefined) pushRollupValues(params, rollup, row.engineVersion);
    params.push(previous.rowid);
    // Spread, not the array: better-sqlite3 then binds from the call's arguments, about a microsecond
    // less per write than reading the array's elements one by one.
    this.updateStatementFor(changedIndexed, rollup !== undefined).run(...params);
  }

  /**
   * The stored rows of these supporters, without reading the supporters table: a supporter with
   * no row is missing from the map. A score's fan club flag is the one it was computed with.
   */
  states(supporterIds: readonly string[]): Map<string, StoredSupporterState> {
    const result = new Map<string, StoredSupporterState>();
    if (supporterIds.length === 0) return result;
    for (const row of this.statesStatement.all(JSON.stringify(supporterIds))) {
      const state = stateFromSql(row);
      result.set(state.supporterId, state);
    }
    return result;
  }

  /**
   * For each of these supporters that exists: whether their fan club is active now and their
   * stored score, if they have one (in one query with the supporters table).
   */
  supportersToScore(supporterIds: readonly string[]): Map<string, SupporterToScore> {
    const result = new Map<string, SupporterToScore>();
    if (supporterIds.length === 0) return result;
    for (const row of this.supportersStatement.all(JSON.stringify(supporterIds))) {
      result.set(row[0] as string, { fanClubActive: row[1] === 1, score: isStoredScore(row, 3) ? storedScoreFromSql(row, 2, 3) : null });
    }
    return result;
  }

  /** The stored rows with supporterId in (after, upTo], or above `after` when `upTo` is null, by supporter: one slice of a full run. */
  statesBetween(after: string, upTo: string | null): Map<string, ScoringState> {
    const result = new Map<string, ScoringState>();
    for (const row of upTo === null ? this.statesFromStatement.all(after) : this.statesBetweenStatement.all(after, upTo)) {
      const supporterId = row[0] as string;
      result.set(supporterId, {
        supporterId,
        rollup: scoringRollupFromSql(supporterId, row, STATE_ROLLUP_AT),
        score: isStoredScore(row, SCORING_STATE_SCORE_AT) ? storedScoreFromSql(row, 1, SCORING_STATE_SCORE_AT) : null,
      });
    }
    return result;
  }

  /** Drops a supporter's score (they no longer exist); the row goes too unless it holds a rollup. */
  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
    this.dropEmptyRowStatement.run(supporterId);
  }

  /** Drops every score and rollup with supporterId in (after, upTo], or above `after` when `upTo` is null: one slice of an engine rebuild. */
  clearBetween(after: string, upTo: string | null): void {
    if (upTo === null) this.clearFromStatement.run(after);
    else this.clearBetweenStatement.run(after, upTo);
  }

  /** Supporters whose score reached its edge: time alone changed something they show. */
  dueAt(now: number): string[] {
    return this.dueStatement.all(now);
  }

  /** Supporters scored at a later `now` than this one (a backtest reads an earlier moment). */
  scoredAfter(now: number): string[] {
    return this.futureStatement.all(now);
  }

  nextEdgeAt(): number | null {
    return this.nextEdgeStatement.get() ?? null;
  }

  segmentCounts(): Record<Segment, number> {
    const counts: Record<Segment, number> = { vip: 0, hot_lead: 0, active: 0, dormant: 0, cold: 0 };
    for (const { segment, n } of this.segmentCountsStatement.all()) counts[segment] = n;
    return counts;
  }

  /** The UPDATE by rowid for this set of changed indexed columns, with or without the rollup's columns. */
  private updateStatementFor(changedIndexed: number, withRollup: boolean): Database.Statement {
    // The indexed columns' bits sit below this one (fewer than 16 of them).
    const key = changedIndexed | (withRollup ? 1 << 16 : 0);
    let statement = this.updateStatements.get(key);
    if (statement === undefined) {
      const assigned = [...assignedScoreColumns(changedIndexed), ...(withRollup ? ROLLUP_COLUMNS : [])];
      statement = this.db.prepare(`UPDATE supporter_state SET ${assigned.map((column) => `${column} = ?`).join(', ')} WHERE rowid = ?`);
      this.updateStatements.set(key, statement);
    }
    return statement;
  }
}

/** A raw state row (`STATE_COLUMNS`): its rollup decoded, its score kept as stored. */
function stateFromSql(row: readonly unknown[]): StoredSupporterState {
  const supporterId = row[0] as string;
  return {
    supporterId,
    rollup: rollupFromSql(supporterId, row, STATE_ROLLUP_AT),
    score: isStoredScore(row, STATE_SCORE_AT) ? storedScoreFromSql(row, 1, STATE_SCORE_AT) : null,
  };
}

/** The score in a raw row: its rowid's column, and where its values start. */
function storedScoreFromSql(row: readonly unknown[], rowidAt: number, valuesAt: number): StoredScore {
  return { rowid: row[rowidAt] as number, row, at: valuesAt };
}
