import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../db/allMigrations';
import { runMigrations } from '../db/runMigrations';
import { compareNowOrder } from '../engine/inbox/nowOrder';
import { NOW_GROUP_SEEK_FROM, NowQueueStore } from './nowQueueStore';

interface StateRow {
  supporterId: string;
  segment: string | null;
  firstPurchaseAt: number | null;
  priorityScore: number;
  online: number;
  unreadCount: number;
}

/** A workspace's `supporter_state` with only what the queue's key is computed from. */
function workspace(rows: readonly StateRow[]): { db: Database.Database; store: NowQueueStore } {
  const db = new Database(':memory:');
  runMigrations(db, ALL_MIGRATIONS);
  const insert = db.prepare(
    'INSERT INTO supporter_state (supporterId, segment, firstPurchaseAt, priorityScore, online, unreadCount) VALUES (@supporterId, @segment, @firstPurchaseAt, @priorityScore, @online, @unreadCount)',
  );
  db.transaction(() => rows.forEach((row) => insert.run(row)))();
  return { db, store: new NowQueueStore(db) };
}

/** SPEC §11's stored part of the score, and the queue's order, computed here from the rows themselves. */
function expectedOrder(rows: readonly StateRow[], excluded: ReadonlySet<string>): string[] {
  return rows
    .filter((row) => row.segment !== null && row.firstPurchaseAt !== null && !excluded.has(row.supporterId))
    .map((row) => ({ supporterId: row.supporterId, nowScore: row.priorityScore + 25 * row.online + 4 * Math.min(row.unreadCount, 5), priorityScore: row.priorityScore }))
    .sort(compareNowOrder)
    .map((row) => row.supporterId);
}

const stateRows = (size: number, seed: number): StateRow[] => {
  // mulberry32: a small seeded generator whose low bits are as random as its high ones.
  let state = seed;
  const next = (max: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % max;
  };
  return Array.from({ length: size }, (_, index) => ({
    supporterId: `s${String(index).padStart(5, '0')}${index % 7 === 0 ? 'é' : ''}`,
    segment: next(10) === 0 ? null : 'active',
    firstPurchaseAt: next(4) === 0 ? null : 1,
    // Few distinct values, so key groups are long and pages cross them.
    priorityScore: next(6) * 10,
    online: next(2),
    unreadCount: next(8),
  }));
};

describe('NowQueueStore', () => {
  it('property: deep pages read from their key group equal the same rows of the whole order, with supporters left out, before and after changes', () => {
    const rows = stateRows(3 * NOW_GROUP_SEEK_FROM + 77, 11);
    const { db, store } = workspace(rows);
    const check = (current: readonly StateRow[]) =>
      fc.assert(
        fc.property(fc.subarray(current.map((row) => row.supporterId), { maxLength: 40 }), fc.nat(current.length), fc.integer({ min: 1, max: 100 }), (excluded, offset, limit) => {
          const expected = expectedOrder(current, new Set(excluded));
          expect(store.page(excluded, offset, limit, {}).map((row) => row.supporterId)).toEqual(expected.slice(offset, offset + limit));
        }),
        { numRuns: 150 },
      );
    // Most supporters are members, so deep offsets reach past several key groups.
    expect(expectedOrder(rows, new Set()).length).toBeGreaterThan(2 * NOW_GROUP_SEEK_FROM);
    check(rows);
    expect(store.count({})).toBe(expectedOrder(rows, new Set()).length);

    // A change anywhere (scores moved, members in and out, a row deleted): the groups follow, through the triggers.
    const changed = rows.map((row, index) => (index % 5 === 0 ? { ...row, priorityScore: (row.priorityScore + 30) % 60, firstPurchaseAt: index % 10 === 0 ? null : 1 } : row));
    const update = db.prepare('UPDATE supporter_state SET priorityScore = @priorityScore, firstPurchaseAt = @firstPurchaseAt WHERE supporterId = @supporterId');
    db.transaction(() => changed.forEach((row, index) => index % 5 === 0 && update.run(row)))();
    const deleted = changed[3] as StateRow;
    db.prepare('DELETE FROM supporter_state WHERE supporterId = ?').run(deleted.supporterId);
    const remaining = changed.filter((row) => row !== deleted);
    check(remaining);
    // The size the triggers keep is the index's count.
    expect(store.count({})).toBe(expectedOrder(remaining, new Set()).length);
    expect(store.count({})).toBe(db.prepare('SELECT count(*) FROM supporter_state WHERE nowKey IS NOT NULL').pluck().get());
  });

  it('property: a page’s open alerts, read from migration 16’s index, are exactly the alerts open at now (undismissed, created, not expired)', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    const store = new NowQueueStore(db);
    const insert = db.prepare(
      `INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability, timeWindow, createdAt, expiresAt, evaluatedAt, notified, dismissedAt)
       VALUES (@id, @id, 'vip_online', @supporterId, @priority, 'thank_you', '{}', 50, 'today', @createdAt, @expiresAt, @createdAt, 0, @dismissedAt)`,
    );
    const moment = fc.integer({ min: 0, max: 20 });
    const alert = fc.record({
      supporterId: fc.constantFrom('s1', 's2', 's3', 's4'),
      priority: fc.constantFrom('urgent', 'high', 'medium', 'low'),
      createdAt: moment,
      expiresAt: fc.option(moment),
      dismissedAt: fc.option(moment),
    });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    fc.assert(
      fc.property(fc.array(alert, { maxLength: 40 }), fc.subarray(['s1', 's2', 's3', 's4', 's5']), moment, (alerts, page, now) => {
        db.prepare('DELETE FROM alerts').run();
        alerts.forEach((fields, index) => insert.run({ id: `a${index}`, ...fields }));
        const expected = db
          .prepare(
            `SELECT supporterId, id, type, priority, createdAt, expiresAt FROM alerts NOT INDEXED
             WHERE supporterId IN (SELECT value FROM json_each(@ids)) AND dismissedAt IS NULL AND createdAt <= @now AND (expiresAt IS NULL OR expiresAt > @now)`,
          )
          .all({ ids: JSON.stringify(page), now }) as { id: string }[];
        // A supporter named twice is still read once.
        expect(store.openAlerts([...page, ...page], now).sort(byId)).toEqual(expected.sort(byId));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the queue size through the engine writer’s upsert and its deletes of whole rows', () => {
    const { db, store } = workspace(stateRows(50, 3));
    const upsert = db.prepare(
      `INSERT INTO supporter_state (supporterId, segment, firstPurchaseAt, priorityScore, online, unreadCount) VALUES (?, 'vip', ?, 10, 0, 0)
       ON CONFLICT(supporterId) DO UPDATE SET segment = excluded.segment, firstPurchaseAt = excluded.firstPurchaseAt`,
    );
    for (let index = 0; index < 60; index += 1) upsert.run(`s${String(index).padStart(5, '0')}${index % 7 === 0 ? 'é' : ''}`, index % 3 === 0 ? null : 5);
    db.prepare('UPDATE supporter_state SET nowAlertBonus = 15 WHERE firstPurchaseAt IS NULL AND rowid % 2 = 0').run();
    const counted = () => db.prepare('SELECT count(*) FROM supporter_state WHERE nowKey IS NOT NULL').pluck().get();
    expect(store.count({})).toBe(counted());
    db.prepare('DELETE FROM supporter_state').run();
    expect(store.count({})).toBe(0);
  });
});
