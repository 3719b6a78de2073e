import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration008SupporterStateTable } from './migration008SupporterStateTable';

const BEFORE_STEP_8 = ALL_MIGRATIONS.filter((migration) => migration.version < migration008SupporterStateTable.version);
const UP_TO_STEP_8 = ALL_MIGRATIONS.filter((migration) => migration.version <= migration008SupporterStateTable.version);

function insertScore(db: Database.Database, supporterId: string, fields: { segment: string; lifetimeTokens: number; lastActivityAt: number | null }) {
  db.prepare(
    `INSERT INTO supporter_scores (supporterId, engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt,
       firstPurchaseAt, unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature)
     VALUES (?, 3, 1000, 5000, ?, 1, ?, 7, ?, ?, 2, 900, '["l1"]', 40, 55, 12345)`,
  ).run(supporterId, fields.segment, fields.lifetimeTokens, fields.lastActivityAt, fields.lifetimeTokens > 0 ? 100 : null);
}

function insertRollup(db: Database.Database, supporterId: string, lifetimeTokens: number) {
  db.prepare(
    `INSERT INTO supporter_rollups (supporterId, engineVersion, activityCount, maxAt, lifetimeTokens, firstPurchaseAt, lastActivityAt,
       giftsLifetime, lastMatchAt, presenceAt, presenceId, online, lastCreatorMessageAt, unreadCount, registeredListingIds, recent)
     VALUES (?, 3, 4, 800, ?, 100, 800, 1, NULL, 700, 'p1', 1, 900, 2, '["l1"]', ?)`,
  ).run(supporterId, lifetimeTokens, Buffer.from(new Float64Array([1, 2, 3]).buffer));
}

describe('migration 008: supporter state table', () => {
  it('copies every score and rollup into one row per supporter, with either half possibly absent, and the fan club flag with the score', () => {
    const db = new Database(':memory:');
    runMigrations(db, BEFORE_STEP_8);
    insertScore(db, 'both', { segment: 'vip', lifetimeTokens: 1500, lastActivityAt: 800 });
    insertRollup(db, 'both', 1500);
    insertScore(db, 'score-only', { segment: 'cold', lifetimeTokens: 0, lastActivityAt: null });
    insertRollup(db, 'rollup-only', 30);
    const insertSupporter = db.prepare("INSERT INTO supporters (id, handle, firstSeenAt, fanClubActive) VALUES (?, 'fan', 0, ?)");
    insertSupporter.run('both', 1);
    insertSupporter.run('score-only', null);
    runMigrations(db, UP_TO_STEP_8);

    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('supporter_state');
    expect(tables).not.toContain('supporter_scores');
    expect(tables).not.toContain('supporter_rollups');
    const rows = db
      .prepare(
        `SELECT supporterId, segment, lifetimeTokens, lastActivityAt, signature, fanClubActive, rollupVersion, activityCount, rollupLifetimeTokens,
           presenceId, rollupRegisteredListingIds, length(recent) AS recentBytes FROM supporter_state ORDER BY supporterId`,
      )
      .all();
    expect(rows).toEqual([
      { supporterId: 'both', segment: 'vip', lifetimeTokens: 1500, lastActivityAt: 800, signature: 12345, fanClubActive: 1, rollupVersion: 3, activityCount: 4,
        rollupLifetimeTokens: 1500, presenceId: 'p1', rollupRegisteredListingIds: '["l1"]', recentBytes: 24 },
      { supporterId: 'rollup-only', segment: null, lifetimeTokens: null, lastActivityAt: null, signature: null, fanClubActive: null, rollupVersion: 3,
        activityCount: 4, rollupLifetimeTokens: 30, presenceId: 'p1', rollupRegisteredListingIds: '["l1"]', recentBytes: 24 },
      { supporterId: 'score-only', segment: 'cold', lifetimeTokens: 0, lastActivityAt: null, signature: 12345, fanClubActive: 0, rollupVersion: null,
        activityCount: null, rollupLifetimeTokens: null, presenceId: null, rollupRegisteredListingIds: null, recentBytes: null },
    ]);
  });

  it('keeps a rollup-only row out of every tab and membership index', () => {
    const db = new Database(':memory:');
    runMigrations(db, BEFORE_STEP_8);
    insertScore(db, 'both', { segment: 'vip', lifetimeTokens: 1500, lastActivityAt: 800 });
    insertRollup(db, 'both', 1500);
    insertRollup(db, 'rollup-only', 30);
    runMigrations(db, UP_TO_STEP_8);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'supporter_state' AND name LIKE 'scores_%' ORDER BY name")
      .pluck()
      .all() as string[];
    expect(indexes).toEqual([
      'scores_all_tab',
      'scores_by_edge',
      'scores_by_segment',
      'scores_dormant_tab',
      'scores_hot_leads_tab',
      'scores_new_tab',
      'scores_vip_tab',
      'scores_with_purchase',
    ]);
    const where: Record<string, string> = {
      scores_all_tab: 'lifetimeTokens > 0',
      scores_by_edge: 'edgeAt IS NOT NULL',
      scores_by_segment: 'segment IS NOT NULL',
      scores_dormant_tab: "segment = 'dormant'",
      scores_hot_leads_tab: "segment = 'hot_lead'",
      scores_new_tab: 'firstPurchaseAt IS NOT NULL',
      scores_vip_tab: "segment = 'vip'",
      scores_with_purchase: 'firstPurchaseAt IS NOT NULL',
    };
    for (const index of indexes) {
      const members = db.prepare(`SELECT supporterId FROM supporter_state INDEXED BY ${index} WHERE ${where[index]}`).pluck().all();
      expect(members, index).not.toContain('rollup-only');
    }
  });
});
