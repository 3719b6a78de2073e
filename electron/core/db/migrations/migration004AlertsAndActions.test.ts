import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration004AlertsAndActions } from './migration004AlertsAndActions';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db, ALL_MIGRATIONS);
  return db;
}

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
}

const insertActivity = `INSERT INTO activities (id, supporterId, type, at, tokens) VALUES (?, 's1', 'gift', 1000, 5)
  ON CONFLICT(id) DO UPDATE SET tokens = excluded.tokens`;

describe('migration 004: alerts and actions', () => {
  it('is in the list, after the engine tables', () => {
    expect(ALL_MIGRATIONS).toContain(migration004AlertsAndActions);
    expect(ALL_MIGRATIONS.indexOf(migration004AlertsAndActions)).toBeGreaterThan(1);
  });

  it('creates the alert, queue and action-log tables on top of the earlier steps', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration004AlertsAndActions.version));
    db.prepare("INSERT INTO activities (id, supporterId, type, at) VALUES ('before', 's1', 'like', 1)").run();
    runMigrations(db, ALL_MIGRATIONS);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['alerts', 'alert_pending_activities', 'crm_actions']));
    // Rows that existed before the step are history, not new activity.
    expect(db.prepare('SELECT count(*) AS n FROM alert_pending_activities').get()).toEqual({ n: 0 });
  });

  it('queued an activity for alerts when it was inserted, not when a replay updated it (until step 6)', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version <= migration004AlertsAndActions.version));
    db.prepare(insertActivity).run('a1');
    db.prepare(insertActivity).run('a1');
    db.prepare(insertActivity).run('a2');
    expect(db.prepare('SELECT activityId FROM alert_pending_activities ORDER BY activityId').pluck().all()).toEqual(['a1', 'a2']);
    db.prepare('DELETE FROM alert_pending_activities').run();
    db.prepare(insertActivity).run('a1');
    expect(db.prepare('SELECT count(*) FROM alert_pending_activities').pluck().get()).toBe(0);
  });

  it('keeps one alert per trigger (unique dedupe key) and only the four action statuses', () => {
    const db = migrated();
    // (Without estimatedRevenue, which step 13 dropped.)
    const insert = db.prepare(`INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability,
      timeWindow, createdAt, evaluatedAt, notified) VALUES (?, ?, 'vip_online', 's1', 'urgent', 'dm_reminder', '{}', 1, '2h', 1, 1, 1)`);
    insert.run('al_1', 'vip_online:a1');
    expect(() => insert.run('al_2', 'vip_online:a1')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO crm_actions (id, supporterId, type, status, requestedAt) VALUES ('x', 's1', 'dm_reminder', 'sent', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('serves the hot queries from indexes', () => {
    const db = migrated();
    expect(plan(db, 'SELECT count(*) FROM alerts WHERE supporterId = ? AND type = ? AND createdAt > ? AND createdAt < ?', 's', 't', 0, 1)).toContain(
      'alerts_by_supporter_type_time',
    );
    expect(plan(db, 'SELECT * FROM alerts ORDER BY createdAt DESC, id DESC LIMIT 100')).toContain('alerts_by_time');
    expect(
      plan(db, "SELECT count(*) FROM crm_actions WHERE supporterId = ? AND type = ? AND requestedAt > ? AND requestedAt <= ? AND status IN ('pending', 'executed')", 's', 't', 0, 1),
    ).toContain('crm_actions_by_supporter_type');
    expect(plan(db, "SELECT count(*) FROM crm_actions WHERE requestedAt > ? AND requestedAt <= ? AND status <> 'rejected'", 0, 1)).toContain('crm_actions_by_time');
    expect(plan(db, "SELECT * FROM crm_actions WHERE status = 'executed' AND outcomeMeasuredAt IS NULL ORDER BY requestedAt LIMIT 500")).toContain(
      'crm_actions_open_windows',
    );
  });
});
