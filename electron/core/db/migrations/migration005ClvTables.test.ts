import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration005ClvTables } from './migration005ClvTables';

function plan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
}

describe('migration 005: customer-base model tables', () => {
  it('is in the list, after the alerts and actions step', () => {
    expect(ALL_MIGRATIONS).toContain(migration005ClvTables);
    const versions = ALL_MIGRATIONS.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((p, q) => p - q));
    expect(versions.filter((version) => version === 5)).toHaveLength(1);
  });

  it('adds its tables on top of an existing cache without touching its data', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration005ClvTables.version));
    db.prepare("INSERT INTO activities (id, supporterId, type, at, tokens) VALUES ('a1', 's1', 'gift', 1, 5)").run();
    runMigrations(db, ALL_MIGRATIONS);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    expect(tables).toEqual(expect.arrayContaining(['clv_fit', 'clv_supporters']));
    expect(db.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(1);
  });

  it('keeps a single fit row', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    const insert = db.prepare(
      "INSERT INTO clv_fit (id, fittedAt, fitMs, refitMs, supportersFitted, repeatSupporters, backtest) VALUES (?, 1, 1, 1, 0, 0, '{}')",
    );
    insert.run(1);
    expect(() => insert.run(2)).toThrow(/CHECK/);
    expect(() => insert.run(1)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('orders supporters by each model figure from an index, "not enough data" (NULL) last', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    const insert = db.prepare('INSERT INTO clv_supporters VALUES (?, 2, 0, ?, ?, ?)');
    insert.run('a', 0.2, 1, 10);
    insert.run('b', null, null, null);
    insert.run('c', 0.9, 2, 5);
    const sql = 'SELECT supporterId FROM clv_supporters ORDER BY chanceActive DESC, supporterId';
    expect(db.prepare(sql).pluck().all()).toEqual(['c', 'a', 'b']);
    expect(plan(db, sql)).toContain('clv_by_chance_active');
    expect(plan(db, 'SELECT supporterId FROM clv_supporters ORDER BY expectedTokens30d DESC, supporterId')).toContain('clv_by_expected_tokens');
  });

  it('indexes All-tab membership (lifetime tokens > 0) by supporter (replaced by step 7)', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version <= 5));
    expect(
      plan(db, "SELECT 1 FROM supporter_scores INDEXED BY scores_with_spend WHERE supporterId = 's1' AND lifetimeTokens > 0"),
    ).toContain('USING INDEX scores_with_spend (supporterId=?)');
  });
});
