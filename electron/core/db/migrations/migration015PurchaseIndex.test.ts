import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration015PurchaseIndex } from './migration015PurchaseIndex';

const insertActivity = (db: Database.Database) => db.prepare('INSERT INTO activities (id, supporterId, type, at, tokens, online) VALUES (?, ?, ?, ?, ?, ?)');
const indexed = (db: Database.Database, index: string, columns: string, condition: string) =>
  db.prepare(`SELECT ${columns} FROM activities INDEXED BY ${index} WHERE ${condition} ORDER BY supporterId, at, seq`).raw().all();
const scanned = (db: Database.Database, columns: string, condition: string) =>
  db.prepare(`SELECT ${columns} FROM activities NOT INDEXED WHERE ${condition} ORDER BY supporterId, at, seq`).raw().all();

const PURCHASE = "tokens > 0 AND type NOT IN ('creator_message', 'presence')";
const RARE = "type IN ('presence', 'match') OR (type IN ('gift', 'live_gift') AND coalesce(tokens, 0) <= 0)";

describe('migration 015: the purchase and rare-scoring indexes', () => {
  it('index the activities already there on upgrade, then every insert, update and delete: exactly the rows of their conditions', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration015PurchaseIndex.version));
    const insert = insertActivity(db);
    insert.run('a1', 's1', 'gift', 3_000, 5, null);
    insert.run('a2', 's1', 'chat_message', 1_000, 0, null);
    insert.run('a3', 's2', 'creator_message', 2_000, 9, null);
    insert.run('a4', 's2', 'presence', 2_500, 0, 1);
    runMigrations(db, ALL_MIGRATIONS);

    insert.run('a5', 's1', 'gift', 500, 2, null); // late: before the rows already there
    insert.run('a6', 's2', 'match', 4_000, 0, null);
    insert.run('a7', 's2', 'ppv_purchase', 4_500, 7, null);
    db.prepare("UPDATE activities SET tokens = 0 WHERE id = 'a1'").run();
    db.prepare("UPDATE activities SET tokens = 4 WHERE id = 'a2'").run();
    db.prepare("DELETE FROM activities WHERE id = 'a7'").run();

    const purchases = indexed(db, 'activities_purchases', 'id, supporterId, at, tokens', PURCHASE);
    expect(purchases).toEqual([
      ['a5', 's1', 500, 2],
      ['a2', 's1', 1_000, 4],
    ]);
    expect(purchases).toEqual(scanned(db, 'id, supporterId, at, tokens', PURCHASE));
    // Presence records, matches and gifts without tokens (a1 lost its tokens): the rest of what the Hot Lead check reads.
    const rare = indexed(db, 'activities_rare_scoring', 'id, type', `(${RARE})`);
    expect(rare).toEqual([
      ['a1', 'gift'],
      ['a4', 'presence'],
      ['a6', 'match'],
    ]);
    expect(rare).toEqual(scanned(db, 'id, type', `(${RARE})`));
  });
});
