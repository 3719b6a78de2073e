import type { Migration } from '../migration';

/** The score's columns, as step 2 defined them and in its order. */
const SCORE_COLUMNS = `engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt, firstPurchaseAt,
  unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature`;

/**
 * One row per supporter for the engine's rollup and score (issue 8), instead of a table each.
 *
 * The incremental recompute after a sync page is SQLite-bound: per touched supporter it read and
 * rewrote a rollup row and a score row, each found through its table's primary-key index. With
 * both in one row, a touched supporter costs one keyed read and one write, and the write can go
 * straight to the rowid the read returned. Measured on a copy of the 100,000-supporter benchmark
 * workspace, the engine's SQL per batch of 1,000 new activities fell by about 40 %
 * (docs/performance.md).
 *
 * Either half may be absent: a supporter with no activity has a score and no rollup
 * (`rollupVersion IS NULL`), and activity of a supporter the platform has not sent yet has a
 * rollup and no score (`segment IS NULL`). Every score index is partial on a score column, so a
 * rollup-only row is in none of them. Columns that both halves had keep their name on the score
 * and take a `rollup` prefix on the rollup: the two can differ (a score may be computed for a
 * moment before the rollup's latest record, from raw activity).
 *
 * The score half also keeps the fan club flag it was computed with, so a batch's rescore reads only
 * this row for a supporter scored before (the join with `supporters` was about a quarter of that read).
 *
 * The rows are copied, not rebuilt, so opening an upgraded workspace needs no engine pass. (The
 * score's signature now covers the flag too, so the next full run rewrites each score once.)
 */
export const migration008SupporterStateTable: Migration = {
  version: 8,
  name: 'supporter state table',
  up(db) {
    db.exec(`
      CREATE TABLE supporter_state (
        supporterId TEXT PRIMARY KEY,
        -- The score at asOf, valid until edgeAt (SPEC §3–5); all NULL while the supporter has none.
        engineVersion INTEGER,
        asOf INTEGER,
        edgeAt INTEGER,
        segment TEXT,
        online INTEGER,
        lifetimeTokens INTEGER,
        monthlyTokens INTEGER,
        lastActivityAt INTEGER,
        firstPurchaseAt INTEGER,
        unreadCount INTEGER,
        lastCreatorMessageAt INTEGER,
        registeredListingIds TEXT,
        conversionProbability INTEGER,
        priorityScore INTEGER,
        -- A hash of the score's values (asOf excluded): a full run compares it and rewrites only changed rows.
        signature INTEGER,
        -- The supporter's fan club flag the score was computed with (0/1). The engine keeps it
        -- current (a change queues the supporter in engine_pending), so a batch's rescore need not
        -- read the supporters table for a supporter it has scored before.
        fanClubActive INTEGER,
        -- The rollup of the supporter's raw activity; all NULL while they have none.
        rollupVersion INTEGER,
        activityCount INTEGER,
        maxAt INTEGER,
        rollupLifetimeTokens INTEGER,
        rollupFirstPurchaseAt INTEGER,
        rollupLastActivityAt INTEGER,
        giftsLifetime INTEGER,
        lastMatchAt INTEGER,
        presenceAt INTEGER,
        presenceId TEXT,
        rollupOnline INTEGER,
        rollupLastCreatorMessageAt INTEGER,
        rollupUnreadCount INTEGER,
        rollupRegisteredListingIds TEXT,
        -- Last: a full run reads it only for rollups that may still have entries inside the window.
        recent BLOB
      );

      INSERT INTO supporter_state (supporterId, ${SCORE_COLUMNS}, fanClubActive, rollupVersion, activityCount, maxAt, rollupLifetimeTokens,
        rollupFirstPurchaseAt, rollupLastActivityAt, giftsLifetime, lastMatchAt, presenceAt, presenceId, rollupOnline,
        rollupLastCreatorMessageAt, rollupUnreadCount, rollupRegisteredListingIds, recent)
      SELECT sc.supporterId, ${SCORE_COLUMNS.split(',').map((column) => `sc.${column.trim()}`).join(', ')},
        coalesce((SELECT su.fanClubActive = 1 FROM supporters su WHERE su.id = sc.supporterId), 0),
        r.engineVersion, r.activityCount, r.maxAt, r.lifetimeTokens, r.firstPurchaseAt, r.lastActivityAt, r.giftsLifetime,
        r.lastMatchAt, r.presenceAt, r.presenceId, r.online, r.lastCreatorMessageAt, r.unreadCount, r.registeredListingIds, r.recent
      FROM supporter_scores sc LEFT JOIN supporter_rollups r ON r.supporterId = sc.supporterId
      UNION ALL
      SELECT r.supporterId, ${SCORE_COLUMNS.split(',').map(() => 'NULL').join(', ')}, NULL,
        r.engineVersion, r.activityCount, r.maxAt, r.lifetimeTokens, r.firstPurchaseAt, r.lastActivityAt, r.giftsLifetime,
        r.lastMatchAt, r.presenceAt, r.presenceId, r.online, r.lastCreatorMessageAt, r.unreadCount, r.registeredListingIds, r.recent
      FROM supporter_rollups r WHERE NOT EXISTS (SELECT 1 FROM supporter_scores sc WHERE sc.supporterId = r.supporterId)
      ORDER BY 1;

      DROP TABLE supporter_scores;
      DROP TABLE supporter_rollups;

      -- The indexes of steps 2 and 7, now on the one table (each partial on a score column).
      CREATE INDEX scores_vip_tab ON supporter_state(lifetimeTokens DESC, supporterId) WHERE segment = 'vip';
      CREATE INDEX scores_hot_leads_tab ON supporter_state(conversionProbability DESC, lifetimeTokens DESC, supporterId)
        WHERE segment = 'hot_lead';
      CREATE INDEX scores_all_tab ON supporter_state(lastActivityAt DESC, supporterId, lifetimeTokens) WHERE lifetimeTokens > 0;
      CREATE INDEX scores_dormant_tab ON supporter_state(lastActivityAt DESC, supporterId) WHERE segment = 'dormant';
      CREATE INDEX scores_new_tab ON supporter_state(firstPurchaseAt DESC, supporterId) WHERE firstPurchaseAt IS NOT NULL;
      CREATE INDEX scores_by_edge ON supporter_state(edgeAt) WHERE edgeAt IS NOT NULL;
      CREATE INDEX scores_by_segment ON supporter_state(segment) WHERE segment IS NOT NULL;
      CREATE INDEX scores_with_purchase ON supporter_state(supporterId) WHERE firstPurchaseAt IS NOT NULL;
    `);
  },
};
