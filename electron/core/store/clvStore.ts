import type Database from 'better-sqlite3';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { HotLeadPrecision, ModelBacktest, ModelParameters } from '../../../shared/domain/modelQuality';
import type { InboxRow } from '../engine/inbox/inboxRow';
import { INBOX_ROW_COLUMNS, inboxRowFromSql, likePattern } from './inboxStore';

/** The latest fit as stored (times in epoch ms). */
export interface StoredClvFit {
  fittedAt: number;
  fitMs: number;
  refitMs: number;
  supportersFitted: number;
  repeatSupporters: number;
  /** Null when the models could not be fitted. */
  parameters: ModelParameters | null;
  detail: string | null;
  backtest: ModelBacktest;
  hotLeadPrecision: HotLeadPrecision | null;
}

/** One supporter's outlook at the fit; null figures mean "not enough data". */
export interface StoredSupporterClv {
  supporterId: string;
  purchaseDays: number;
  lastPurchaseAt: number;
  chanceActive: number | null;
  expectedPurchases30d: number | null;
  expectedTokens30d: number | null;
}

/** The All tab's orders that come from the customer-base models. */
export type ClvSort = 'chance_active' | 'expected_tokens';

/** A raw purchase row: [supporterId, at, tokens]. */
export type PurchaseRow = [string, number, number];

/** A raw activity row as the engine's rollup reads it: [type, at, tokens, minutes, online, listingId, presenceId]. */
export type ScoringActivityRow = [ActivityType, number, number, number | null, number | null, string | null, string | null];

/**
 * A supporter's activity in a window, counted (`recentActivityAfter`): their id, how many
 * activities they have in it, then in it: chats, gifts (live ones included), live gifts, profile
 * views, live attendances, the attendances' minutes (summed by SQLite, so possibly not to the last
 * bit as the rollup sums them), likes,
 * the latest activity they initiated, the latest match, presence records, and presence records
 * that say online. Counts are 0 and times null for a supporter with none in the window.
 */
export type RecentActivityCounts = [
  supporterId: string,
  activities: number,
  chats: number,
  gifts: number,
  liveGifts: number,
  profileViews: number,
  liveAttendances: number,
  liveMinutes: number,
  likes: number,
  lastInitiatedAt: number | null,
  lastMatchAt: number | null,
  presences: number,
  presencesOnline: number,
];

/**
 * What of a supporter's whole history up to a moment the scores read beyond a week: lifetime
 * gifts, the latest match, and whether the latest presence record said online (1 or 0; null when
 * there is none).
 */
export interface LifetimeScoringFacts {
  gifts: number;
  lastMatchAt: number | null;
  online: number | null;
}

interface FitRow {
  fittedAt: number;
  fitMs: number;
  refitMs: number;
  supportersFitted: number;
  repeatSupporters: number;
  parameters: string | null;
  detail: string | null;
  backtest: string;
  hotLeadPrecision: string | null;
}

/**
 * A purchase is an activity that counts as spend (every type but `creator_message` and `presence`,
 * as `isSpendActivity` says) with tokens > 0.
 */
const PURCHASE = "tokens > 0 AND type NOT IN ('creator_message', 'presence')";

/**
 * The rare-scoring index's condition (migration 15), word for word: presence records, matches and
 * gifts without tokens (gifts with tokens are purchases).
 */
const RARE_SCORING = "type IN ('presence', 'match') OR (type IN ('gift', 'live_gift') AND coalesce(tokens, 0) <= 0)";

const SORT_INDEX: Record<ClvSort, { index: string; column: string }> = {
  chance_active: { index: 'clv_by_chance_active', column: 'chanceActive' },
  expected_tokens: { index: 'clv_by_expected_tokens', column: 'expectedTokens30d' },
};

/** The same columns as an inbox page (`InboxStore`): a model order is another order of the All tab. */
const INBOX_SELECT = `SELECT ${INBOX_ROW_COLUMNS}`;
const SEARCH = " AND su.handle LIKE @pattern ESCAPE '\\'";

/**
 * The customer-base models' reads and writes: purchase history at a point in time, the few raw
 * facts the Hot Lead check needs, the stored fit and per-supporter figures, and the All tab in
 * model order.
 */
export class ClvStore {
  private readonly purchasesAfterStatement;
  private readonly purchasesOfStatement;
  private readonly maxActivitySeqStatement;
  private readonly lastPurchaseStatement;
  private readonly activitiesUpToStatement;
  private readonly recentActivityStatement;
  private readonly lifetimeFactsStatements;
  private readonly fanClubMembersStatement;
  private readonly fitStatement;
  private readonly supporterStatement;
  private readonly clearFitStatement;
  private readonly insertFitStatement;
  private readonly setRefitMsStatement;
  private readonly clearSupportersStatement;
  private readonly insertSupporterStatement;
  private readonly modelPages: Record<ClvSort, { plain: Database.Statement; search: Database.Statement }>;
  private readonly modelCounts: { plain: Database.Statement; search: Database.Statement };
  private readonly unscoredPages: { plain: Database.Statement; search: Database.Statement };

  constructor(private readonly db: Database.Database) {
    // The purchases straight from their own partial index (migration 15), already in the order a
    // refit folds them: by supporter, each one's by time (ties by change sequence, the index's last
    // key, which is also what the sequence bound reads). Only index entries are read, never the
    // activity rows around them.
    this.purchasesAfterStatement = db
      .prepare<[string, number, number, number], PurchaseRow>(
        `SELECT supporterId, at, tokens FROM activities INDEXED BY activities_purchases
         WHERE supporterId > ? AND at <= ? AND seq <= ? AND ${PURCHASE} ORDER BY supporterId, at LIMIT ?`,
      )
      .raw();
    this.purchasesOfStatement = db
      .prepare<[string, number, number], PurchaseRow>(
        `SELECT supporterId, at, tokens FROM activities INDEXED BY activities_purchases
         WHERE supporterId = ? AND at <= ? AND seq <= ? AND ${PURCHASE} ORDER BY at`,
      )
      .raw();
    this.maxActivitySeqStatement = db.prepare<[], number | null>('SELECT max(seq) FROM activities').pluck();
    this.lastPurchaseStatement = db
      .prepare<[string, number], number | null>(`SELECT max(at) FROM activities WHERE supporterId = ? AND at <= ? AND ${PURCHASE}`)
      .pluck();
    this.activitiesUpToStatement = db
      .prepare<[string, number], ScoringActivityRow>(
        `SELECT type, at, tokens, minutes, online, listingId, CASE WHEN type = 'presence' THEN id END
         FROM activities WHERE supporterId = ? AND at <= ?`,
      )
      .raw();
    // Every supporter id with activity, walked through the (supporterId, at) index by skipping from
    // one id to the next (about two index searches a supporter instead of reading every entry; ids
    // come from activity itself, so a supporter without a stored record still counts), a slice of
    // them at a time, each joined
    // with their activity in (from, to] through the (supporterId, at) index and counted by SQLite:
    // one statement and one row per supporter instead of one row per activity. Every id of the
    // slice comes back (a LEFT JOIN), so the caller knows where the slice ended even when its
    // last supporters were quiet. The kinds are those of the engine's rollup (`SupporterRollupBuilder`);
    // a presence record is initiated by the supporter only when it says online (`isSupporterInitiated`).
    this.recentActivityStatement = db
      .prepare<{ after: string; count: number; from: number; to: number }, RecentActivityCounts>(
        `WITH RECURSIVE ids(id, n) AS (
           SELECT (SELECT min(supporterId) FROM activities WHERE supporterId > @after), 1
           UNION ALL
           SELECT (SELECT a.supporterId FROM activities a WHERE a.supporterId > ids.id ORDER BY a.supporterId LIMIT 1), ids.n + 1
           FROM ids WHERE ids.id IS NOT NULL AND ids.n < @count
         )
         SELECT ids.id, count(w.at),
           coalesce(sum(w.type = 'chat_message'), 0), coalesce(sum(w.type IN ('gift', 'live_gift')), 0), coalesce(sum(w.type = 'live_gift'), 0),
           coalesce(sum(w.type = 'profile_view'), 0), coalesce(sum(w.type = 'live_attendance'), 0),
           total(CASE WHEN w.type = 'live_attendance' THEN coalesce(w.minutes, 0) END),
           coalesce(sum(w.type = 'like'), 0),
           max(CASE WHEN w.type <> 'creator_message' AND (w.type <> 'presence' OR w.online IS 1) THEN w.at END),
           max(CASE WHEN w.type = 'match' THEN w.at END),
           coalesce(sum(w.type = 'presence'), 0), coalesce(sum(w.type = 'presence' AND w.online IS 1), 0)
         FROM ids LEFT JOIN activities w ON w.supporterId = ids.id AND w.at > @from AND w.at <= @to
         WHERE ids.id IS NOT NULL
         GROUP BY ids.id
         ORDER BY ids.id`,
      )
      .raw();
    // From indexes alone (migration 15): gifts with tokens counted in the purchase index, and from
    // the rare-scoring index the gifts without, the latest match and the latest presence record by
    // (at, id), as the rollup builder picks it. Each statement repeats its index's condition word
    // for word so SQLite sees that the index applies; as subqueries of one statement SQLite ran
    // them several times slower.
    const rare = (condition: string) =>
      `FROM activities INDEXED BY activities_rare_scoring
       WHERE supporterId = @supporterId AND ${condition} AND at <= @at AND (${RARE_SCORING})`;
    this.lifetimeFactsStatements = {
      paidGifts: db
        .prepare<{ supporterId: string; at: number }, number>(
          `SELECT count(*) FROM activities INDEXED BY activities_purchases
           WHERE supporterId = @supporterId AND at <= @at AND ${PURCHASE} AND type IN ('gift', 'live_gift')`,
        )
        .pluck(),
      freeGifts: db.prepare<{ supporterId: string; at: number }, number>(`SELECT count(*) ${rare("type IN ('gift', 'live_gift')")}`).pluck(),
      lastMatchAt: db.prepare<{ supporterId: string; at: number }, number | null>(`SELECT max(at) ${rare("type = 'match'")}`).pluck(),
      online: db.prepare<{ supporterId: string; at: number }, number>(`SELECT online IS 1 ${rare("type = 'presence'")} ORDER BY at DESC, id DESC LIMIT 1`).pluck(),
    };
    this.fanClubMembersStatement = db.prepare<[], string>('SELECT id FROM supporters WHERE fanClubActive = 1').pluck();
    this.fitStatement = db.prepare<[], FitRow>(
      `SELECT fittedAt, fitMs, refitMs, supportersFitted, repeatSupporters, parameters, detail, backtest, hotLeadPrecision
       FROM clv_fit WHERE id = 1`,
    );
    this.supporterStatement = db.prepare<[string], StoredSupporterClv>(
      `SELECT supporterId, purchaseDays, lastPurchaseAt, chanceActive, expectedPurchases30d, expectedTokens30d
       FROM clv_supporters WHERE supporterId = ?`,
    );
    this.clearFitStatement = db.prepare('DELETE FROM clv_fit');
    this.insertFitStatement = db.prepare(`
      INSERT INTO clv_fit (id, fittedAt, fitMs, refitMs, supportersFitted, repeatSupporters, parameters, detail, backtest, hotLeadPrecision)
      VALUES (1, @fittedAt, @fitMs, @refitMs, @supportersFitted, @repeatSupporters, @parameters, @detail, @backtest, @hotLeadPrecision)`);
    this.setRefitMsStatement = db.prepare('UPDATE clv_fit SET refitMs = ? WHERE id = 1');
    this.clearSupportersStatement = db.prepare('DELETE FROM clv_supporters');
    this.insertSupporterStatement = db.prepare(`
      INSERT INTO clv_supporters (supporterId, purchaseDays, lastPurchaseAt, chanceActive, expectedPurchases30d, expectedTokens30d)
      VALUES (?, ?, ?, ?, ?, ?)`);

    // Walk the model's index in order and look each supporter up in the All tab (CROSS JOIN keeps
    // SQLite from reordering the loops into a scan plus a sort).
    const modelPage = (sort: ClvSort, withSearch: boolean) => {
      const { index, column } = SORT_INDEX[sort];
      if (withSearch) {
        return db.prepare(`
          ${INBOX_SELECT}
          FROM clv_supporters c INDEXED BY ${index}
            CROSS JOIN supporter_state sc ON sc.supporterId = c.supporterId
            JOIN supporters su ON su.id = c.supporterId
            LEFT JOIN supporter_flags fl ON fl.supporterId = c.supporterId
          WHERE sc.lifetimeTokens > 0${SEARCH}
          ORDER BY c.${column} DESC, c.supporterId
          LIMIT @limit OFFSET @offset`).raw();
      }
      // The page's ids first, walking the model's index and checking All-tab membership only
      // (OFFSET skips rows there); then the page's 50 rows are joined with everything shown.
      // Membership is read from the `scores_with_purchase` index alone (migration 7). A first
      // purchase is exactly what makes lifetime tokens positive (tokens are never negative), so
      // this is the All tab's own condition.
      return db.prepare(`
        ${INBOX_SELECT}
        FROM (
          SELECT c.supporterId AS id, c.${column} AS figure
          FROM clv_supporters c INDEXED BY ${index}
          WHERE EXISTS (SELECT 1 FROM supporter_state s INDEXED BY scores_with_purchase WHERE s.supporterId = c.supporterId AND s.firstPurchaseAt IS NOT NULL)
          ORDER BY c.${column} DESC, c.supporterId
          LIMIT @limit OFFSET @offset
        ) page
          CROSS JOIN supporter_state sc ON sc.supporterId = page.id
          JOIN supporters su ON su.id = page.id
          LEFT JOIN supporter_flags fl ON fl.supporterId = page.id
        ORDER BY page.figure DESC, page.id`).raw();
    };
    const modelCount = (withSearch: boolean) =>
      db
        .prepare(`
        SELECT count(*) FROM clv_supporters c
          CROSS JOIN supporter_state sc ON sc.supporterId = c.supporterId
          JOIN supporters su ON su.id = c.supporterId
        WHERE sc.lifetimeTokens > 0${withSearch ? SEARCH : ''}`)
        .pluck();
    // Supporters who bought for the first time after the fit have no figures yet: they come last,
    // in the All tab's own order.
    const unscoredPage = (withSearch: boolean) =>
      db.prepare(`
        ${INBOX_SELECT}
        FROM supporter_state sc INDEXED BY scores_all_tab
          JOIN supporters su ON su.id = sc.supporterId
          LEFT JOIN supporter_flags fl ON fl.supporterId = sc.supporterId
        WHERE sc.firstPurchaseAt IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clv_supporters c WHERE c.supporterId = sc.supporterId)${withSearch ? SEARCH : ''}
        ORDER BY sc.lastActivityAt DESC, sc.supporterId
        LIMIT @limit OFFSET @offset`).raw();
    this.modelPages = {
      chance_active: { plain: modelPage('chance_active', false), search: modelPage('chance_active', true) },
      expected_tokens: { plain: modelPage('expected_tokens', false), search: modelPage('expected_tokens', true) },
    };
    this.modelCounts = { plain: modelCount(false), search: modelCount(true) };
    this.unscoredPages = { plain: unscoredPage(false), search: unscoredPage(true) };
  }

  /**
   * Up to `limit` purchases with `at` ≤ now and a change sequence number ≤ upToSeq of the
   * supporters after `afterSupporterId` (by id, binary order; '' for the first), by supporter and
   * then time: a caller reads them in slices, each starting after the last supporter it has whole.
   * The last supporter of a full slice may go on in the next rows.
   */
  purchasesAfter(afterSupporterId: string, now: number, upToSeq: number, limit: number): PurchaseRow[] {
    return this.purchasesAfterStatement.all(afterSupporterId, now, upToSeq, limit);
  }

  /** One supporter's purchases with `at` ≤ now and sequence ≤ upToSeq, by time: for a supporter with more than a slice's worth. */
  purchasesOf(supporterId: string, now: number, upToSeq: number): PurchaseRow[] {
    return this.purchasesOfStatement.all(supporterId, now, upToSeq);
  }

  /** The highest activity change sequence number (0 when there is none): what a refit in slices reads up to. */
  maxActivitySeq(): number {
    return this.maxActivitySeqStatement.get() ?? 0;
  }

  /** The query plans of a supporter's lifetime facts, for the test that keeps them on indexes alone. */
  explainLifetimeFacts(): string[] {
    return Object.values(this.lifetimeFactsStatements).flatMap((statement) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all({ supporterId: '', at: 0 }) as { detail: string }[]).map((row) => row.detail),
    );
  }

  /** The query plan of a slice of purchases, for the test that keeps it on the purchase index alone. */
  explainPurchasesAfter(): string[] {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${this.purchasesAfterStatement.source}`).all('', 0, 0, 1) as { detail: string }[]).map((row) => row.detail);
  }

  /** The supporter's latest purchase with `at` ≤ now, or null. */
  lastPurchaseAt(supporterId: string, now: number): number | null {
    return this.lastPurchaseStatement.get(supporterId, now) ?? null;
  }

  /** The supporter's activities with `at` ≤ upTo, as raw rows (the Hot Lead check folds them with the engine's rollup builder). */
  activitiesUpTo(supporterId: string, upTo: number): ScoringActivityRow[] {
    return this.activitiesUpToStatement.all(supporterId, upTo);
  }

  /**
   * The next `count` supporter ids with any activity after `afterSupporterId` (binary order; ''
   * for the first), in that order, each with their activity in (from, to] counted.
   */
  recentActivityAfter(afterSupporterId: string, count: number, window: { from: number; to: number }): RecentActivityCounts[] {
    return this.recentActivityStatement.all({ after: afterSupporterId, count, ...window });
  }

  /** A supporter's lifetime gifts up to `at`, their latest match and their latest presence record's online flag then. */
  lifetimeFactsAt(supporterId: string, at: number): LifetimeScoringFacts {
    const { paidGifts, freeGifts, lastMatchAt, online } = this.lifetimeFactsStatements;
    const key = { supporterId, at };
    return { gifts: (paidGifts.get(key) ?? 0) + (freeGifts.get(key) ?? 0), lastMatchAt: lastMatchAt.get(key) ?? null, online: online.get(key) ?? null };
  }

  /** Ids of the supporters whose fan club membership is active. */
  fanClubMembers(): string[] {
    return this.fanClubMembersStatement.all();
  }

  fit(): StoredClvFit | null {
    const row = this.fitStatement.get();
    if (!row) return null;
    return {
      fittedAt: row.fittedAt,
      fitMs: row.fitMs,
      refitMs: row.refitMs,
      supportersFitted: row.supportersFitted,
      repeatSupporters: row.repeatSupporters,
      parameters: row.parameters === null ? null : (JSON.parse(row.parameters) as ModelParameters),
      detail: row.detail,
      backtest: JSON.parse(row.backtest) as ModelBacktest,
      hotLeadPrecision: row.hotLeadPrecision === null ? null : (JSON.parse(row.hotLeadPrecision) as HotLeadPrecision),
    };
  }

  supporter(supporterId: string): StoredSupporterClv | null {
    return this.supporterStatement.get(supporterId) ?? null;
  }

  /** Replaces the stored fit and every supporter's figures in one transaction. */
  replace(fit: StoredClvFit, supporters: Iterable<StoredSupporterClv>): void {
    this.db.transaction(() => {
      this.clearFitStatement.run();
      this.clearSupportersStatement.run();
      this.insertFitStatement.run({
        ...fit,
        parameters: fit.parameters === null ? null : JSON.stringify(fit.parameters),
        backtest: JSON.stringify(fit.backtest),
        hotLeadPrecision: fit.hotLeadPrecision === null ? null : JSON.stringify(fit.hotLeadPrecision),
      });
      for (const s of supporters) {
        this.insertSupporterStatement.run(
          s.supporterId,
          s.purchaseDays,
          s.lastPurchaseAt,
          s.chanceActive,
          s.expectedPurchases30d,
          s.expectedTokens30d,
        );
      }
    }).immediate();
  }

  /** Records how long the whole refit took, its own write included (known only once that is done). */
  setRefitMs(refitMs: number): void {
    this.setRefitMsStatement.run(refitMs);
  }

  /**
   * One page of the All tab (lifetime tokens > 0) ordered by a model figure, highest first;
   * supporters with "not enough data" after them, then those who first bought after the fit.
   * The rows are the same shape as `InboxStore.page` gives.
   */
  allTabPage(sort: ClvSort, options: { limit: number; offset: number; search?: string }): InboxRow[] {
    const searchParams = options.search ? { pattern: likePattern(options.search) } : {};
    const pick = (statements: { plain: Database.Statement; search: Database.Statement }) =>
      options.search ? statements.search : statements.plain;
    const modelRows = (pick(this.modelPages[sort]).all({ ...searchParams, limit: options.limit, offset: options.offset }) as unknown[][]).map(inboxRowFromSql);
    if (modelRows.length === options.limit) return modelRows;
    const modelTotal =
      modelRows.length > 0
        ? options.offset + modelRows.length
        : ((options.search ? this.modelCounts.search.get(searchParams) : this.modelCounts.plain.get()) as number);
    const unscored = pick(this.unscoredPages).all({
      ...searchParams,
      limit: options.limit - modelRows.length,
      offset: Math.max(0, options.offset - modelTotal),
    }) as unknown[][];
    return [...modelRows, ...unscored.map(inboxRowFromSql)];
  }

  /** The query plan of a model-ordered page, for the test that keeps it on its index. */
  explainAllTabPage(sort: ClvSort): string[] {
    const sql = this.modelPages[sort].plain.source;
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 50, offset: 0 }) as { detail: string }[]).map((row) => row.detail);
  }
}
