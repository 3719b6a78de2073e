import type Database from 'better-sqlite3';
import { NOW_SCORE_POINTS } from '../../../shared/domain/inboxEntry';
import type { AlertPriority } from '../../../shared/domain/alerts';
import { DAY_MS } from '../engine/engineTime';
import { likePattern } from './inboxStore';
import { MetaStore } from './metaStore';

/** Where the Now queue last brought `nowAlertBonus` up to date (epoch ms); absent until its first read. */
const META_ALERTS_AS_OF = 'nowQueueAlertsAsOf';
const WEEK_MS = 7 * DAY_MS;
/** SPEC §7's weekly spend looks back this far. */
const WEEKLY_SPEND_LOOKBACK_MS = 90 * DAY_MS;
/** SPEC §11: an action taken for the supporter in the last 24 hours. */
const RECENT_ACTION_MS = DAY_MS;
/**
 * From this offset on, an unfiltered page starts from its key group (`now_queue_groups`) rather
 * than skipping the index from the top: below it, the skip costs less than reading the groups.
 */
export const NOW_GROUP_SEEK_FROM = 512;

/** What narrows a Now-queue read: a handle substring, and a tag's supporters (ids, as `TagStore.supporterIdsWithTag` lists them). */
export interface NowQueueFilter {
  search?: string;
  taggedIds?: readonly string[];
}

/** A supporter's place in the Now queue's stored order: `nowKey` is null when they are not in the queue's index. */
export interface NowKeyRow {
  supporterId: string;
  nowKey: number | null;
  priorityScore: number;
}

/** An alert that is open (unexpired, undismissed) at the moment asked about. */
export interface OpenAlertFact {
  supporterId: string;
  id: string;
  type: string;
  priority: AlertPriority;
  createdAt: number;
  expiresAt: number | null;
}

/** SPEC §7's inputs to the average spend per active week: the 90 days' spend and how many of their weeks were active. */
export interface WeeklySpendFacts {
  spend: number;
  activeWeeks: number;
}

/** An open alert at `@now`, as SQL: the same test in every statement below. */
const OPEN_AT_NOW = 'a.dismissedAt IS NULL AND a.createdAt <= @now AND (a.expiresAt IS NULL OR a.expiresAt > @now)';

/**
 * The Now queue's reads and its one write (SPEC §11, migration 13):
 *
 * - the queue's index (`scores_now_tab` over the generated `nowKey`: priorityScore + 25 online +
 *   4 × min(unread, 5) + the stored alert term), read in order as a tab is, optionally narrowed by
 *   a handle search or a tag;
 * - the alert term `nowAlertBonus`, brought up to date for the supporters the triggers queued
 *   (`now_queue_pending`) and those whose alert was created or expired since the last read;
 * - the small time-dependent sets merged in at read time: follow-ups due and not done, actions of
 *   the last 24 hours (snoozes are `SnoozeStore`'s);
 * - for a page's rows only: their open alerts (the reason names one) and their weekly spend.
 */
export class NowQueueStore {
  private readonly db: Database.Database;
  private readonly pageStatements = new Map<string, Database.Statement>();
  private readonly countStatements = new Map<string, Database.Statement>();
  private readonly keyStatements = new Map<string, Database.Statement>();
  private readonly meta: MetaStore;
  private readonly pendingStatement;
  private readonly clearPendingStatement;
  private readonly changedBetweenStatement;
  private readonly withBonusStatement;
  private readonly openAlertSupportersStatement;
  private readonly applyBonusStatement;
  private readonly followUpsDueStatement;
  private readonly recentActionsStatement;
  private readonly openAlertsStatement;
  private readonly weeklySpendStatement;
  private readonly sizeStatement;
  private readonly groupsStatement;
  private readonly fromGroupStatement;

  constructor(db: Database.Database) {
    this.db = db;
    this.meta = new MetaStore(db);
    this.pendingStatement = db.prepare<[], string>('SELECT supporterId FROM now_queue_pending').pluck();
    this.sizeStatement = db.prepare<[], number>('SELECT coalesce(sum(size), 0) FROM now_queue_groups').pluck();
    this.groupsStatement = db.prepare<[], { nowKey: number; size: number }>('SELECT nowKey, size FROM now_queue_groups WHERE size > 0 ORDER BY nowKey DESC');
    // From the first entry of a key group on, in the index's order (the range starts the walk there).
    this.fromGroupStatement = db.prepare<{ key: number; excluded: string; offset: number; limit: number }, NowKeyRow>(
      `SELECT sc.supporterId, sc.nowKey, sc.priorityScore FROM supporter_state sc INDEXED BY scores_now_tab
       WHERE sc.nowKey IS NOT NULL AND sc.nowKey <= @key AND sc.supporterId NOT IN (SELECT value FROM json_each(@excluded))
       ORDER BY sc.nowKey DESC, sc.priorityScore DESC, sc.supporterId LIMIT @limit OFFSET @offset`,
    );
    this.clearPendingStatement = db.prepare('DELETE FROM now_queue_pending');
    // An alert's openness flips when its creation or its expiry is crossed: between two moments,
    // only alerts created or expiring in between can have changed a supporter's term.
    this.changedBetweenStatement = db
      .prepare<{ from: number; to: number }, string>(
        `SELECT supporterId FROM alerts INDEXED BY alerts_by_time WHERE createdAt > @from AND createdAt <= @to
         UNION SELECT supporterId FROM alerts INDEXED BY alerts_by_expiry WHERE expiresAt > @from AND expiresAt <= @to`,
      )
      .pluck();
    this.withBonusStatement = db.prepare<[], string>('SELECT supporterId FROM supporter_state WHERE nowAlertBonus <> 0').pluck();
    this.openAlertSupportersStatement = db
      .prepare<{ now: number }, string>(`SELECT DISTINCT a.supporterId FROM alerts a WHERE ${OPEN_AT_NOW}`)
      .pluck();
    // Assigned only where it changes: SQLite moves the index entry whenever the column is assigned.
    this.applyBonusStatement = db.prepare(
      `UPDATE supporter_state SET nowAlertBonus = b.bonus
       FROM (SELECT j.value AS supporterId,
               CASE WHEN EXISTS (SELECT 1 FROM alerts a WHERE a.supporterId = j.value AND ${OPEN_AT_NOW}) THEN @points ELSE 0 END AS bonus
             FROM json_each(@ids) j) AS b
       WHERE supporter_state.supporterId = b.supporterId AND supporter_state.nowAlertBonus <> b.bonus`,
    );
    // A supporter has a follow-up due when their latest one due by now is not done: done means the
    // creator reached them at or after it came due (a message, or an action not refused or failed).
    // Any earlier follow-up is done whenever the latest is, so the latest decides.
    this.followUpsDueStatement = db.prepare<{ now: number }, { supporterId: string; dueAt: number }>(
      `SELECT d.supporterId, d.dueAt
       FROM (SELECT supporterId, max(dueAt) AS dueAt FROM follow_ups INDEXED BY follow_ups_by_due
             WHERE deletedAt IS NULL AND dueAt <= @now GROUP BY supporterId) d
         LEFT JOIN supporter_state sc ON sc.supporterId = d.supporterId
       WHERE (sc.lastCreatorMessageAt IS NULL OR sc.lastCreatorMessageAt < d.dueAt)
         AND NOT EXISTS (SELECT 1 FROM crm_actions c WHERE c.supporterId = d.supporterId AND c.requestedAt >= d.dueAt
                           AND c.requestedAt <= @now AND c.status IN ('pending', 'executed'))`,
    );
    this.recentActionsStatement = db.prepare<{ now: number; since: number }, { supporterId: string; requestedAt: number }>(
      `SELECT supporterId, max(requestedAt) AS requestedAt FROM crm_actions INDEXED BY crm_actions_by_time
       WHERE requestedAt > @since AND requestedAt <= @now AND status IN ('pending', 'executed') GROUP BY supporterId`,
    );
    // OPEN_AT_NOW as two seeks into migration 16's index (no expiry; expiring after now): an OR
    // over expiresAt would make SQLite walk every undismissed alert of the supporter instead.
    const openAlertColumns = 'a.supporterId, a.id, a.type, a.priority, a.createdAt, a.expiresAt';
    const pageSupporters = 'SELECT DISTINCT value AS supporterId FROM json_each(@ids)';
    this.openAlertsStatement = db.prepare<{ now: number; ids: string }, OpenAlertFact>(
      `SELECT ${openAlertColumns} FROM (${pageSupporters}) p JOIN alerts a INDEXED BY alerts_open_by_supporter
         ON a.supporterId = p.supporterId AND a.dismissedAt IS NULL AND a.expiresAt IS NULL AND a.createdAt <= @now
       UNION ALL
       SELECT ${openAlertColumns} FROM (${pageSupporters}) p JOIN alerts a INDEXED BY alerts_open_by_supporter
         ON a.supporterId = p.supporterId AND a.dismissedAt IS NULL AND a.expiresAt > @now AND a.createdAt <= @now`,
    );
    // SPEC §7 (actions/expectedImpact.ts `averageSpendPerActiveWeek`) in one grouped read: spend is
    // every type but creator messages and presence; a week (7-day steps back from now) is active
    // when the supporter did anything in it (an online presence counts, going offline does not).
    this.weeklySpendStatement = db.prepare<{ now: number; from: number; week: number; ids: string }, { supporterId: string; spend: number; activeWeeks: number }>(
      `SELECT supporterId,
              coalesce(sum(CASE WHEN type NOT IN ('creator_message', 'presence') THEN tokens ELSE 0 END), 0) AS spend,
              count(DISTINCT CASE WHEN type <> 'creator_message' AND (type <> 'presence' OR online = 1) THEN (@now - at) / @week END) AS activeWeeks
       FROM activities WHERE supporterId IN (SELECT value FROM json_each(@ids)) AND at > @from AND at <= @now
       GROUP BY supporterId`,
    );
  }

  /** When the alert term was last brought up to date, or null before the first time. */
  alertsAsOf(): number | null {
    const value = this.meta.get(META_ALERTS_AS_OF);
    return value === null ? null : Number(value);
  }

  /** Supporters whose alerts changed (inserted, dismissed, expiry moved) or whose state row is new since the last refresh. */
  pendingSupporters(): string[] {
    return this.pendingStatement.all();
  }

  /** Supporters with an alert created or expiring in `(from, to]`. */
  alertChangesBetween(from: number, to: number): string[] {
    return this.changedBetweenStatement.all({ from, to });
  }

  /** Supporters whose stored alert term is set. */
  supportersWithAlertTerm(): string[] {
    return this.withBonusStatement.all();
  }

  /** Supporters named by an open alert at `now`. */
  supportersWithOpenAlert(now: number): string[] {
    return this.openAlertSupportersStatement.all({ now });
  }

  /**
   * Sets these supporters' alert term as it stands at `now`, forgets the queued changes and
   * records `now` as the moment the term is current for. Returns how many rows changed.
   */
  storeAlertTerm(supporterIds: readonly string[], now: number): number {
    const changed = supporterIds.length === 0 ? 0 : this.applyBonusStatement.run({ ids: JSON.stringify(supporterIds), now, points: NOW_SCORE_POINTS.openAlert }).changes;
    this.clearPendingStatement.run();
    this.meta.set(META_ALERTS_AS_OF, String(now));
    return changed;
  }

  /** Supporters with a follow-up due and not done at `now` (see the statement), with the latest such due time. */
  followUpsDue(now: number): Map<string, number> {
    return new Map(this.followUpsDueStatement.all({ now }).map((row) => [row.supporterId, row.dueAt]));
  }

  /** Supporters an action was requested for in the last 24 hours `(now − 24 h, now]` (pending or executed), with the latest request. */
  recentActions(now: number): Map<string, number> {
    return new Map(this.recentActionsStatement.all({ now, since: now - RECENT_ACTION_MS }).map((row) => [row.supporterId, row.requestedAt]));
  }

  /** The open alerts at `now` of these supporters (a page's rows). */
  openAlerts(supporterIds: readonly string[], now: number): OpenAlertFact[] {
    return supporterIds.length === 0 ? [] : this.openAlertsStatement.all({ ids: JSON.stringify(supporterIds), now });
  }

  /** SPEC §7's weekly-spend inputs of these supporters at `now` (a supporter with no activity in the 90 days is missing). */
  weeklySpend(supporterIds: readonly string[], now: number): Map<string, WeeklySpendFacts> {
    const result = new Map<string, WeeklySpendFacts>();
    if (supporterIds.length === 0) return result;
    const rows = this.weeklySpendStatement.all({ ids: JSON.stringify(supporterIds), now, from: now - WEEKLY_SPEND_LOOKBACK_MS, week: WEEK_MS });
    for (const row of rows) result.set(row.supporterId, { spend: row.spend, activeWeeks: row.activeWeeks });
    return result;
  }

  /** The stored keys of these supporters (those matching the filter; a supporter without a score is left out). */
  keys(supporterIds: readonly string[], filter: NowQueueFilter): NowKeyRow[] {
    if (supporterIds.length === 0) return [];
    const statement = this.statement(this.keyStatements, filter, (from, where) => `SELECT sc.supporterId, sc.nowKey, sc.priorityScore ${from}
       WHERE sc.supporterId IN (SELECT value FROM json_each(@ids)) AND sc.segment IS NOT NULL${where}`);
    return statement.all({ ...filterParams(filter), ids: JSON.stringify(supporterIds) }) as NowKeyRow[];
  }

  /**
   * Rows `offset…offset + limit` of the queue's stored order — nowKey desc, priorityScore desc,
   * supporter id — leaving out `excludedIds` (the supporters whose score a time-dependent term
   * moves; the caller places them).
   */
  page(excludedIds: readonly string[], offset: number, limit: number, filter: NowQueueFilter): NowKeyRow[] {
    if (offset >= NOW_GROUP_SEEK_FROM && filter.search === undefined && filter.taggedIds === undefined) return this.pageFromKeyGroup(excludedIds, offset, limit);
    const statement = this.statement(this.pageStatements, filter, (from, where) => `SELECT sc.supporterId, sc.nowKey, sc.priorityScore ${from}
       WHERE sc.nowKey IS NOT NULL${where} AND sc.supporterId NOT IN (SELECT value FROM json_each(@excluded))
       ORDER BY sc.nowKey DESC, sc.priorityScore DESC, sc.supporterId LIMIT @limit OFFSET @offset`);
    return statement.all({ ...filterParams(filter), excluded: JSON.stringify(excludedIds), offset, limit }) as NowKeyRow[];
  }

  /**
   * A deep page of the unfiltered stored order: the running sums of the key groups (less the
   * excluded supporters in each) find the group holding `offset`; the read starts at that group's
   * first entry and skips only the rest of the way inside it.
   */
  private pageFromKeyGroup(excludedIds: readonly string[], offset: number, limit: number): NowKeyRow[] {
    const excludedPerKey = new Map<number, number>();
    for (const row of this.keys(excludedIds, {})) if (row.nowKey !== null) excludedPerKey.set(row.nowKey, (excludedPerKey.get(row.nowKey) ?? 0) + 1);
    let before = 0;
    for (const group of this.groupsStatement.all()) {
      const size = group.size - (excludedPerKey.get(group.nowKey) ?? 0);
      if (before + size > offset) {
        return this.fromGroupStatement.all({ key: group.nowKey, excluded: JSON.stringify(excludedIds), offset: offset - before, limit });
      }
      before += size;
    }
    return [];
  }

  /** How many supporters the queue's index holds (matching the filter); unfiltered, the sum of the group sizes the triggers keep. */
  count(filter: NowQueueFilter): number {
    if (filter.search === undefined && filter.taggedIds === undefined) return this.sizeStatement.get() as number;
    const statement = this.statement(this.countStatements, filter, (from, where) => `SELECT count(*) ${from} WHERE sc.nowKey IS NOT NULL${where}`);
    return statement.pluck().get(filterParams(filter)) as number;
  }

  /** The query plans of a page (from the top, and deep: from its key group), for the test that keeps them on the queue's index. */
  explainPage(filter: NowQueueFilter = {}): { top: string[]; deep: string[] } {
    this.page([], 0, 1, filter);
    const statement = this.pageStatements.get(filterKey(filter)) as Database.Statement;
    const explain = (source: string, params: Record<string, unknown>) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(params) as { detail: string }[]).map((row) => row.detail);
    return {
      top: explain(statement.source, { ...filterParams(filter), excluded: '[]', offset: 0, limit: 50 }),
      deep: explain(this.fromGroupStatement.source, { key: 0, excluded: '[]', offset: 0, limit: 50 }),
    };
  }

  /**
   * A statement for this kind of filter, prepared once. Unfiltered and searched reads walk the
   * queue's index in order; a tag's supporters (usually few) are looked up by key and sorted.
   */
  private statement(cache: Map<string, Database.Statement>, filter: NowQueueFilter, sql: (from: string, where: string) => string): Database.Statement {
    const key = filterKey(filter);
    let statement = cache.get(key);
    if (statement === undefined) {
      const tagged = filter.taggedIds !== undefined;
      const searched = filter.search !== undefined;
      const from = [
        tagged ? 'FROM json_each(@tagged) t CROSS JOIN supporter_state sc ON sc.supporterId = t.value' : 'FROM supporter_state sc',
        cache === this.keyStatements || tagged ? '' : ' INDEXED BY scores_now_tab',
        searched ? ' JOIN supporters su ON su.id = sc.supporterId' : '',
      ].join('');
      statement = this.db.prepare(sql(from, searched ? " AND su.handle LIKE @pattern ESCAPE '\\'" : ''));
      cache.set(key, statement);
    }
    return statement;
  }
}

function filterKey(filter: NowQueueFilter): string {
  return `${filter.taggedIds !== undefined ? 'tag' : ''}|${filter.search !== undefined ? 'search' : ''}`;
}

function filterParams(filter: NowQueueFilter): Record<string, string> {
  return {
    ...(filter.taggedIds !== undefined ? { tagged: JSON.stringify(filter.taggedIds) } : {}),
    ...(filter.search !== undefined ? { pattern: likePattern(filter.search) } : {}),
  };
}
