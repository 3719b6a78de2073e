import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration010ChangeSequence } from './migration010ChangeSequence';

const BEFORE_STEP_10 = ALL_MIGRATIONS.filter((migration) => migration.version < migration010ChangeSequence.version);
const UP_TO_STEP_10 = ALL_MIGRATIONS.filter((migration) => migration.version <= migration010ChangeSequence.version);

const insertActivity = (db: Database.Database, id: string, supporterId: string, tokens = 5) =>
  db.prepare("INSERT INTO activities (id, supporterId, type, at, tokens) VALUES (?, ?, 'gift', 1000, ?)").run(id, supporterId, tokens);
const pending = (db: Database.Database) => db.prepare('SELECT supporterId, rebuild FROM engine_pending ORDER BY supporterId').all();
const names = (db: Database.Database, type: string) => db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').pluck().all(type);

/**
 * A step-9 cache whose engine and alerts have caught up on rowids 1–4, then lost its two newest rows
 * (step 6's trigger lowered the alert watermark to 2 then; the engine's stayed at 4).
 */
function step9Cache(): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db, BEFORE_STEP_10);
  for (const [id, supporterId] of [['a1', 's1'], ['a2', 's1'], ['a3', 's2'], ['a4', 's2']] as const) insertActivity(db, id, supporterId);
  db.prepare("INSERT INTO meta (key, value) VALUES ('engineActivityWatermark', '4')").run();
  db.prepare('UPDATE alert_watermark SET evaluatedRowid = 4').run();
  db.prepare(
    `INSERT INTO supporter_state (supporterId, engineVersion, asOf, segment, online, lifetimeTokens, monthlyTokens, unreadCount,
       conversionProbability, priorityScore, signature, fanClubActive) VALUES ('s1', 1, 900, 'active', 0, 10, 10, 0, 12, 30, 4242, 0)`,
  ).run();
  db.prepare("DELETE FROM activities WHERE id IN ('a3', 'a4')").run();
  db.prepare('DELETE FROM engine_pending').run();
  return db;
}

describe('migration 010: activity change sequence', () => {
  it('keeps every activity under its old rowid as its change sequence number, and every watermark with it', () => {
    const db = step9Cache();
    const before = db.prepare('SELECT rowid, * FROM activities ORDER BY rowid').all();
    runMigrations(db, UP_TO_STEP_10);
    expect(db.prepare('SELECT seq AS rowid, id, supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online, version FROM activities ORDER BY seq').all()).toEqual(before);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'engineActivityWatermark'").pluck().get()).toBe('4');
    expect(db.prepare('SELECT evaluatedSeq FROM alert_watermark').pluck().get()).toBe(2);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('hands out numbers above every watermark, so a row added after the newest were deleted is never below one', () => {
    const db = step9Cache();
    runMigrations(db, UP_TO_STEP_10);
    insertActivity(db, 'a5', 's3');
    // Before step 10 this row took rowid 3, below both watermarks.
    expect(db.prepare("SELECT seq FROM activities WHERE id = 'a5'").pluck().get()).toBe(5);
    db.prepare("DELETE FROM activities WHERE id = 'a5'").run();
    insertActivity(db, 'a6', 's3');
    expect(db.prepare("SELECT seq FROM activities WHERE id = 'a6'").pluck().get()).toBe(6);
  });

  it('queues the owner of a freed rowid that a later insert reused, and drops the freed-rowid table', () => {
    const db = new Database(':memory:');
    runMigrations(db, BEFORE_STEP_10);
    insertActivity(db, 'a1', 's1');
    insertActivity(db, 'a2', 's1');
    db.prepare("INSERT INTO meta (key, value) VALUES ('engineActivityWatermark', '2')").run();
    db.prepare("DELETE FROM activities WHERE id = 'a2'").run();
    db.prepare('DELETE FROM engine_pending').run();
    insertActivity(db, 'b1', 's2'); // reuses rowid 2, below the engine's watermark
    runMigrations(db, UP_TO_STEP_10);
    expect(pending(db)).toEqual([{ supporterId: 's2', rebuild: 1 }]);
    expect(names(db, 'table')).not.toContain('engine_freed_rowids');
  });

  it('keeps the engine triggers on the new table, drops the alert watermark trigger and the score signature', () => {
    const db = step9Cache();
    runMigrations(db, UP_TO_STEP_10);
    expect(names(db, 'trigger')).toEqual(['engine_activity_changed', 'engine_activity_deleted', 'engine_supporter_added', 'engine_supporter_changed', 'engine_supporter_deleted']);
    db.prepare("UPDATE activities SET tokens = 7 WHERE id = 'a1'").run();
    expect(pending(db)).toEqual([{ supporterId: 's1', rebuild: 1 }]);
    db.prepare('DELETE FROM engine_pending').run();
    db.prepare("DELETE FROM activities WHERE id = 'a1'").run();
    expect(pending(db)).toEqual([{ supporterId: 's1', rebuild: 1 }]);
    // No trigger lowers the alert watermark any more: a deleted number is never handed out again.
    expect(db.prepare('SELECT evaluatedSeq FROM alert_watermark').pluck().get()).toBe(2);
    const stateColumns = db.prepare('PRAGMA table_info(supporter_state)').all().map((column) => (column as { name: string }).name);
    expect(stateColumns).not.toContain('signature');
    expect(db.prepare("SELECT segment, lifetimeTokens, priorityScore FROM supporter_state WHERE supporterId = 's1'").get()).toEqual({
      segment: 'active',
      lifetimeTokens: 10,
      priorityScore: 30,
    });
  });

  it('serves the id lookups, a range of the sequence and the fan club flags in id order from indexes', () => {
    const db = step9Cache();
    runMigrations(db, UP_TO_STEP_10);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan("SELECT seq FROM activities WHERE id = 'x'")).toContain('sqlite_autoindex_activities_1 (id=?)');
    expect(plan('SELECT id FROM activities WHERE seq > 1 AND seq <= 9 ORDER BY seq')).toContain('USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
    expect(plan("SELECT id FROM activities WHERE supporterId = 's1' AND at > 0")).toContain('activities_by_supporter_time');
    expect(plan("SELECT id, fanClubActive FROM supporters WHERE id > 'a' ORDER BY id LIMIT 1000")).toContain('COVERING INDEX supporters_fan_club');
  });

  it('numbers a new cache from 1 and keeps the numbers through VACUUM', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO_STEP_10);
    for (const id of ['x1', 'x2', 'x3']) insertActivity(db, id, 's1');
    db.prepare("DELETE FROM activities WHERE id = 'x1'").run();
    db.exec('VACUUM');
    expect(db.prepare('SELECT seq, id FROM activities ORDER BY seq').all()).toEqual([
      { seq: 2, id: 'x2' },
      { seq: 3, id: 'x3' },
    ]);
  });
});
