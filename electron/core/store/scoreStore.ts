import type Database from 'better-sqlite3';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';
import { INBOX_TABS, type InboxTab, type Segment } from '../../../shared/domain/segments';
import { DAY_MS } from '../engine/engineTime';

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
}

/** A row of an inbox page: the stored score joined with the supporter and their action flags. */
export interface InboxRow extends ScoreRow {
  handle: string;
  fanClubTier: FanClubTier | null;
  dmReminderAt: number | null;
  priorityReplyAt: number | null;
}

type StoredScore = Omit<ScoreRow, 'online' | 'registeredListingIds'> & { online: number; registeredListingIds: string | null };
type StoredInboxRow = StoredScore & Pick<InboxRow, 'handle' | 'fanClubTier' | 'dmReminderAt' | 'priorityReplyAt'>;

const SCORE_COLUMNS = `supporterId, engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt,
  firstPurchaseAt, unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature`;

/**
 * Each tab's membership and order (SPEC §5), written so SQLite walks the tab's partial index in
 * order: literal filters (a bound parameter could not prove the partial index applies) and
 * `supporterId` as the final tie-break, ascending.
 */
const TAB_QUERIES: Record<InboxTab, { from: string; where: string; orderBy: string }> = {
  vip: {
    from: 'supporter_scores sc INDEXED BY scores_vip_tab',
    where: "sc.segment = 'vip'",
    orderBy: 'sc.lifetimeTokens DESC, sc.supporterId',
  },
  hot_leads: {
    from: 'supporter_scores sc INDEXED BY scores_hot_leads_tab',
    where: "sc.segment = 'hot_lead'",
    orderBy: 'sc.conversionProbability DESC, sc.lifetimeTokens DESC, sc.supporterId',
  },
  all: {
    from: 'supporter_scores sc INDEXED BY scores_all_tab',
    where: 'sc.lifetimeTokens > 0',
    orderBy: 'sc.lastActivityAt DESC, sc.supporterId',
  },
  dormant: {
    from: 'supporter_scores sc INDEXED BY scores_dormant_tab',
    where: "sc.segment = 'dormant'",
    orderBy: 'sc.lastActivityAt DESC, sc.supporterId',
  },
  new: {
    from: 'supporter_scores sc INDEXED BY scores_new_tab',
    // "within the last 30 days": (now − 30 days, now]; the scores are current for `now`.
    where: 'sc.firstPurchaseAt IS NOT NULL AND sc.firstPurchaseAt > @newSince AND sc.firstPurchaseAt <= @now',
    orderBy: 'sc.firstPurchaseAt DESC, sc.supporterId',
  },
};

/** Stored scores: written by the segmentation service, read by the inbox. */
export class ScoreStore {
  private readonly upsertStatement;
  private readonly updateStatements = new Map<number, { statement: Database.Statement; columns: readonly StoredColumn[] }>();
  /** One parameter array for every update (binding copies the values): this runs once per rescored supporter. */
  private readonly updateParams: (string | number | null)[] = [];
  private readonly getManyStatement;
  private readonly supportersWithScoresStatement;
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
      INSERT INTO supporter_scores (${SCORE_COLUMNS})
      VALUES (@supporterId, @engineVersion, @asOf, @edgeAt, @segment, @online, @lifetimeTokens, @monthlyTokens, @lastActivityAt,
        @firstPurchaseAt, @unreadCount, @lastCreatorMessageAt, @registeredListingIds, @conversionProbability, @priorityScore, @signature)
      ON CONFLICT(supporterId) DO UPDATE SET engineVersion = excluded.engineVersion, asOf = excluded.asOf, edgeAt = excluded.edgeAt,
        segment = excluded.segment, online = excluded.online, lifetimeTokens = excluded.lifetimeTokens,
        monthlyTokens = excluded.monthlyTokens, lastActivityAt = excluded.lastActivityAt, firstPurchaseAt = excluded.firstPurchaseAt,
        unreadCount = excluded.unreadCount, lastCreatorMessageAt = excluded.lastCreatorMessageAt,
        registeredListingIds = excluded.registeredListingIds, conversionProbability = excluded.conversionProbability,
        priorityScore = excluded.priorityScore, signature = excluded.signature`);
    this.getStatement = db.prepare<[string], StoredScore>(`SELECT ${SCORE_COLUMNS} FROM supporter_scores WHERE supporterId = ?`);
    this.getManyStatement = db.prepare<[string], StoredScore>(
      `SELECT ${SCORE_COLUMNS} FROM supporter_scores WHERE supporterId IN (SELECT value FROM json_each(?))`,
    );
    // Only what a rescore compares (the indexed columns), as raw rows: this runs for every batch the engine folds.
    this.supportersWithScoresStatement = db
      .prepare<[string], RawSupporterWithScore>(
        `SELECT su.id, su.fanClubActive, sc.supporterId IS NOT NULL, ${INDEXED_COLUMNS.map((column) => `sc.${column}`).join(', ')}
         FROM supporters su LEFT JOIN supporter_scores sc ON sc.supporterId = su.id
         WHERE su.id IN (SELECT value FROM json_each(?))`,
      )
      .raw();
    this.deleteStatement = db.prepare('DELETE FROM supporter_scores WHERE supporterId = ?');
    this.clearStatement = db.prepare('DELETE FROM supporter_scores');
    this.dueStatement = db.prepare<[number], string>(
      'SELECT supporterId FROM supporter_scores INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL AND edgeAt <= ?',
    ).pluck();
    this.futureStatement = db.prepare<[number], string>('SELECT supporterId FROM supporter_scores WHERE asOf > ?').pluck();
    this.nextEdgeStatement = db.prepare<[], number | null>(
      'SELECT min(edgeAt) FROM supporter_scores INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL',
    ).pluck();
    this.segmentCountsStatement = db.prepare<[], { segment: Segment; n: number }>(
      'SELECT segment, count(*) AS n FROM supporter_scores GROUP BY segment',
    );
    this.signaturesStatement = db.prepare<[], [string, number, number]>('SELECT supporterId, asOf, signature FROM supporter_scores').raw();
    this.signaturesBetweenStatement = db
      .prepare<[string, string], [string, number, number]>(
        'SELECT supporterId, asOf, signature FROM supporter_scores WHERE supporterId > ? AND supporterId <= ?',
      )
      .raw();
    this.signaturesFromStatement = db
      .prepare<[string], [string, number, number]>('SELECT supporterId, asOf, signature FROM supporter_scores WHERE supporterId > ?')
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
      FROM supporter_scores sc
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
   * assigned, even to the same value, and a score sits in up to eight indexes.
   */
  write(row: ScoreRow, previous: IndexedScoreValues | null): void {
    if (previous === null) {
      this.upsert(row);
      return;
    }
    let changedIndexed = 0;
    INDEXED_COLUMNS.forEach((column, bit) => {
      if (row[column] !== previous[column]) changedIndexed |= 1 << bit;
    });
    // Positional parameters: binding by name looks each one up in an object, a measurable share of a write.
    const { statement, columns } = this.updateStatementFor(changedIndexed);
    const params = this.updateParams;
    params.length = 0;
    for (const column of columns) params.push(storedValue(row, column));
    params.push(row.supporterId);
    statement.run(params);
  }

  /**
   * For each of these supporters that exists: whether their fan club is active (the one supporter
   * field a score reads) and their stored score's indexed values, if they have a score — in one query.
   */
  supportersWithScores(supporterIds: readonly string[]): Map<string, { fanClubActive: boolean; score: IndexedScoreValues | null }> {
    const result = new Map<string, { fanClubActive: boolean; score: IndexedScoreValues | null }>();
    if (supporterIds.length === 0) return result;
    for (const row of this.supportersWithScoresStatement.all(JSON.stringify(supporterIds)) as unknown as RawSupporterWithScore[]) {
      const [id, fanClubActive, hasScore, segment, lifetimeTokens, conversionProbability, lastActivityAt, firstPurchaseAt, edgeAt] = row;
      const score = hasScore === 1 ? { segment, lifetimeTokens, conversionProbability, lastActivityAt, firstPurchaseAt, edgeAt } : null;
      result.set(id, { fanClubActive: fanClubActive === 1, score });
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

  delete(supporterId: string): void {
    this.deleteStatement.run(supporterId);
  }

  clear(): void {
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

  private updateStatementFor(changedIndexed: number): { statement: Database.Statement; columns: readonly StoredColumn[] } {
    let update = this.updateStatements.get(changedIndexed);
    if (update === undefined) {
      const columns = [...PLAIN_COLUMNS, ...INDEXED_COLUMNS.filter((_, bit) => (changedIndexed & (1 << bit)) !== 0)];
      const statement = this.db.prepare(`UPDATE supporter_scores SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE supporterId = ?`);
      update = { statement, columns };
      this.updateStatements.set(changedIndexed, update);
    }
    return update;
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

/** Columns some index (or partial index condition) reads; the rest are assigned on every update. */
const INDEXED_COLUMNS = ['segment', 'lifetimeTokens', 'conversionProbability', 'lastActivityAt', 'firstPurchaseAt', 'edgeAt'] as const;
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
] as const;

type StoredColumn = (typeof INDEXED_COLUMNS)[number] | (typeof PLAIN_COLUMNS)[number];

/** The values of a score that some index reads: what decides which index entries a write must move. */
export type IndexedScoreValues = Pick<ScoreRow, (typeof INDEXED_COLUMNS)[number]>;

/** A supporter, then whether they have a score (0/1) and its INDEXED_COLUMNS values (null without one). */
type RawSupporterWithScore = [
  id: string,
  fanClubActive: number | null,
  hasScore: number,
  segment: ScoreRow['segment'],
  lifetimeTokens: number,
  conversionProbability: number,
  lastActivityAt: number | null,
  firstPurchaseAt: number | null,
  edgeAt: number | null,
];

/** A column's value as stored (booleans as 0/1, listing ids as JSON or null). */
function storedValue(row: ScoreRow, column: StoredColumn): string | number | null {
  switch (column) {
    case 'online':
      return row.online ? 1 : 0;
    case 'registeredListingIds':
      return row.registeredListingIds.length > 0 ? JSON.stringify(row.registeredListingIds) : null;
    default:
      return row[column];
  }
}

function toStoredParams(row: ScoreRow): StoredScore {
  return {
    ...row,
    online: row.online ? 1 : 0,
    registeredListingIds: row.registeredListingIds.length > 0 ? JSON.stringify(row.registeredListingIds) : null,
  };
}

function toScoreRow(row: StoredScore): ScoreRow {
  return {
    ...row,
    online: row.online === 1,
    registeredListingIds: row.registeredListingIds === null ? [] : (JSON.parse(row.registeredListingIds) as string[]),
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
