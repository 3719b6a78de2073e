import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001InitialSchema } from './migration001InitialSchema';
import { migration002EngineTables } from './migration002EngineTables';
import { runMigrations } from '../runMigrations';

function migratedWithData() {
  const db = new Database(':memory:');
  runMigrations(db, [migration001InitialSchema]);
  db.exec(`
    INSERT INTO supporters (id, handle, firstSeenAt) VALUES ('s1', 'one', 0);
    INSERT INTO activities (id, supporterId, type, at, tokens) VALUES ('a1', 's1', 'gift', 10, 5), ('a2', 's1', 'like', 20, 0);
  `);
  expect(runMigrations(db, [migration001InitialSchema, migration002EngineTables])).toEqual({ from: 1, to: 2 });
  return db;
}

const pending = (db: Database.Database) => db.prepare('SELECT supporterId, rebuild FROM engine_pending ORDER BY supporterId').all();

describe('migration 002: engine tables', () => {
  it('adds the derived tables, the tab indexes and the flags table to a cache that already holds data', () => {
    const db = migratedWithData();
    const names = (type: string) =>
      (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((row) => row.name);
    expect(names('table')).toEqual(expect.arrayContaining(['supporter_rollups', 'supporter_scores', 'supporter_flags', 'engine_pending', 'engine_freed_rowids']));
    expect(names('index')).toEqual(
      expect.arrayContaining(['scores_vip_tab', 'scores_hot_leads_tab', 'scores_all_tab', 'scores_dormant_tab', 'scores_new_tab', 'scores_by_edge']),
    );
    const flagColumns = (db.prepare('PRAGMA table_info(supporter_flags)').all() as { name: string }[]).map((column) => column.name);
    expect(flagColumns).toEqual(['supporterId', 'dmReminderAt', 'priorityReplyAt']);
    // Existing data is left for the engine's first run (its version is not in meta yet).
    expect(db.prepare('SELECT count(*) AS n FROM activities').get()).toEqual({ n: 2 });
    expect(pending(db)).toEqual([]);
  });

  it('queues a supporter whose activity changed, not one whose record was replayed unchanged', () => {
    const db = migratedWithData();
    db.prepare("UPDATE activities SET tokens = 5 WHERE id = 'a1'").run();
    expect(pending(db)).toEqual([]);
    db.prepare("UPDATE activities SET tokens = 7 WHERE id = 'a1'").run();
    expect(pending(db)).toEqual([{ supporterId: 's1', rebuild: 1 }]);
  });

  it('queues both owners when an activity moves to another supporter', () => {
    const db = migratedWithData();
    db.prepare("UPDATE activities SET supporterId = 's2' WHERE id = 'a2'").run();
    expect(pending(db)).toEqual([
      { supporterId: 's1', rebuild: 1 },
      { supporterId: 's2', rebuild: 1 },
    ]);
  });

  it('remembers the rowid a delete freed, so a reused rowid is looked at again', () => {
    const db = migratedWithData();
    const rowid = (db.prepare("SELECT rowid AS r FROM activities WHERE id = 'a2'").get() as { r: number }).r;
    db.prepare("DELETE FROM activities WHERE id = 'a2'").run();
    expect(pending(db)).toEqual([{ supporterId: 's1', rebuild: 1 }]);
    expect(db.prepare('SELECT activityRowid FROM engine_freed_rowids').pluck().all()).toEqual([rowid]);
  });

  it('queues a new supporter and one whose fan club status changed, for a rescore only', () => {
    const db = migratedWithData();
    db.prepare("INSERT INTO supporters (id, handle, firstSeenAt) VALUES ('s3', 'three', 0)").run();
    db.prepare("UPDATE supporters SET handle = 'renamed' WHERE id = 's1'").run();
    expect(pending(db)).toEqual([{ supporterId: 's3', rebuild: 0 }]);
    db.prepare("UPDATE supporters SET fanClubActive = 1 WHERE id = 's1'").run();
    expect(pending(db)).toEqual([
      { supporterId: 's1', rebuild: 0 },
      { supporterId: 's3', rebuild: 0 },
    ]);
  });
});
