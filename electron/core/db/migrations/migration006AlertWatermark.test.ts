import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration006AlertWatermark } from './migration006AlertWatermark';

const insertActivity = "INSERT INTO activities (id, supporterId, type, at) VALUES (?, 's1', 'like', 1)";
/** Step 6 as released (step 10 moved the watermark onto the change sequence and dropped its trigger). */
const UP_TO_STEP_6 = ALL_MIGRATIONS.filter((migration) => migration.version <= migration006AlertWatermark.version);
const watermark = (db: Database.Database) => db.prepare('SELECT evaluatedRowid FROM alert_watermark').pluck().get();

describe('migration 006: alert watermark', () => {
  it('starts the watermark at the newest row and keeps activity still queued by step 4', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration006AlertWatermark.version));
    db.prepare(insertActivity).run('queued-1');
    db.prepare(insertActivity).run('queued-2');
    db.prepare("DELETE FROM alert_pending_activities WHERE activityId = 'queued-1'").run();
    runMigrations(db, UP_TO_STEP_6);
    expect(watermark(db)).toBe(2);
    expect(db.prepare('SELECT activityId FROM alert_pending_activities').pluck().all()).toEqual(['queued-2']);
    // New rows are found by rowid now, not queued.
    db.prepare(insertActivity).run('new');
    expect(db.prepare('SELECT count(*) FROM alert_pending_activities').pluck().get()).toBe(1);
  });

  it('lowers the watermark when the newest rows are deleted, so a reused rowid stays above it', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO_STEP_6);
    for (const id of ['a', 'b', 'c']) db.prepare(insertActivity).run(id);
    db.prepare('UPDATE alert_watermark SET evaluatedRowid = 3').run();
    db.prepare("DELETE FROM activities WHERE id = 'b'").run();
    expect(watermark(db)).toBe(3);
    db.prepare("DELETE FROM activities WHERE id = 'c'").run();
    expect(watermark(db)).toBe(1);
    db.prepare(insertActivity).run('d');
    expect(db.prepare("SELECT rowid FROM activities WHERE id = 'd'").pluck().get()).toBe(2);
  });
});
