import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration017AlertHistoryIndex } from './migration017AlertHistoryIndex';

const COLUMNS = 'id, supporterId, type, at, tokens, minutes, online, listingId';
const history = (db: Database.Database, source: 'INDEXED BY activities_by_supporter_time' | 'NOT INDEXED') =>
  db.prepare(`SELECT ${COLUMNS} FROM activities ${source} WHERE supporterId = ? AND at >= ? ORDER BY at, id`).raw();

describe('migration 017: the supporter-time index holds what alert evaluation reads of a record', () => {
  it('indexes the activities already there on upgrade, then every insert, update and delete, and answers a history read alone', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration017AlertHistoryIndex.version));
    const insert = db.prepare('INSERT INTO activities (id, supporterId, type, at, tokens, minutes, online, listingId) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('a1', 's1', 'gift', 3_000, 5, null, null, null);
    insert.run('a2', 's1', 'presence', 1_000, 0, null, 1, null);
    insert.run('a3', 's2', 'live_attendance', 2_000, 0, 45, null, null);
    runMigrations(db, ALL_MIGRATIONS);

    insert.run('a4', 's1', 'event_registration', 500, 3, null, null, 'l1'); // late: before the rows already there
    insert.run('a5', 's1', 'chat_message', 4_000, 0, null, null, null);
    db.prepare("UPDATE activities SET tokens = 7 WHERE id = 'a1'").run();
    db.prepare("DELETE FROM activities WHERE id = 'a5'").run();

    const read = history(db, 'INDEXED BY activities_by_supporter_time');
    expect(read.all('s1', 0)).toEqual([
      ['a4', 's1', 'event_registration', 500, 3, null, null, 'l1'],
      ['a2', 's1', 'presence', 1_000, 0, null, 1, null],
      ['a1', 's1', 'gift', 3_000, 7, null, null, null],
    ]);
    expect(read.all('s2', 0)).toEqual([['a3', 's2', 'live_attendance', 2_000, 0, 45, null, null]]);
    for (const supporterId of ['s1', 's2']) expect(read.all(supporterId, 0)).toEqual(history(db, 'NOT INDEXED').all(supporterId, 0));
    // Every column from the index entry: no visit to the table row.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT ${COLUMNS}, rowid FROM activities WHERE supporterId = 's1' AND at >= 0`).all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('COVERING INDEX activities_by_supporter_time');
  });
});
