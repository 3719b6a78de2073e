import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';

const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
const indexNames = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'supporter_scores' ORDER BY name").pluck().all();

/** Step 7 as released; step 8 moved the scores into `supporter_state`. */
const UP_TO_STEP_7 = ALL_MIGRATIONS.filter((migration) => migration.version <= 7);

describe('migration 007: purchase membership index', () => {
  it('replaces the membership index of step 5 with one keyed on the first purchase', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < 7));
    expect(indexNames(db)).toContain('scores_with_spend');
    runMigrations(db, UP_TO_STEP_7);
    expect(indexNames(db)).not.toContain('scores_with_spend');
    expect(
      plan(db, "SELECT 1 FROM supporter_scores INDEXED BY scores_with_purchase WHERE supporterId = 's1' AND firstPurchaseAt IS NOT NULL"),
    ).toContain('USING INDEX scores_with_purchase (supporterId=?)');
  });

  it('holds exactly the supporters with lifetime tokens, as scores store them', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO_STEP_7);
    const insert = db.prepare(`INSERT INTO supporter_scores (supporterId, engineVersion, asOf, segment, online, lifetimeTokens, monthlyTokens,
      firstPurchaseAt, unreadCount, conversionProbability, priorityScore, signature) VALUES (?, 1, 0, 'active', 0, ?, 0, ?, 0, 0, 0, 0)`);
    insert.run('buyer', 25, 1_000);
    insert.run('browser', 0, null);
    const members = db
      .prepare('SELECT supporterId FROM supporter_scores INDEXED BY scores_with_purchase WHERE firstPurchaseAt IS NOT NULL ORDER BY supporterId')
      .pluck()
      .all();
    expect(members).toEqual(db.prepare('SELECT supporterId FROM supporter_scores WHERE lifetimeTokens > 0 ORDER BY supporterId').pluck().all());
    expect(members).toEqual(['buyer']);
  });
});
