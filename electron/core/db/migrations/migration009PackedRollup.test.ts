import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration009PackedRollup } from './migration009PackedRollup';

const UP_TO_STEP_8 = ALL_MIGRATIONS.filter((migration) => migration.version < migration009PackedRollup.version);
const UP_TO_STEP_9 = ALL_MIGRATIONS.filter((migration) => migration.version <= migration009PackedRollup.version);

/** The rollup half of a supporter's row after step 9, its blob read as the doubles step 9 wrote (no application code). */
function rollupOf(db: Database.Database, supporterId: string) {
  const row = db
    .prepare<[string], { rollupVersion: number | null; rollup: Buffer | null; presenceId: string | null; rollupRegisteredListingIds: string | null }>(
      'SELECT rollupVersion, rollup, presenceId, rollupRegisteredListingIds FROM supporter_state WHERE supporterId = ?',
    )
    .get(supporterId);
  if (row === undefined || row.rollupVersion === null) return null;
  const blob = row.rollup as Buffer;
  return { ...row, rollup: Array.from(new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength))) };
}

/** A step-8 row: a score (when `segment` is given) and a rollup (when `activityCount` is). */
function insertStep8Row(
  db: Database.Database,
  supporterId: string,
  row: { segment?: string; lifetimeTokens?: number; firstPurchaseAt?: number | null; activityCount?: number; maxAt?: number | null; recent?: number[] },
) {
  const scored = row.segment !== undefined;
  const rolled = row.activityCount !== undefined;
  db.prepare(
    `INSERT INTO supporter_state (supporterId, engineVersion, asOf, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt,
       firstPurchaseAt, unreadCount, lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, signature, fanClubActive,
       rollupVersion, activityCount, maxAt, rollupLifetimeTokens, rollupFirstPurchaseAt, rollupLastActivityAt, giftsLifetime, lastMatchAt,
       presenceAt, presenceId, rollupOnline, rollupLastCreatorMessageAt, rollupUnreadCount, rollupRegisteredListingIds, recent)
     VALUES (@supporterId, @v, @asOf, @edgeAt, @segment, @one, @lifetimeTokens, @seven, @lastActivityAt, @firstPurchaseAt, @two, @nine, @listing,
       @forty, @fiftyFive, @signature, @one,
       @rv, @activityCount, @maxAt, @rollupLifetimeTokens, @rollupFirstPurchaseAt, 800, 3, NULL, @presenceAt, @presenceId, 1, 900, 2, @listings, @recent)`,
  ).run({
    supporterId,
    // The score's columns are all NULL without a score (step 8).
    v: scored ? 3 : null,
    asOf: scored ? 1000 : null,
    edgeAt: scored ? 5000 : null,
    segment: row.segment ?? null,
    one: scored ? 1 : null,
    lifetimeTokens: scored ? (row.lifetimeTokens ?? 0) : null,
    seven: scored ? 7 : null,
    lastActivityAt: scored ? 800 : null,
    firstPurchaseAt: scored ? (row.firstPurchaseAt ?? null) : null,
    two: scored ? 2 : null,
    nine: scored ? 900 : null,
    listing: scored ? '["l1"]' : null,
    forty: scored ? 40 : null,
    fiftyFive: scored ? 55 : null,
    signature: scored ? 12345 : null,
    rollupLifetimeTokens: rolled ? (row.lifetimeTokens ?? 0) : null,
    rollupFirstPurchaseAt: rolled ? (row.firstPurchaseAt ?? null) : null,
    rv: rolled ? 3 : null,
    activityCount: row.activityCount ?? null,
    maxAt: row.maxAt ?? null,
    presenceAt: rolled ? 700 : null,
    presenceId: rolled ? 'p1' : null,
    listings: rolled ? '["l1","l2"]' : null,
    recent: rolled && row.recent ? Buffer.from(new Float64Array(row.recent).buffer) : null,
  });
}

describe('migration 009: packed rollup', () => {
  it('re-encodes every rollup into one blob of its eleven numbers (null as NaN) and its entries, and keeps the scores', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO_STEP_8);
    insertStep8Row(db, 'both', { segment: 'vip', lifetimeTokens: 1500, firstPurchaseAt: 100, activityCount: 4, maxAt: 800, recent: [6400, 10, 6408.5, 0] });
    insertStep8Row(db, 'rollup-only', { activityCount: 1, maxAt: null });
    insertStep8Row(db, 'score-only', { segment: 'cold' });
    runMigrations(db, UP_TO_STEP_9);

    // activityCount, maxAt, lifetimeTokens, firstPurchaseAt, lastActivityAt, giftsLifetime, lastMatchAt,
    // presenceAt, online, lastCreatorMessageAt, unreadCount; then the entries.
    expect(rollupOf(db, 'both')).toEqual({
      rollupVersion: 3,
      rollup: [4, 800, 1500, 100, 800, 3, Number.NaN, 700, 1, 900, 2, 6400, 10, 6408.5, 0],
      presenceId: 'p1',
      rollupRegisteredListingIds: '["l1","l2"]',
    });
    expect(rollupOf(db, 'rollup-only')?.rollup).toEqual([1, Number.NaN, 0, Number.NaN, 800, 3, Number.NaN, 700, 1, 900, 2]);
    expect(rollupOf(db, 'score-only')).toBeNull();
    const scores = db
      .prepare('SELECT supporterId, segment, lifetimeTokens, firstPurchaseAt, signature, fanClubActive, registeredListingIds FROM supporter_state ORDER BY supporterId')
      .all();
    expect(scores).toEqual([
      { supporterId: 'both', segment: 'vip', lifetimeTokens: 1500, firstPurchaseAt: 100, signature: 12345, fanClubActive: 1, registeredListingIds: '["l1"]' },
      { supporterId: 'rollup-only', segment: null, lifetimeTokens: null, firstPurchaseAt: null, signature: null, fanClubActive: null, registeredListingIds: null },
      { supporterId: 'score-only', segment: 'cold', lifetimeTokens: 0, firstPurchaseAt: null, signature: 12345, fanClubActive: 1, registeredListingIds: '["l1"]' },
    ]);
  });

  it('keys the All tab on a first purchase (the same supporters as positive lifetime tokens) and keeps a rollup-only row out of every index', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO_STEP_8);
    insertStep8Row(db, 'buyer', { segment: 'active', lifetimeTokens: 20, firstPurchaseAt: 100, activityCount: 2, maxAt: 800 });
    insertStep8Row(db, 'browser', { segment: 'active', lifetimeTokens: 0, activityCount: 2, maxAt: 800 });
    insertStep8Row(db, 'rollup-only', { activityCount: 1, maxAt: 800 });
    runMigrations(db, UP_TO_STEP_9);

    const allTab = db.prepare('SELECT supporterId FROM supporter_state INDEXED BY scores_all_tab WHERE firstPurchaseAt IS NOT NULL').pluck().all();
    expect(allTab).toEqual(db.prepare('SELECT supporterId FROM supporter_state WHERE lifetimeTokens > 0').pluck().all());
    expect(allTab).toEqual(['buyer']);
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'supporter_state' AND name LIKE 'scores_%'")
      .all() as { name: string; sql: string }[];
    expect(indexes.map((index) => index.name).sort()).toEqual([
      'scores_all_tab',
      'scores_by_edge',
      'scores_by_segment',
      'scores_dormant_tab',
      'scores_hot_leads_tab',
      'scores_new_tab',
      'scores_vip_tab',
      'scores_with_purchase',
    ]);
    for (const { name, sql } of indexes) {
      const where = sql.slice(sql.indexOf(' WHERE ') + 7);
      expect(db.prepare(`SELECT supporterId FROM supporter_state INDEXED BY ${name} WHERE ${where}`).pluck().all(), name).not.toContain('rollup-only');
    }
  });
});
