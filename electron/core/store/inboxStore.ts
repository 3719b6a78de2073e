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
    // The most valuable reactivations first (issue 17; docs/engine-rules.md), then the most recent.
    orderBy: 'sc.lifetimeTokens DESC, sc.lastActivityAt DESC, sc.supporterId',
  },
  new: {
    from: 'supporter_state sc INDEXED BY scores_new_tab',
    // "within the last 30 days": (now − 30 days, now]; the scores are current for `now`.
    where: 'sc.firstPurchaseAt IS NOT NULL AND sc.firstPurchaseAt > @newSince AND sc.firstPurchaseAt <= @now',
    orderBy: 'sc.firstPurchaseAt DESC, sc.supporterId',
  },
};

/** What narrows a tab: a handle substring, and a tag's supporters (ids, as `TagStore.supporterIdsWithTag` lists them). */
export interface TabFilter {
  search?: string;
  taggedIds?: readonly string[];
}

/** Where the inbox reads scores: a tab's page in its order, and its count (the engine writes them through `ScoreStore`). */
export class InboxStore {
  private readonly pageStatements = new Map<string, Database.Statement>();
  private readonly countStatements = new Map<string, Database.Statement>();
  private readonly rowsStatement;
  private readonly tagLabelsStatement;

  constructor(private readonly db: Database.Database) {
    this.rowsStatement = db
      .prepare<[string], unknown[]>(
        `SELECT ${INBOX_ROW_COLUMNS}
         FROM supporter_state sc
           JOIN supporters su ON su.id = sc.supporterId
           LEFT JOIN supporter_flags fl ON fl.supporterId = sc.supporterId
         WHERE sc.supporterId IN (SELECT value FROM json_each(?)) AND sc.segment IS NOT NULL`,
      )
      .raw();
    this.tagLabelsStatement = db.prepare<[string], { supporterId: string; label: string }>(
      `SELECT t.supporterId, s.label FROM supporter_tags t JOIN tag_summary s ON s.tagKey = t.tagKey
       WHERE t.supporterId IN (SELECT value FROM json_each(?)) AND t.deletedAt IS NULL
       ORDER BY t.supporterId, s.label COLLATE NOCASE, s.tagKey`,
    );
    // Every tab's unfiltered and searched statements up front (the usual reads); a tag's on first use.
    for (const tab of INBOX_TABS) {
      for (const filter of [{}, { search: '' }]) {
        this.pageStatement(tab, filter);
        this.countStatement(tab, filter);
      }
    }
  }

  /**
   * One page of a tab in its order. `search` matches a substring of the handle, case-insensitively;
   * `taggedIds` keeps the supporters carrying a tag.
   */
  page(tab: InboxTab, options: { now: number; limit: number; offset: number } & TabFilter): InboxRow[] {
    const params = { ...tabParams(options.now, options), limit: options.limit, offset: options.offset };
    return this.rows(this.pageStatement(tab, options).all(params) as string[]);
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

  /** The tag labels of these supporters (a page's rows), each alphabetically; a supporter without tags is missing. */
  tagLabels(supporterIds: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    if (supporterIds.length === 0) return result;
    for (const { supporterId, label } of this.tagLabelsStatement.all(JSON.stringify(supporterIds))) {
      const labels = result.get(supporterId);
      if (labels === undefined) result.set(supporterId, [label]);
      else labels.push(label);
    }
    return result;
  }

  count(tab: InboxTab, options: { now: number } & TabFilter): number {
    return this.countStatement(tab, options).get(tabParams(options.now, options)) as number;
  }

  /** The query plans of a tab page (the id lookup, then the rows), for the test that keeps inbox reads on their indexes. */
  explainPage(tab: InboxTab, withSearch = false): { ids: string[]; rows: string[] } {
    const explain = (sql: string, params: unknown) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail);
    const filter = withSearch ? { search: 'a' } : {};
    const params = { ...tabParams(0, filter), limit: 50, offset: 0 };
    return {
      ids: explain(this.pageStatement(tab, filter).source, params),
      rows: explain(this.rowsStatement.source, '[]'),
    };
  }

  /**
   * A page's ids, read in order from the tab's covering index (an offset skips index entries
   * only); the rows are then joined by primary key (`rows`). A tag's supporters (usually few) are
   * looked up by key and sorted instead.
   */
  private pageStatement(tab: InboxTab, filter: TabFilter): Database.Statement {
    return this.cached(this.pageStatements, tab, filter, (from, where, orderBy) =>
      this.db.prepare(`SELECT sc.supporterId ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`).pluck(),
    );
  }

  private countStatement(tab: InboxTab, filter: TabFilter): Database.Statement {
    return this.cached(this.countStatements, tab, filter, (from, where) => this.db.prepare(`SELECT count(*) ${from} WHERE ${where}`).pluck());
  }

  private cached(
    cache: Map<string, Database.Statement>,
    tab: InboxTab,
    filter: TabFilter,
    prepare: (from: string, where: string, orderBy: string) => Database.Statement,
  ): Database.Statement {
    const tagged = filter.taggedIds !== undefined;
    const searched = filter.search !== undefined;
    const key = `${tab}|${tagged ? 'tag' : ''}|${searched ? 'search' : ''}`;
    let statement = cache.get(key);
    if (statement === undefined) {
      const q = TAB_QUERIES[tab];
      const from = [
        tagged ? 'FROM json_each(@tagged) t CROSS JOIN supporter_state sc ON sc.supporterId = t.value' : `FROM ${q.from}`,
        searched ? ' JOIN supporters su ON su.id = sc.supporterId' : '',
      ].join('');
      statement = prepare(from, `${q.where}${searched ? " AND su.handle LIKE @pattern ESCAPE '\\'" : ''}`, q.orderBy);
      cache.set(key, statement);
    }
    return statement;
  }
}

/** Every tab statement takes the same named parameters; SQLite ignores the ones a tab does not use. */
function tabParams(now: number, filter: TabFilter): Record<string, number | string> {
  return {
    now,
    newSince: now - 30 * DAY_MS,
    ...(filter.taggedIds !== undefined ? { tagged: JSON.stringify(filter.taggedIds) } : {}),
    ...(filter.search !== undefined ? { pattern: likePattern(filter.search) } : {}),
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
