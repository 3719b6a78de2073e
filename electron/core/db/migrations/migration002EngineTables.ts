import type { Migration } from '../migration';

/**
 * The supporter engine's derived tables (SPEC §2–5) and the action flags (§7).
 *
 * - `supporter_rollups`: per supporter, everything the scores need from raw activity, so a full
 *   re-segmentation never rescans `activities`: all-time totals plus the last 30 days of the
 *   windowed activity as a compact BLOB. A rollup answers for any `now` at or after its `maxAt`.
 * - `supporter_scores`: the result at `asOf`, valid until `edgeAt` (the first moment a windowed value
 *   changes with no new data). Each inbox tab has a partial index that holds exactly its members
 *   in its order and covers the page's id lookup, so a page (and its offset) never touches a row
 *   it does not show, and counting a tab reads only that index.
 * - `engine_pending`: supporters whose rollup (rebuild = 1) or score (rebuild = 0) is out of date.
 *   New activity rows are found by rowid above a watermark instead, so bulk inserts pay no trigger;
 *   the triggers below catch only what a watermark cannot see: changed or deleted activity and
 *   supporter records. Replaying an identical record changes no column, so it marks nothing.
 *   Because all of this lives in the database, the engine catches up correctly even after changes
 *   applied by a process that ran without its observer.
 * - `supporter_flags`: written by CRM actions; a flag is active until a later `creator_message`.
 *
 * Every derived row carries the engine version, so a new engine rebuilds instead of mixing results.
 */
export const migration002EngineTables: Migration = {
  version: 2,
  name: 'engine tables',
  up(db) {
    db.exec(`
      CREATE TABLE supporter_rollups (
        supporterId TEXT PRIMARY KEY,
        engineVersion INTEGER NOT NULL,
        activityCount INTEGER NOT NULL,
        maxAt INTEGER,
        lifetimeTokens INTEGER NOT NULL,
        firstPurchaseAt INTEGER,
        lastActivityAt INTEGER,
        giftsLifetime INTEGER NOT NULL,
        lastMatchAt INTEGER,
        presenceAt INTEGER,
        presenceId TEXT,
        online INTEGER NOT NULL,
        lastCreatorMessageAt INTEGER,
        unreadCount INTEGER NOT NULL,
        registeredListingIds TEXT,
        recent BLOB NOT NULL
      );

      CREATE TABLE supporter_scores (
        supporterId TEXT PRIMARY KEY,
        engineVersion INTEGER NOT NULL,
        asOf INTEGER NOT NULL,
        edgeAt INTEGER,
        segment TEXT NOT NULL,
        online INTEGER NOT NULL,
        lifetimeTokens INTEGER NOT NULL,
        monthlyTokens INTEGER NOT NULL,
        lastActivityAt INTEGER,
        firstPurchaseAt INTEGER,
        unreadCount INTEGER NOT NULL,
        lastCreatorMessageAt INTEGER,
        registeredListingIds TEXT,
        conversionProbability INTEGER NOT NULL,
        priorityScore INTEGER NOT NULL,
        -- A hash of the values above (asOf excluded): a full run compares it and rewrites only changed rows.
        signature INTEGER NOT NULL
      );
      CREATE INDEX scores_vip_tab ON supporter_scores(lifetimeTokens DESC, supporterId) WHERE segment = 'vip';
      CREATE INDEX scores_hot_leads_tab ON supporter_scores(conversionProbability DESC, lifetimeTokens DESC, supporterId)
        WHERE segment = 'hot_lead';
      -- lifetimeTokens is carried so the index covers its own filter: SQLite does not treat a range
      -- term as implied by a partial index, and would otherwise visit every row to count the tab.
      CREATE INDEX scores_all_tab ON supporter_scores(lastActivityAt DESC, supporterId, lifetimeTokens) WHERE lifetimeTokens > 0;
      CREATE INDEX scores_dormant_tab ON supporter_scores(lastActivityAt DESC, supporterId) WHERE segment = 'dormant';
      CREATE INDEX scores_new_tab ON supporter_scores(firstPurchaseAt DESC, supporterId) WHERE firstPurchaseAt IS NOT NULL;
      CREATE INDEX scores_by_edge ON supporter_scores(edgeAt) WHERE edgeAt IS NOT NULL;
      CREATE INDEX scores_by_segment ON supporter_scores(segment);

      CREATE TABLE engine_pending (
        supporterId TEXT PRIMARY KEY,
        rebuild INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TRIGGER engine_activity_changed AFTER UPDATE ON activities
      WHEN OLD.supporterId IS NOT NEW.supporterId OR OLD.type IS NOT NEW.type OR OLD.at IS NOT NEW.at
        OR OLD.tokens IS NOT NEW.tokens OR OLD.minutes IS NOT NEW.minutes OR OLD.listingId IS NOT NEW.listingId
        OR OLD.online IS NOT NEW.online
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (OLD.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (NEW.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
      END;

      -- SQLite gives a new row max(rowid) + 1, so a delete of the newest rows lets a later insert
      -- reuse a rowid at or below the watermark. Freed rowids are kept so the next catch-up can
      -- look at exactly those rows again; nothing else can hide from the watermark.
      CREATE TABLE engine_freed_rowids (activityRowid INTEGER PRIMARY KEY);

      CREATE TRIGGER engine_activity_deleted AFTER DELETE ON activities
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (OLD.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
        INSERT INTO engine_freed_rowids (activityRowid) VALUES (OLD.rowid) ON CONFLICT(activityRowid) DO NOTHING;
      END;

      CREATE TRIGGER engine_supporter_added AFTER INSERT ON supporters
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (NEW.id, 0) ON CONFLICT(supporterId) DO NOTHING;
      END;

      CREATE TRIGGER engine_supporter_changed AFTER UPDATE ON supporters
      WHEN OLD.fanClubActive IS NOT NEW.fanClubActive OR OLD.id IS NOT NEW.id
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (NEW.id, 0) ON CONFLICT(supporterId) DO NOTHING;
      END;

      CREATE TRIGGER engine_supporter_deleted AFTER DELETE ON supporters
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (OLD.id, 0) ON CONFLICT(supporterId) DO NOTHING;
      END;

      CREATE TABLE supporter_flags (
        supporterId TEXT PRIMARY KEY,
        dmReminderAt INTEGER,
        priorityReplyAt INTEGER
      );
    `);
  },
};
