import type Database from 'better-sqlite3';
import type { Migration } from '../migration';
import { encodeStep9RollupBlob } from './migration009RollupBlob';

/** The score's columns, as step 8 defined them and in its order. */
const SCORE_COLUMNS = `engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt, firstPurchaseAt,
  unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature, fanClubActive`;

/** Step 8's rollup columns whose numbers go into the blob, in `SupporterRollup` order. */
type Step8RollupRow = [
  supporterId: string,
  activityCount: number,
  maxAt: number | null,
  lifetimeTokens: number,
  firstPurchaseAt: number | null,
  lastActivityAt: number | null,
  giftsLifetime: number,
  lastMatchAt: number | null,
  presenceAt: number | null,
  online: number,
  lastCreatorMessageAt: number | null,
  unreadCount: number,
  recent: Buffer | null,
];

const COPY_ROWS_PER_READ = 5_000;

/**
 * The incremental recompute's row write, made cheaper (issue 8).
 *
 * 1. The rollup's thirteen numeric columns become one blob (`store/rollupBlob.ts`). A sync page of
 *    1,000 new activities rewrites 1,000 random `supporter_state` rows; SQLite reads every column of
 *    a row to rewrite it, and binding fifteen values per rollup cost more than binding one.
 * 2. The All tab's index is partial on `firstPurchaseAt IS NOT NULL` instead of
 *    `lifetimeTokens > 0` (the same supporters: tokens are never negative, so a first purchase is
 *    what makes them positive) and holds `firstPurchaseAt` instead of `lifetimeTokens`. Nearly every new activity
 *    changes lifetime tokens and most leave the last activity as it was, so most writes no longer
 *    move an entry of this index.
 *
 * The rows are copied, rollups re-encoded in place, so an upgraded workspace needs no engine pass
 * (dropping the derived rows instead would cost a rebuild from raw activity at the first open: about
 * 12 s at 100,000 supporters). The blob is written by this step's own frozen copy of the encoder
 * (`migration009RollupBlob.ts`), never by application code: issue 18.
 */
export const migration009PackedRollup: Migration = {
  version: 9,
  name: 'packed rollup',
  up(db) {
    db.exec(`
      CREATE TABLE supporter_state_packed (
        supporterId TEXT PRIMARY KEY,
        -- The score at asOf, valid until edgeAt (SPEC §3–5), and the fan club flag it was computed
        -- with; all NULL while the supporter has none (see step 8).
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
        signature INTEGER,
        fanClubActive INTEGER,
        -- The rollup of the supporter's raw activity: its engine version, its numbers and windowed
        -- entries as one blob (store/rollupBlob.ts), and its two text fields; all NULL while they have none.
        rollupVersion INTEGER,
        rollup BLOB,
        presenceId TEXT,
        rollupRegisteredListingIds TEXT
      );
      INSERT INTO supporter_state_packed (supporterId, ${SCORE_COLUMNS}, rollupVersion, presenceId, rollupRegisteredListingIds)
        SELECT supporterId, ${SCORE_COLUMNS}, rollupVersion, presenceId, rollupRegisteredListingIds FROM supporter_state ORDER BY supporterId;
    `);
    packRollups(db);
    db.exec(`
      DROP TABLE supporter_state;
      ALTER TABLE supporter_state_packed RENAME TO supporter_state;

      CREATE INDEX scores_vip_tab ON supporter_state(lifetimeTokens DESC, supporterId) WHERE segment = 'vip';
      CREATE INDEX scores_hot_leads_tab ON supporter_state(conversionProbability DESC, lifetimeTokens DESC, supporterId)
        WHERE segment = 'hot_lead';
      -- firstPurchaseAt, last, keeps the index covering for its own condition (SQLite reads the
      -- column to check it); it changes once per supporter, unlike lifetime tokens.
      CREATE INDEX scores_all_tab ON supporter_state(lastActivityAt DESC, supporterId, firstPurchaseAt) WHERE firstPurchaseAt IS NOT NULL;
      CREATE INDEX scores_dormant_tab ON supporter_state(lastActivityAt DESC, supporterId) WHERE segment = 'dormant';
      CREATE INDEX scores_new_tab ON supporter_state(firstPurchaseAt DESC, supporterId) WHERE firstPurchaseAt IS NOT NULL;
      CREATE INDEX scores_by_edge ON supporter_state(edgeAt) WHERE edgeAt IS NOT NULL;
      CREATE INDEX scores_by_segment ON supporter_state(segment) WHERE segment IS NOT NULL;
      CREATE INDEX scores_with_purchase ON supporter_state(supporterId) WHERE firstPurchaseAt IS NOT NULL;
    `);
  },
};

/** Encodes every step-8 rollup into the new table's blob, a few thousand rows per read (one connection cannot write while it iterates). */
function packRollups(db: Database.Database): void {
  const read = db
    .prepare<[string, number], Step8RollupRow>(
      `SELECT supporterId, activityCount, maxAt, rollupLifetimeTokens, rollupFirstPurchaseAt, rollupLastActivityAt, giftsLifetime,
         lastMatchAt, presenceAt, rollupOnline, rollupLastCreatorMessageAt, rollupUnreadCount, recent
       FROM supporter_state WHERE supporterId > ? AND rollupVersion IS NOT NULL ORDER BY supporterId LIMIT ?`,
    )
    .raw();
  const write = db.prepare('UPDATE supporter_state_packed SET rollup = ? WHERE supporterId = ?');
  let after = '';
  for (;;) {
    const rows = read.all(after, COPY_ROWS_PER_READ) as unknown as Step8RollupRow[];
    for (const [supporterId, activityCount, maxAt, lifetimeTokens, firstPurchaseAt, lastActivityAt, giftsLifetime, lastMatchAt, presenceAt, online, lastCreatorMessageAt, unreadCount, recent] of rows) {
      const blob = encodeStep9RollupBlob({
        activityCount,
        maxAt,
        lifetimeTokens,
        firstPurchaseAt,
        lastActivityAt,
        giftsLifetime,
        lastMatchAt,
        presenceAt,
        online: online === 1,
        lastCreatorMessageAt,
        unreadCount,
        recent: recent === null ? new Float64Array(0) : new Float64Array(recent.buffer.slice(recent.byteOffset, recent.byteOffset + recent.byteLength)),
      });
      write.run(blob, supporterId);
    }
    if (rows.length < COPY_ROWS_PER_READ) return;
    after = (rows.at(-1) as Step8RollupRow)[0];
  }
}
