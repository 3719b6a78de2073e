import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import type { AlertRecord } from '../store/alertStore';
import { actOnAlert, dismissAlert, installAlertService, listAlerts, markAlertRead } from './alertService';
import { activity, creator, DAY_MS, HOUR_MS, hotLeadHistory, iso, listing, MINUTE_MS, NOW, openTestCore, supporter, vipHistory, type Change, type TestCore } from './alertTestKit';

/**
 * What the creator sees when a late, changed or deleted record changes a supporter's history after
 * their alerts were raised (docs/alerts-and-actions.md, "When history changes"): the stored alerts
 * become those of one ordered pass, and an alert that stays keeps its id and the creator's marks.
 */

const opened: TestCore[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

function open(): TestCore {
  const test = openTestCore(tempDir('alert-reconcile-'));
  installAlertService(test.core);
  opened.push(test);
  return test;
}

function stored(test: TestCore, type?: string): AlertRecord[] {
  const rows = test.core.db.prepare('SELECT * FROM alerts ORDER BY createdAt').all() as AlertRecord[];
  return type === undefined ? rows : rows.filter((row) => row.type === type);
}

const effects = { flags: { setDmReminder: () => undefined, setPriorityReply: () => undefined }, outbox: { enqueue: () => 1 } };
const deleteRecord = (record: Change): Change => ({ entity: 'activity', op: 'delete', data: { id: record.data.id } });

describe('an alert that stays keeps its id and the creator’s marks', () => {
  it('a milestone now crossed by an older record moves to it, still read, and is not announced again', async () => {
    const test = open();
    test.apply([creator(), supporter('m'), activity('m', 'gift', NOW - 5 * DAY_MS, { tokens: 950 })]);
    test.apply([activity('m', 'gift', NOW - HOUR_MS, { tokens: 100 })]);
    await test.settle();
    const [milestone] = stored(test, 'milestone_reached');
    if (!milestone) throw new Error('expected a milestone');
    markAlertRead(test.core, milestone.id);
    const announced = test.raised().length;

    test.apply([activity('m', 'gift', NOW - 2 * DAY_MS, { tokens: 100 })]);
    await test.settle();
    expect(stored(test, 'milestone_reached')).toEqual([
      expect.objectContaining({ id: milestone.id, createdAt: NOW - 2 * DAY_MS, expiresAt: NOW - 2 * DAY_MS + 7 * DAY_MS, readAt: NOW }),
    ]);
    expect(test.raised()).toHaveLength(announced);
  });

  it('a late record that takes the cooldown from a dismissed alert takes its place, dismissed', async () => {
    const test = open();
    test.apply([creator(), ...hotLeadHistory('h')]);
    test.apply([activity('h', 'like', NOW - 20 * MINUTE_MS)]);
    await test.settle();
    const [alert] = stored(test, 'hot_lead_active').filter((row) => row.createdAt === NOW - 20 * MINUTE_MS);
    if (!alert) throw new Error('expected a hot lead alert');
    dismissAlert(test.core, alert.id);
    const announced = test.raised().length;

    test.apply([activity('h', 'like', NOW - 50 * MINUTE_MS)]);
    await test.settle();
    const recent = stored(test, 'hot_lead_active').filter((row) => row.createdAt > NOW - HOUR_MS);
    expect(recent).toEqual([expect.objectContaining({ id: alert.id, createdAt: NOW - 50 * MINUTE_MS, dismissedAt: NOW })]);
    expect(test.raised()).toHaveLength(announced);
  });

  it('a trigger whose alert another one took over raises its own again when the history says so', () => {
    // Found at full size (scripts/alertPageSplitCheck.ts --shuffle): a successor keeps the id its
    // trigger's alert was stored under, so the trigger's new alert must take another.
    const test = open();
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('q')]);
    const rsvp = (minutesAgo: number) => activity('q', 'event_registration', NOW - minutesAgo * MINUTE_MS, { listingId: 'l1' });
    const [a, b, c] = [rsvp(10), rsvp(69), rsvp(70)];
    test.apply([a as Change]);
    test.apply([b as Change]);
    // In order: b, then a 59 minutes later (held back). b's alert took over a's, id and all.
    expect(stored(test, 'event_rsvp').map((row) => row.createdAt)).toEqual([NOW - 69 * MINUTE_MS]);
    test.apply([c as Change]);
    // In order: c, b a minute later (held back), a an hour after c (kept).
    expect(stored(test, 'event_rsvp').map((row) => [row.createdAt, row.triggerActivityId])).toEqual([
      [NOW - 70 * MINUTE_MS, c?.data.id],
      [NOW - 10 * MINUTE_MS, a?.data.id],
    ]);
  });

  it('keeps one alert per trigger even when the trigger’s key is held outside the re-judged stretch', () => {
    const test = open();
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('k')]);
    const [a, b] = [activity('k', 'event_registration', NOW - 10 * MINUTE_MS, { listingId: 'l1' }), activity('k', 'event_registration', NOW - 40 * MINUTE_MS, { listingId: 'l1' })];
    test.apply([a]);
    // A stray alert already holding b's key, dated long before anything re-judged (not a state the app makes).
    test.core.db
      .prepare(
        `INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability, timeWindow, createdAt, evaluatedAt, notified)
         VALUES ('al_stray', ?, 'event_rsvp', 'k', 'medium', 'dm_reminder', '{}', 0, 'x', ?, 0, 0)`,
      )
      .run(`event_rsvp:${String(b.data.id)}`, NOW - 30 * DAY_MS);
    // b's alert would take over a's (same occasion), but its key is taken: a's goes and the stray one stands.
    test.apply([b]);
    expect(stored(test, 'event_rsvp').map((row) => row.id)).toEqual(['al_stray']);
  });

  it('a record sent again with a new time moves its alert', () => {
    const test = open();
    const registration = activity('r', 'event_registration', NOW - 2 * HOUR_MS, { listingId: 'l1' });
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('r'), registration]);
    const [before] = stored(test, 'event_rsvp');
    test.apply([{ ...registration, data: { ...registration.data, at: iso(NOW - 30 * MINUTE_MS) } }]);
    expect(stored(test, 'event_rsvp')).toEqual([expect.objectContaining({ id: before?.id, createdAt: NOW - 30 * MINUTE_MS })]);
  });
});

describe('an alert the records no longer raise', () => {
  it('goes, unless the creator acted on it: that one stays as history, out of the cooldown', () => {
    const test = open();
    const online = activity('v', 'presence', NOW - 30 * MINUTE_MS, { online: true });
    const registration = activity('v', 'event_registration', NOW - 20 * MINUTE_MS, { listingId: 'l1' });
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), ...vipHistory('v'), online, registration]);
    const vip = stored(test, 'vip_online')[0];
    if (!vip) throw new Error('expected a vip_online alert');
    expect(actOnAlert(test.core, vip.id, NOW, effects).status).toBe('executed');

    test.apply([deleteRecord(online), deleteRecord(registration)]);
    expect(stored(test, 'event_rsvp')).toEqual([]);
    expect(stored(test, 'vip_online')).toEqual([expect.objectContaining({ id: vip.id, actedAt: NOW, detachedAt: NOW })]);
    // (The 1,500-token gift of the history raised its own spike and milestone, untouched.)
    expect(listAlerts(test.core, { includeAll: true }).map((alert) => `${alert.type}:${alert.id === vip.id}`).sort()).toEqual(['milestone_reached:false', 'spending_spike:false', 'vip_online:true']);

    // The same presence sent again raises a fresh alert: the detached one neither blocks its key nor holds the cooldown.
    test.apply([online]);
    expect(stored(test, 'vip_online').map((row) => [row.id === vip.id, row.detachedAt])).toEqual([
      [true, NOW],
      [false, null],
    ]);
  });

  it('a supporter the platform removes takes their alerts with them, except those acted on', () => {
    const test = open();
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), ...vipHistory('gone'), activity('gone', 'presence', NOW - 30 * MINUTE_MS, { online: true })]);
    test.apply([activity('gone', 'event_registration', NOW - 20 * MINUTE_MS, { listingId: 'l1' })]);
    const vip = stored(test, 'vip_online')[0];
    if (!vip) throw new Error('expected a vip_online alert');
    expect(actOnAlert(test.core, vip.id, NOW, effects).status).toBe('executed');
    expect(stored(test).length).toBeGreaterThan(2);
    test.apply([{ entity: 'supporter', op: 'delete', data: { id: 'gone' } }]);
    expect(stored(test).map((row) => [row.id === vip.id, row.detachedAt])).toEqual([[true, NOW]]);
    expect(test.core.db.prepare('SELECT count(*) FROM alert_judging_state').pluck().get()).toBe(0);
    expect(test.core.db.prepare('SELECT count(*) FROM alert_rejudge').pluck().get()).toBe(0);
  });

  it('a late record judged at its own time raises an alert already expired: stored, not announced', async () => {
    const test = open();
    test.apply([creator(), ...hotLeadHistory('x')]);
    await test.settle();
    const announced = test.raised().length;
    test.apply([activity('x', 'like', NOW - 3 * HOUR_MS)]);
    await test.settle();
    expect(stored(test, 'hot_lead_active').find((row) => row.createdAt === NOW - 3 * HOUR_MS)).toMatchObject({ notified: 0, expiresAt: NOW - HOUR_MS });
    expect(test.raised()).toHaveLength(announced);
  });

  it('a late record whose alert is still live is announced', async () => {
    const test = open();
    test.apply([creator(), supporter('y'), activity('y', 'gift', NOW - 5 * DAY_MS, { tokens: 950 }), activity('y', 'like', NOW - 10 * MINUTE_MS)]);
    await test.settle();
    const announced = test.raised().length;
    test.apply([activity('y', 'gift', NOW - HOUR_MS, { tokens: 100 })]);
    await test.settle();
    // 100 tokens within a day of a quiet month is a spike too.
    expect(test.raised().slice(announced).map((alert) => alert.type)).toEqual(['spending_spike', 'milestone_reached']);
  });
});

describe('the live case', () => {
  it('ends a vip_online alert at the first offline record, however the presence records were paged', () => {
    const records = [
      activity('p', 'presence', NOW - 50 * MINUTE_MS, { online: true }),
      activity('p', 'presence', NOW - 40 * MINUTE_MS, { online: true }),
      activity('p', 'presence', NOW - 30 * MINUTE_MS, { online: false }),
    ];
    const paged = open();
    paged.apply([creator(), ...vipHistory('p')]);
    for (const record of records) paged.apply([record]);
    const batch = open();
    batch.apply([creator(), ...vipHistory('p'), ...records]);
    for (const test of [paged, batch]) expect(stored(test, 'vip_online').map((row) => row.expiresAt)).toEqual([NOW - 30 * MINUTE_MS]);
  });

  it('judges with the fan club flag the supporter has now: a change drops their judging state', () => {
    // A hot lead's week (60) gone offline: a hot lead (70) only with the +10 of an active membership.
    const history = [...hotLeadHistory('f'), activity('f', 'presence', NOW - 30 * MINUTE_MS, { online: false })];
    const membership = (active: boolean): Change => supporter('f', { fanClub: { tier: 'silver', since: iso(NOW - 60 * DAY_MS), renewsAt: iso(NOW + 20 * DAY_MS), active } });
    const likedNow = (test: TestCore) => stored(test, 'hot_lead_active').filter((row) => row.createdAt === NOW - MINUTE_MS).length;
    const like = activity('f', 'like', NOW - MINUTE_MS);

    const member = open();
    member.apply([creator(), ...history]);
    expect(member.core.db.prepare("SELECT fanClubActive FROM alert_judging_state WHERE supporterId = 'f'").pluck().get()).toBe(1);
    member.apply([like]);
    expect(likedNow(member)).toBe(1);

    const lapsed = open();
    lapsed.apply([creator(), ...history]);
    lapsed.apply([membership(false)]);
    expect(lapsed.core.db.prepare("SELECT count(*) FROM alert_judging_state WHERE supporterId = 'f'").pluck().get()).toBe(0);
    lapsed.apply([like]);
    expect(likedNow(lapsed)).toBe(0);
  });

  it('rebuilds a damaged judging state from raw activity instead of failing', () => {
    const test = open();
    test.apply([creator(), supporter('d'), activity('d', 'gift', NOW - 5 * DAY_MS, { tokens: 950 })]);
    test.core.db.prepare("UPDATE alert_judging_state SET state = x'0102' WHERE supporterId = 'd'").run();
    test.apply([activity('d', 'gift', NOW - HOUR_MS, { tokens: 100 })]);
    expect(stored(test, 'milestone_reached').map((row) => row.createdAt)).toEqual([NOW - HOUR_MS]);
    const state = test.core.db.prepare("SELECT length(state) FROM alert_judging_state WHERE supporterId = 'd'").pluck().get() as number;
    expect(state).toBeGreaterThan(2);
  });
});
