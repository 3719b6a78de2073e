import type Database from 'better-sqlite3';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';
import { INBOX_TABS, type InboxTab, type Segment } from '../../../shared/domain/segments';
import { DAY_MS } from '../engine/engineTime';
import type { SupporterRollup } from '../engine/rollup/supporterRollup';
import { bindRollup, fromRawRow, ROLLUP_ROW_COLUMNS, ROLLUP_UPDATED_COLUMNS, type RawRollupRow, type RollupParam } from './rollupStore';

/** One supporter's stored score: valid for any `now` in [asOf, edgeAt). */
export interface ScoreRow {
  supporterId: string;
  engineVersion: number;
  asOf: number;
  edgeAt: number | null;
  segment: Segment;
  online: boolean;
  lifetimeTokens: number;
  monthlyTokens: number;
  lastActivityAt: number | null;
  firstPurchaseAt: number | null;
  unreadCount: number;
  lastCreatorMessageAt: number | null;
  registeredListingIds: string[];
  conversionProbability: number;
  priorityScore: number;
  /** A hash of every value but `asOf` (see `scoreSignature`). */
  signature: number;
  /** The fan club flag the score was computed with (the one supporter field a score reads). */
  fanClubActive: boolean;
}

/** A row of an inbox page: the stored score joined with the supporter and their action flags. */
export interface InboxRow extends ScoreRow {
  handle: string;
  fanClubTier: FanClubTier | null;
  dmReminderAt: number | null;
  priorityReplyAt: number | null;
}

type StoredScore = Omit<ScoreRow, 'online' | 'registeredListingIds' | 'fanClubActive'> & {
  online: number;
  registeredListingIds: string | null;
  fanClubActive: number;
};
type StoredInboxRow = StoredScore & Pick<InboxRow, 'handle' | 'fanClubTier' | 'dmReminderAt' | 'priorityReplyAt'>;

const SCORE_COLUMNS = `supporterId, engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt,
  firstPurchaseAt, unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature, fanClubActive`;

/**
 * Each tab's membership and order (SPEC §5), written so SQLite walks the tab's partial index in
 * order: literal filters (a bound parameter could not prove the partial index applies) and
 * `supporterId` as the final tie-break, ascending.
 */
const TAB_QUERIES: Record<InboxTab, { from: string; where: string; orderBy: string }> = {
  vip: {
    from: 'supporter_state sc INDEXED BY scores_vip_tab',
    where: "sc.segment = 'vip'",
    orderBy: 'sc.lifetimeTokens DESC, sc.supporterId',
  },
  hot_leads: {
    from: 'supporter_state sc INDEXED BY scores_hot_leads_tab',
    where: "sc.segment = 'hot_lead'",
    orderBy: 'sc.conversionProbability DESC, sc.lifetimeTokens DESC, sc.supporterId',
  },
  all: {
    from: 'supporter_state sc INDEXED BY scores_all_tab',
    // lifetimeTokens > 0 (SPEC §5), said as the index says it: tokens are never negative, so a
    // first purchase is exactly what makes them positive (migration 9).
    where: 'sc.firstPurchaseAt IS NOT NULL',
    orderBy: 'sc.lastActivityAt DESC, sc.supporterId',
  },
  dormant: {
    from: 'supporter_state sc INDEXED BY scores_dormant_tab',
    where: "sc.segment = 'dormant'",
    orderBy: 'sc.lastActivityAt DESC, sc.supporterId',
  },
  new: {
    from: 'supporter_state sc INDEXED BY scores_new_tab',
    // "within the last 30 days": (now − 30 days, now]; the scores are current for `now`.
    where: 'sc.firstPurchaseAt IS NOT NULL AND sc.firstPurchaseAt > @newSince AND sc.firstPurchaseAt <= @now',
    orderBy: 'sc.firstPurchaseAt DESC, sc.supporterId',
  },
};

/** Present scores only: a row may hold just a rollup (activity of a supporter the platform has not sent yet). */
const HAS_SCORE = 'segment IS NOT NULL';

/** The previous score a write replaces: its indexed values and, when the caller read it, its row's rowid. */
export type PreviousScore = IndexedScoreValues & { rowid?: number | null };

/** A rollup written by the same statement as the score: one row write for both halves of `supporter_state`. */
export interface RollupWrite {
  rollup: SupporterRollup;
  engineVersion: number;
}

/** What a rescore needs of one supporter: fan club flag, previous score (and its row), and possibly the rollup. */
export interface SupporterEngineState {
  fanClubActive: boolean;
  score: PreviousScore | null;
  /** Present when the state was read with the rollup (`storedStates`): null for a supporter with no activity. */
  rollup?: SupporterRollup | null;
}

/** Stored scores (the score half of `supporter_state`): written by the segmentation service, read by the inbox. */
export class ScoreStore {
  private readonly upsertStatement;
  private readonly updateStatements = new Map<number, Database.Statement>();
  /** One parameter array for every update (binding copies the values): this runs once per rescored supporter. */
  private readonly updateParams: RollupParam[] = [];
  private readonly getManyStatement;
  private readonly supportersWithScoresStatement;
  private readonly storedStatesStatement;
  private readonly dropEmptyRowStatement;
  private readonly dropEmptyRowsStatement;
  private readonly clearWithRollupsStatement;
  private readonly getStatement;
  private readonly deleteStatement;
  private readonly clearStatement;
  private readonly dueStatement;
  private readonly futureStatement;
  private readonly nextEdgeStatement;
  private readonly segmentCountsStatement;
  private readonly signaturesStatement;
  private readonly signaturesBetweenStatement;
  private readonly signaturesFromStatement;
  private readonly pageStatements: Record<InboxTab, { plain: Database.Statement; search: Database.Statement }>;
  private readonly countStatements: Record<InboxTab, { plain: Database.Statement; search: Database.Statement }>;
  private readonly rowsStatement: Database.Statement<[string], StoredInboxRow>;

  constructor(private readonly db: Database.Database) {
    this.upsertStatement = db.prepare(`
      INSERT INTO supporter_state (${SCORE_COLUMNS})
      VALUES (@supporterId, @engineVersion, @asOf, @edgeAt, @segment, @online, @lifetimeTokens, @monthlyTokens, @lastActivityAt,
        @firstPurchaseAt, @unreadCount, @lastCreatorMessageAt, @registeredListingIds, @conversionProbability, @priorityScore, @signature,
        @fanClubActive)
      ON CONFLICT(supporterId) DO UPDATE SET engineVersion = excluded.engineVersion, asOf = excluded.asOf, edgeAt = excluded.edgeAt,
        segment = excluded.segment, online = excluded.online, lifetimeTokens = excluded.lifetimeTokens,
        monthlyTokens = excluded.monthlyTokens, lastActivityAt = excluded.lastActivityAt, firstPurchaseAt = excluded.firstPurchaseAt,
        unreadCount = excluded.unreadCount, lastCreatorMessageAt = excluded.lastCreatorMessageAt,
        registeredListingIds = excluded.registeredListingIds, conversionProbability = excluded.conversionProbability,
        priorityScore = excluded.priorityScore, signature = excluded.signature, fanClubActive = excluded.fanClubActive`);
    this.getStatement = db.prepare<[string], StoredScore>(`SELECT ${SCORE_COLUMNS} FROM supporter_state WHERE supporterId = ? AND ${HAS_SCORE}`);
    this.getManyStatement = db.prepare<[string], StoredScore>(
      `SELECT ${SCORE_COLUMNS} FROM supporter_state WHERE supporterId IN (SELECT value FROM json_each(?)) AND ${HAS_SCORE}`,
    );
    // Only what a rescore compares (the indexed columns) and the row's rowid, as raw rows: this runs
    // for every batch the engine folds. `storedStates` reads the row alone, rollup first, so a
    // batch's fold and rescore read each supporter's row once.
    const indexed = INDEXED_COLUMNS.map((column) => `sc.${column}`).join(', ');
    const fromSupporters = `FROM supporters su LEFT JOIN supporter_state sc ON sc.supporterId = su.id
         WHERE su.id IN (SELECT value FROM json_each(?))`;
    this.supportersWithScoresStatement = db
      .prepare<[string], RawSupporterWithScore>(`SELECT su.id, su.fanClubActive, sc.${HAS_SCORE}, ${indexed}, sc.rowid ${fromSupporters}`)
      .raw();
    this.storedStatesStatement = db
      .prepare<[string], RawRollupRow>(
        `SELECT sc.supporterId, ${ROLLUP_UPDATED_COLUMNS.map((column) => `sc.${column}`).join(', ')},
           sc.fanClubActive, sc.${HAS_SCORE}, ${indexed}, sc.rowid
         FROM supporter_state sc WHERE sc.supporterId IN (SELECT value FROM json_each(?))`,
      )
      .raw();
    const noScore = [...PLAIN_COLUMNS, ...INDEXED_COLUMNS].map((column) => `${column} = NULL`).join(', ');
    this.deleteStatement = db.prepare(`UPDATE supporter_state SET ${noScore} WHERE supporterId = ?`);
    this.dropEmptyRowStatement = db.prepare('DELETE FROM supporter_state WHERE supporterId = ? AND rollupVersion IS NULL');
    this.clearStatement = db.prepare(`UPDATE supporter_state SET ${noScore} WHERE ${HAS_SCORE}`);
    this.dropEmptyRowsStatement = db.prepare('DELETE FROM supporter_state WHERE rollupVersion IS NULL');
    this.clearWithRollupsStatement = db.prepare('DELETE FROM supporter_state');
    this.dueStatement = db.prepare<[number], string>(
      'SELECT supporterId FROM supporter_state INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL AND edgeAt <= ?',
    ).pluck();
    this.futureStatement = db.prepare<[number], string>('SELECT supporterId FROM supporter_state WHERE asOf > ?').pluck();
    this.nextEdgeStatement = db.prepare<[], number | null>(
      'SELECT min(edgeAt) FROM supporter_state INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL',
    ).pluck();
    this.segmentCountsStatement = db.prepare<[], { segment: Segment; n: number }>(
      `SELECT segment, count(*) AS n FROM supporter_state WHERE ${HAS_SCORE} GROUP BY segment`,
    );
    this.signaturesStatement = db
      .prepare<[], [string, number, number]>(`SELECT supporterId, asOf, signature FROM supporter_state WHERE ${HAS_SCORE}`)
      .raw();
    this.signaturesBetweenStatement = db
      .prepare<[string, string], [string, number, number]>(
        `SELECT supporterId, asOf, signature FROM supporter_state WHERE supporterId > ? AND supporterId <= ? AND ${HAS_SCORE}`,
      )
      .raw();
    this.signaturesFromStatement = db
      .prepare<[string], [string, number, number]>(`SELECT supporterId, asOf, signature FROM supporter_state WHERE supporterId > ? AND ${HAS_SCORE}`)
      .raw();
    const search = " AND su.handle LIKE @pattern ESCAPE '\\'";
    // A page is two steps: the ids, read in order from the tab's covering index (an offset skips
    // index entries only), then those rows joined with their supporter and flags by primary key.
    const pageIds = (tab: InboxTab, withSearch: boolean) => {
      const q = TAB_QUERIES[tab];
      return db
        .prepare(
          `SELECT sc.supporterId FROM ${q.from}${withSearch ? ' JOIN supporters su ON su.id = sc.supporterId' : ''}
           WHERE ${q.where}${withSearch ? search : ''} ORDER BY ${q.orderBy} LIMIT @limit OFFSET @offset`,
        )
        .pluck();
    };
    const count = (tab: InboxTab, withSearch: boolean) => {
      const q = TAB_QUERIES[tab];
      return withSearch
        ? db.prepare(`SELECT count(*) FROM ${q.from} JOIN supporters su ON su.id = sc.supporterId WHERE ${q.where}${search}`).pluck()
        : db.prepare(`SELECT count(*) FROM ${q.from} WHERE ${q.where}`).pluck();
    };
    this.rowsStatement = db.prepare(`
      SELECT ${SCORE_COLUMNS.split(',').map((column) => `sc.${column.trim()}`).join(', ')},
        su.handle AS handle, su.fanClubTier AS fanClubTier, fl.dmReminderAt AS dmReminderAt, fl.priorityReplyAt AS priorityReplyAt
      FROM supporter_state sc
        JOIN supporters su ON su.id = sc.supporterId
        LEFT JOIN supporter_flags fl ON fl.supporterId = sc.supporterId
      WHERE sc.supporterId IN (SELECT value FROM json_each(?))`);
    this.pageStatements = Object.fromEntries(INBOX_TABS.map((tab) => [tab, { plain: pageIds(tab, false), search: pageIds(tab, true) }])) as Record<
      InboxTab,
      { plain: Database.Statement; search: Database.Statement }
    >;
    this.countStatements = Object.fromEntries(
      INBOX_TABS.map((tab) => [tab, { plain: count(tab, false), search: count(tab, true) }]),
    ) as Record<InboxTab, { plain: Database.Statement; search: Database.Statement }>;
  }

  upsert(row: ScoreRow): void {
    this.upsertStatement.run(toStoredParams(row));
  }

  /**
   * Stores a score over its previous version (null: there is none). Only the indexed columns whose
   * value changed are assigned: SQLite rewrites an index's entry whenever one of its columns is
   * assigned, even to the same value, and a score sits in up to eight indexes. With `rollup`, the
   * supporter's rollup goes into the same row by the same statement (a score written over a
   * previous one only: a first score's row takes its rollup through `RollupStore.upsert`); with the
   * previous version's `rowid`, the row is found by it rather than through the primary-key index.
   */
  write(row: ScoreRow, previous: PreviousScore | null, rollup?: RollupWrite): void {
    if (previous === null) {
      if (rollup !== undefined) throw new Error('a first score is written without a rollup: store the rollup with RollupStore.upsert first');
      this.upsert(row);
      return;
    }
    const changedIndexed = changedIndexedColumns(row, previous);
    const byRowid = typeof previous.rowid === 'number';
    const statement = this.updateStatementFor(changedIndexed, rollup !== undefined, byRowid);
    // Positional parameters, in the statement's order (PLAIN_COLUMNS, then the changed INDEXED_COLUMNS,
    // then the rollup's): binding by name looks each one up in an object, a measurable share of a write.
    const params = this.updateParams;
    params.length = 0;
    pushPlainValues(params, row);
    pushIndexedValues(params, row, changedIndexed);
    if (rollup !== undefined) bindRollup(params, params.length, rollup.rollup, rollup.engineVersion);
    params.push(byRowid ? (previous.rowid as number) : row.supporterId);
    // Spread, not the array: better-sqlite3 then binds from the call's arguments, about a microsecond
    // less per write than reading the array's elements one by one.
    statement.run(...params);
  }

  /**
   * For each of these supporters that exists: whether their fan club is active (the one supporter
   * field a score reads) and their stored score's indexed values and row, if they have a score — in
   * one query.
   */
  supportersWithScores(supporterIds: readonly string[]): Map<string, SupporterEngineState> {
    const result = new Map<string, SupporterEngineState>();
    if (supporterIds.length === 0) return result;
    for (const row of this.supportersWithScoresStatement.all(JSON.stringify(supporterIds)) as unknown as RawSupporterWithScore[]) {
      result.set(row[0], toEngineState(row, 1));
    }
    return result;
  }

  /**
   * The stored rows of these supporters, without reading the supporters table: the rollup (null
   * without activity), the score's indexed values and rowid (null without a score) and the fan club
   * flag that score was computed with. A supporter with no row is missing from the map. The flag
   * is current unless the supporter waits in `engine_pending` (a changed or deleted supporter is
   * queued there), and means nothing without a score.
   */
  storedStates(supporterIds: readonly string[]): Map<string, SupporterEngineState> {
    const result = new Map<string, SupporterEngineState>();
    if (supporterIds.length === 0) return result;
    for (const row of this.storedStatesStatement.all(JSON.stringify(supporterIds)) as unknown as RawRollupRow[]) {
      // Column 1 is rollupVersion, null when the supporter has no rollup; the score's columns follow the rollup's.
      const state = toEngineState(row, ROLLUP_ROW_COLUMNS);
      state.rollup = row[1] === null ? null : fromRawRow(row);
      result.set(row[0], state);
    }
    return result;
  }

  /** The stored scores of these supporters, in one query. */
  getMany(supporterIds: readonly string[]): Map<string, ScoreRow> {
    const rows = new Map<string, ScoreRow>();
    if (supporterIds.length === 0) return rows;
    for (const row of this.getManyStatement.all(JSON.stringify(supporterIds))) rows.set(row.supporterId, toScoreRow(row));
    return rows;
  }

  get(supporterId: string): ScoreRow | null {
    const row = this.getStatement.get(supporterId);
    return row ? toScoreRow(row) : null;
  }

  /** Drops a supporter's score (they no longer exist); the row goes too unless it holds a rollup. */
  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
    this.dropEmptyRowStatement.run(supporterId);
  }

  /** Drops every score and every rollup (an engine rebuild): one statement, where `clear` would rewrite each row. */
  clearWithRollups(): void {
    this.clearWithRollupsStatement.run();
  }

  /** Drops every score, keeping the rollups. */
  clear(): void {
    this.dropEmptyRowsStatement.run();
    this.clearStatement.run();
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

  /**
   * Every stored score's signature by supporter, in one sequential pass; null for a row computed
   * after `now` (a backtest), which must be rewritten whatever its values.
   */
  signatures(now: number): Map<string, number | null> {
    const signatures = new Map<string, number | null>();
    for (const [supporterId, asOf, signature] of this.signaturesStatement.all()) signatures.set(supporterId, asOf <= now ? signature : null);
    return signatures;
  }

  /**
   * `[supporterId, asOf, signature]` of the stored scores with supporterId in (after, upTo], or
   * above `after` when `upTo` is null: one slice of a full run, read along the primary key.
   */
  signaturesBetween(after: string, upTo: string | null): [string, number, number][] {
    return upTo === null ? this.signaturesFromStatement.all(after) : this.signaturesBetweenStatement.all(after, upTo);
  }

  segmentCounts(): Record<Segment, number> {
    const counts: Record<Segment, number> = { vip: 0, hot_lead: 0, active: 0, dormant: 0, cold: 0 };
    for (const { segment, n } of this.segmentCountsStatement.all()) counts[segment] = n;
    return counts;
  }

  /** One page of a tab in its order. `search` matches a substring of the handle, case-insensitively. */
  page(tab: InboxTab, options: { now: number; limit: number; offset: number; search?: string }): InboxRow[] {
    const statements = this.pageStatements[tab];
    const params = { ...tabParams(options.now), limit: options.limit, offset: options.offset };
    const ids = (
      options.search ? statements.search.all({ ...params, pattern: likePattern(options.search) }) : statements.plain.all(params)
    ) as string[];
    if (ids.length === 0) return [];
    const byId = new Map<string, StoredInboxRow>();
    for (const row of this.rowsStatement.all(JSON.stringify(ids))) byId.set(row.supporterId, row);
    const rows: InboxRow[] = [];
    for (const supporterId of ids) {
      const row = byId.get(supporterId);
      if (row === undefined) continue;
      rows.push({
        ...toScoreRow(row),
        handle: row.handle,
        fanClubTier: row.fanClubTier,
        dmReminderAt: row.dmReminderAt,
        priorityReplyAt: row.priorityReplyAt,
      });
    }
    return rows;
  }

  count(tab: InboxTab, options: { now: number; search?: string }): number {
    const statements = this.countStatements[tab];
    const params = tabParams(options.now);
    return (options.search
      ? statements.search.get({ ...params, pattern: likePattern(options.search) })
      : statements.plain.get(params)) as number;
  }

  /** The UPDATE for this set of changed indexed columns, with or without the rollup's columns, by rowid or by key. */
  private updateStatementFor(changedIndexed: number, withRollup: boolean, byRowid: boolean): Database.Statement {
    const key = changedIndexed | (withRollup ? WITH_ROLLUP_BIT : 0) | (byRowid ? BY_ROWID_BIT : 0);
    let statement = this.updateStatements.get(key);
    if (statement === undefined) {
      const assigned = [
        ...PLAIN_COLUMNS,
        ...INDEXED_COLUMNS.filter((_, bit) => (changedIndexed & (1 << bit)) !== 0),
        ...(withRollup ? ROLLUP_UPDATED_COLUMNS : []),
      ];
      statement = this.db.prepare(
        `UPDATE supporter_state SET ${assigned.map((column) => `${column} = ?`).join(', ')} WHERE ${byRowid ? 'rowid' : 'supporterId'} = ?`,
      );
      this.updateStatements.set(key, statement);
    }
    return statement;
  }

  /** The query plans of a tab page (the id lookup, then the rows), for the test that keeps inbox reads on their indexes. */
  explainPage(tab: InboxTab, withSearch = false): { ids: string[]; rows: string[] } {
    const explain = (sql: string, params: unknown) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail);
    const params = { ...tabParams(0), limit: 50, offset: 0, pattern: '%a%' };
    return {
      ids: explain(this.pageStatements[tab][withSearch ? 'search' : 'plain'].source, params),
      rows: explain(this.rowsStatement.source, '[]'),
    };
  }
}

/** Every tab statement takes the same named parameters; SQLite ignores the ones a tab does not use. */
function tabParams(now: number): { now: number; newSince: number } {
  return { now, newSince: now - 30 * DAY_MS };
}

/** Flags of an update statement's cache key, above the INDEXED_COLUMNS bits. */
const WITH_ROLLUP_BIT = 1 << 6;
const BY_ROWID_BIT = 1 << 7;

/** Columns some index (or partial index condition) reads; the rest are assigned on every update. `changedIndexedColumns` and `pushIndexedValues` follow this order. */
const INDEXED_COLUMNS = ['segment', 'lifetimeTokens', 'conversionProbability', 'lastActivityAt', 'firstPurchaseAt', 'edgeAt'] as const;
/** Assigned on every update, bound by `pushPlainValues` in this order. */
const PLAIN_COLUMNS = [
  'engineVersion',
  'asOf',
  'online',
  'monthlyTokens',
  'unreadCount',
  'lastCreatorMessageAt',
  'registeredListingIds',
  'priorityScore',
  'signature',
  'fanClubActive',
] as const;

/** The values of a score that some index reads: what decides which index entries a write must move. */
export type IndexedScoreValues = Pick<ScoreRow, (typeof INDEXED_COLUMNS)[number]>;

/** A supporter, then whether they have a score (0/1), its INDEXED_COLUMNS values (null without one) and the row's rowid. */
type RawSupporterWithScore = [
  id: string,
  fanClubActive: number | null,
  hasScore: number | null,
  segment: ScoreRow['segment'],
  lifetimeTokens: number,
  conversionProbability: number,
  lastActivityAt: number | null,
  firstPurchaseAt: number | null,
  edgeAt: number | null,
  rowid: number | null,
];

/** RawSupporterWithScore after its id: what follows the rollup's columns in a `storedStates` row (read by `toEngineState`). */
type RawScoreState = RawSupporterWithScore extends [string, ...infer Rest] ? Rest : never;

function toEngineState(row: readonly unknown[], at: number): SupporterEngineState {
  // Read in place (no slice, no destructuring of a copy): this runs for every supporter of every batch.
  const state = row as unknown as Record<number, RawScoreState[number]>;
  const fanClubActive = state[at] === 1;
  if (state[at + 1] !== 1) return { fanClubActive, score: null };
  return {
    fanClubActive,
    score: {
      segment: state[at + 2] as RawScoreState[2],
      lifetimeTokens: state[at + 3] as RawScoreState[3],
      conversionProbability: state[at + 4] as RawScoreState[4],
      lastActivityAt: state[at + 5] as RawScoreState[5],
      firstPurchaseAt: state[at + 6] as RawScoreState[6],
      edgeAt: state[at + 7] as RawScoreState[7],
      rowid: state[at + 8] as RawScoreState[8],
    },
  };
}

/**
 * Which INDEXED_COLUMNS differ from the previous score, as bits in that order. Spelled out column by
 * column, as are the two functions below: a loop over column names reads the row by computed keys,
 * slow property loads that every write of every batch paid.
 */
function changedIndexedColumns(row: ScoreRow, previous: IndexedScoreValues): number {
  return (
    (row.segment !== previous.segment ? 1 : 0) |
    (row.lifetimeTokens !== previous.lifetimeTokens ? 2 : 0) |
    (row.conversionProbability !== previous.conversionProbability ? 4 : 0) |
    (row.lastActivityAt !== previous.lastActivityAt ? 8 : 0) |
    (row.firstPurchaseAt !== previous.firstPurchaseAt ? 16 : 0) |
    (row.edgeAt !== previous.edgeAt ? 32 : 0)
  );
}

/** The values of PLAIN_COLUMNS, stored and in that order. */
function pushPlainValues(params: RollupParam[], row: ScoreRow): void {
  params.push(
    row.engineVersion,
    row.asOf,
    row.online ? 1 : 0,
    row.monthlyTokens,
    row.unreadCount,
    row.lastCreatorMessageAt,
    row.registeredListingIds.length > 0 ? JSON.stringify(row.registeredListingIds) : null,
    row.priorityScore,
    row.signature,
    row.fanClubActive ? 1 : 0,
  );
}

/** The values of the INDEXED_COLUMNS set in `changed`, in that order. */
function pushIndexedValues(params: RollupParam[], row: ScoreRow, changed: number): void {
  if ((changed & 1) !== 0) params.push(row.segment);
  if ((changed & 2) !== 0) params.push(row.lifetimeTokens);
  if ((changed & 4) !== 0) params.push(row.conversionProbability);
  if ((changed & 8) !== 0) params.push(row.lastActivityAt);
  if ((changed & 16) !== 0) params.push(row.firstPurchaseAt);
  if ((changed & 32) !== 0) params.push(row.edgeAt);
}

function toStoredParams(row: ScoreRow): StoredScore {
  return {
    ...row,
    online: row.online ? 1 : 0,
    registeredListingIds: row.registeredListingIds.length > 0 ? JSON.stringify(row.registeredListingIds) : null,
    fanClubActive: row.fanClubActive ? 1 : 0,
  };
}

function toScoreRow(row: StoredScore): ScoreRow {
  return {
    ...row,
    online: row.online === 1,
    registeredListingIds: row.registeredListingIds === null ? [] : (JSON.parse(row.registeredListingIds) as string[]),
    fanClubActive: row.fanClubActive === 1,
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
