import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration012AlertJudgingState } from './migration012AlertJudgingState';

const insertActivity = "INSERT INTO activities (id, supporterId, type, at, tokens) VALUES (?, ?, 'gift', ?, 5)";
const rejudge = (db: Database.Database) => db.prepare('SELECT supporterId, fromAt FROM alert_rejudge ORDER BY supporterId').all();

describe('migration 012: alert judging state', () => {
  it('keeps existing alerts (without the estimate, now worked out when shown) and starts with no judging state', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < migration012AlertJudgingState.version));
    db.prepare(
      `INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability, estimatedRevenue,
         timeWindow, createdAt, evaluatedAt, notified) VALUES ('al_1', 'vip_online:a1', 'vip_online', 's1', 'urgent', 'dm_reminder', '{}', 40, 12, '2h', 1, 1, 1)`,
    ).run();
    runMigrations(db, ALL_MIGRATIONS);
    expect(db.prepare('SELECT id, conversionProbability, detachedAt FROM alerts').all()).toEqual([{ id: 'al_1', conversionProbability: 40, detachedAt: null }]);
    expect((db.prepare('PRAGMA table_info(alerts)').all() as { name: string }[]).map((column) => column.name)).not.toContain('estimatedRevenue');
    expect(db.prepare('SELECT count(*) FROM alert_judging_state').pluck().get()).toBe(0);
  });

  it('drops a supporter’s judging state when their fan club flag changes or they go, and only then', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    const upsert = db.prepare(
      `INSERT INTO supporters (id, handle, firstSeenAt, fanClubActive) VALUES (?, 'h', 0, ?)
       ON CONFLICT(id) DO UPDATE SET handle = excluded.handle, fanClubActive = excluded.fanClubActive`,
    );
    const state = db.prepare("INSERT INTO alert_judging_state (supporterId, frontierAt, frontierId, fanClubActive, state) VALUES (?, 1, 'a', 0, x'00')");
    const states = () => db.prepare('SELECT supporterId FROM alert_judging_state ORDER BY supporterId').pluck().all();
    for (const id of ['s1', 's2', 's3']) {
      upsert.run(id, null);
      state.run(id);
    }
    upsert.run('s1', null);
    expect(states()).toEqual(['s1', 's2', 's3']);
    upsert.run('s1', 1);
    db.prepare("DELETE FROM supporters WHERE id = 's2'").run();
    expect(states()).toEqual(['s3']);
  });

  it('queues a re-judge from the earliest time a judged history changed: deletes and real updates, not a record sent again unchanged', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    db.prepare(insertActivity).run('a', 's1', 500);
    db.prepare(insertActivity).run('b', 's1', 300);
    db.prepare(insertActivity).run('c', 's2', 900);
    expect(rejudge(db)).toEqual([]);

    // The update the change store runs for a record sent again: same values, nothing to re-judge.
    db.prepare("UPDATE activities SET type = 'gift', at = 500, tokens = 5 WHERE id = 'a'").run();
    expect(rejudge(db)).toEqual([]);

    db.prepare("DELETE FROM activities WHERE id = 'a'").run();
    db.prepare("DELETE FROM activities WHERE id = 'b'").run();
    expect(rejudge(db)).toEqual([{ supporterId: 's1', fromAt: 300 }]);

    // A record moved to another supporter and time: both supporters, from the earlier of its two times.
    db.prepare("UPDATE activities SET supporterId = 's3', at = 950 WHERE id = 'c'").run();
    expect(rejudge(db)).toEqual([
      { supporterId: 's1', fromAt: 300 },
      { supporterId: 's2', fromAt: 900 },
      { supporterId: 's3', fromAt: 900 },
    ]);
    db.prepare("UPDATE activities SET tokens = 50 WHERE id = 'c'").run();
    expect(rejudge(db)).toEqual([
      { supporterId: 's1', fromAt: 300 },
      { supporterId: 's2', fromAt: 900 },
      { supporterId: 's3', fromAt: 900 },
    ]);
  });
});
