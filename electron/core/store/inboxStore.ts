import type Database from 'better-sqlite3';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/segments';
import { DAY_MS } from '../engine/engineTime';
import type { InboxRow } from '../engine/inbox/inboxRow';
import { SCORE_COLUMN_COUNT, scoreColumnList, scoreFromSql, type SqlValue } from './scoreLayout';

/**
 * What an inbox row shows, as a raw row: the supporter's id, their stored score (`scoreLayout.ts`
 * order), then handle, fan club tier and action flags. `sc`, `su` and `fl` are the score, supporter
 * and flag tables. The customer-base model's pages (`ClvStore`) read the same columns.
 */
export const INBOX_ROW_COLUMNS = `sc.supporterId, ${scoreColumnList('sc.')}, su.handle, su.fanClubTier, fl.dmReminderAt, fl.priorityReplyAt`;

/** An inbox row from a raw row of `INBOX_ROW_COLUMNS`. */
export function inboxRowFromSql(row: readonly unknown[]): InboxRow {
  const after = 1 + SCORE_COLUMN_COUNT;
  return {
    ...scoreFromSql(row[0] as string, row as readonly SqlValue[], 1),
    handle: row[after] as string,
    fanClubTier: row[after + 1] as FanClubTier | null,
    dmReminderAt: row[after + 2] as number | null,
    priorityReplyAt: row[after + 3] as number | null,
  };
}

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

type TabStatements = Record<InboxTab, { plain: Database.Statement; search: Database.Statement }>;

/** Where the inbox reads scores: a tab's page in its order, and its count (the engine writes them through `ScoreStore`). */
export class InboxStore {
  private readonly pageStatements: TabStatements;
  private readonly countStatements: TabStatements;
  private readonly rowsStatement;

  constructor(private readonly db: Database.Database) {
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
    this.rowsStatement = db
      .prepare<[string], unknown[]>(
        `SELECT ${INBOX_ROW_COLUMNS}
         FROM supporter_state sc
           JOIN supporters su ON su.id = sc.supporterId
           LEFT JOIN supporter_flags fl ON fl.supporterId = sc.supporterId
         WHERE sc.supporterId IN (SELECT value FROM json_each(?)) AND sc.segment IS NOT NULL`,
      )
      .raw();
    const byTab = (make: (tab: InboxTab, withSearch: boolean) => Database.Statement) =>
      Object.fromEntries(INBOX_TABS.map((tab) => [tab, { plain: make(tab, false), search: make(tab, true) }])) as TabStatements;
    this.pageStatements = byTab(pageIds);
    this.countStatements = byTab(count);
  }

  /** One page of a tab in its order. `search` matches a substring of the handle, case-insensitively. */
  page(tab: InboxTab, options: { now: number; limit: number; offset: number; search?: string }): InboxRow[] {
    const statements = this.pageStatements[tab];
    const params = { ...tabParams(options.now), limit: options.limit, offset: options.offset };
    const ids = (options.search ? statements.search.all({ ...params, pattern: likePattern(options.search) }) : statements.plain.all(params)) as string[];
    return this.rows(ids);
  }

  /** The inbox rows of these supporters, in the order given (a supporter with no score is left out). */
  rows(supporterIds: readonly string[]): InboxRow[] {
    if (supporterIds.length === 0) return [];
    const byId = new Map<string, InboxRow>();
    for (const row of this.rowsStatement.all(JSON.stringify(supporterIds))) {
      const inboxRow = inboxRowFromSql(row);
      byId.set(inboxRow.supporterId, inboxRow);
    }
    return supporterIds.flatMap((supporterId) => byId.get(supporterId) ?? []);
  }

  count(tab: InboxTab, options: { now: number; search?: string }): number {
    const statements = this.countStatements[tab];
    const params = tabParams(options.now);
    return (options.search ? statements.search.get({ ...params, pattern: likePattern(options.search) }) : statements.plain.get(params)) as number;
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

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
