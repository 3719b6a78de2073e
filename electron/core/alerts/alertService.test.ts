import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { averageSpendPerActiveWeek, estimatedTokensFor, EXPECTED_IMPACT_LOOKBACK_DAYS } from '../actions/expectedImpact';
import { createCoreServices } from '../createCoreServices';
import { actOnAlert, dismissAlert, evaluateNewActivity, installAlertService, listAlerts, markAlertRead, runAlertSweep } from './alertService';
import {
  activity,
  creator,
  DAY_MS,
  HOUR_MS,
  hotLeadHistory,
  listing,
  MINUTE_MS,
  NOW,
  openTestCore,
  supporter,
  vipHistory,
  type Change,
  type TestCore,
} from './alertTestKit';

const opened: TestCore[] = [];

function open(options: { now?: number; install?: (test: TestCore) => void } = {}): TestCore {
  const test = openTestCore(tempDir(), options.now ?? NOW);
  (options.install ?? ((t) => installAlertService(t.core)))(test);
  opened.push(test);
  return test;
}

afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

describe('each alert type fires from crafted records (SPEC §8)', () => {
  it('vip_online: a VIP coming online raises an urgent alert with the handle only, ending when they go offline', async () => {
    const test = open();
    test.apply([creator(), ...vipHistory('v1')]);
    await test.settle();
    expect(test.raised()).toEqual([]);

    const online = activity('v1', 'presence', NOW - 10 * MINUTE_MS, { online: true });
    test.apply([online]);
    await test.settle();
    expect(test.raised()).toEqual([
      { id: expect.stringMatching(/^al_/), type: 'vip_online', priority: 'urgent', supporterId: 'v1', message: 'VIP @fan_v1 just came online' },
    ]);
    expect(test.events.some((event) => event.kind === 'data_changed' && event.reason === 'alerts')).toBe(true);
    const [alert] = listAlerts(test.core, {});
    expect(alert).toMatchObject({
      type: 'vip_online',
      supporterId: 'v1',
      priority: 'urgent',
      suggestedAction: 'dm_reminder',
      actionable: true,
      createdAt: new Date(NOW - 10 * MINUTE_MS).toISOString(),
      expiresAt: new Date(NOW - 10 * MINUTE_MS + 2 * HOUR_MS).toISOString(),
      readAt: null,
      dismissedAt: null,
    });
    expect(alert?.metadata).toEqual({ conversionProbability: expect.any(Number), estimatedRevenue: expect.any(Number), timeWindow: 'while online, at most 2 hours' });
    // One gift in their lifetime (gifting 2 × 0.3) and online (+10): 10.6 → 11. The 1500 tokens were
    // spent 20 days ago, in one active week of the last 90 days; this week is active too: 750 a week.
    expect(alert?.metadata.conversionProbability).toBe(11);
    expect(alert?.metadata.estimatedRevenue).toBe(Math.round(0.11 * 750));

    test.apply([activity('v1', 'presence', NOW - 5 * MINUTE_MS, { online: false })]);
    expect(listAlerts(test.core, {})).toEqual([]);
    expect(listAlerts(test.core, { includeAll: true })[0]?.expiresAt).toBe(new Date(NOW - 5 * MINUTE_MS).toISOString());
  });

  it('vip_online does not fire for a supporter who is not a VIP, nor for a second "online" while already online', async () => {
    const test = open();
    test.apply([creator(), ...vipHistory('small', 300)]);
    test.apply([activity('small', 'presence', NOW - MINUTE_MS, { online: true })]);
    test.apply([...vipHistory('v2'), activity('v2', 'presence', NOW - 30 * MINUTE_MS, { online: true })]);
    test.apply([activity('v2', 'presence', NOW - MINUTE_MS, { online: true })]);
    await test.settle();
    expect(test.raised().map((alert) => [alert.type, alert.supporterId])).toEqual([['vip_online', 'v2']]);
  });

  it('hot_lead_active: a hot lead doing anything raises a high alert', async () => {
    const test = open();
    test.apply([creator(), ...hotLeadHistory('h1')]);
    await test.settle();
    const before = test.raised().length;
    test.apply([activity('h1', 'like', NOW - MINUTE_MS)]);
    await test.settle();
    const raised = test.raised().slice(before);
    expect(raised).toEqual([expect.objectContaining({ type: 'hot_lead_active', priority: 'high', message: 'Hot lead @fan_h1 liked your content' })]);
    expect(listAlerts(test.core, {}).find((alert) => alert.type === 'hot_lead_active')?.expiresAt).toBe(new Date(NOW - MINUTE_MS + 2 * HOUR_MS).toISOString());
  });

  it('dormant_reactivation: a dormant supporter viewing the profile, judged on the segment before the view', async () => {
    const test = open();
    test.apply([creator(), supporter('d1'), activity('d1', 'chat_message', NOW - 10 * DAY_MS, { tokens: 20 })]);
    test.apply([activity('d1', 'profile_view', NOW - MINUTE_MS)]);
    await test.settle();
    // After the view they are active again; the alert still fires because they were dormant before it.
    expect(test.raised()).toEqual([expect.objectContaining({ type: 'dormant_reactivation', priority: 'medium', message: '@fan_d1 viewed your profile after 9 days away' })]);
    const alert = listAlerts(test.core, {})[0];
    expect(alert?.expiresAt).toBe(new Date(NOW - MINUTE_MS + DAY_MS).toISOString());
    // A profile view from an active supporter raises nothing.
    test.apply([activity('d1', 'profile_view', NOW)]);
    await test.settle();
    expect(test.raised()).toHaveLength(1);
  });

  it('spending_spike: 24 h spend ≥ 3 × the daily average of the 30 days before and ≥ 100, once per spike', async () => {
    const test = open();
    const history = [creator(), supporter('s1')];
    for (let day = 2; day <= 31; day += 1) history.push(activity('s1', 'gift', NOW - day * DAY_MS, { tokens: 30 }));
    test.apply(history);
    // 80 tokens in 24 h is below 100; 3 × 30 = 90 is below it too.
    test.apply([activity('s1', 'gift', NOW - 3 * HOUR_MS, { tokens: 80 })]);
    await test.settle();
    expect(test.raised().filter((alert) => alert.type === 'spending_spike')).toEqual([]);
    test.apply([activity('s1', 'gift', NOW - 2 * HOUR_MS, { tokens: 40 })]);
    test.apply([activity('s1', 'gift', NOW - MINUTE_MS, { tokens: 500 })]);
    await test.settle();
    const spikes = test.raised().filter((alert) => alert.type === 'spending_spike');
    expect(spikes).toEqual([expect.objectContaining({ priority: 'high', message: '@fan_s1 spent 120 tokens in the last 24 hours — say thank you' })]);
    expect(listAlerts(test.core, {}).find((alert) => alert.type === 'spending_spike')?.expiresAt).toBe(new Date(NOW - 2 * HOUR_MS + 48 * HOUR_MS).toISOString());
  });

  it('spending_spike needs 3 × the baseline: a big regular spender is not spiking', async () => {
    const test = open();
    const history = [creator(), supporter('big')];
    for (let day = 2; day <= 31; day += 1) history.push(activity('big', 'gift', NOW - day * DAY_MS, { tokens: 100 }));
    test.apply(history);
    test.apply([activity('big', 'gift', NOW - MINUTE_MS, { tokens: 250 })]);
    await test.settle();
    expect(test.raised().filter((alert) => alert.type === 'spending_spike')).toEqual([]);
  });

  it('fan_club_renewal_due: the hourly sweep raises it within 3 days of renewsAt, once per renewal date', () => {
    const renewsAt = NOW + 2 * DAY_MS;
    const membership = (at: number) => ({ fanClub: { tier: 'gold', since: '2025-01-01T00:00:00Z', renewsAt: new Date(at).toISOString(), active: true } });
    const test = open();
    test.apply([creator(), supporter('f1', membership(renewsAt)), supporter('f2', membership(NOW + 5 * DAY_MS))]);
    expect(listAlerts(test.core, {})).toEqual([]);
    expect(runAlertSweep(test.core, NOW).raised).toBe(1);
    const [alert] = listAlerts(test.core, {});
    expect(alert).toMatchObject({
      type: 'fan_club_renewal_due',
      supporterId: 'f1',
      priority: 'medium',
      message: "@fan_f1's Gold membership renews on Dec 5",
      createdAt: new Date(NOW).toISOString(),
      expiresAt: new Date(renewsAt).toISOString(),
    });
    expect(runAlertSweep(test.core, NOW + HOUR_MS).raised).toBe(0);
    expect(runAlertSweep(test.core, NOW + 2 * DAY_MS + HOUR_MS).raised).toBe(1);
    expect(listAlerts(test.core, { includeAll: true }, NOW + 2 * DAY_MS + HOUR_MS).map((a) => a.supporterId).sort()).toEqual(['f1', 'f2']);
    // The next renewal date is a new trigger.
    test.apply([supporter('f1', membership(renewsAt + 30 * DAY_MS))]);
    expect(runAlertSweep(test.core, renewsAt + 28 * DAY_MS).raised).toBe(1);
  });

  it('event_rsvp: a registration raises a medium alert that expires when the listing starts', async () => {
    const test = open();
    const startsAt = NOW + 5 * DAY_MS;
    test.apply([creator(), listing('l1', startsAt, 'Summer meet & greet'), supporter('e1')]);
    test.apply([activity('e1', 'event_registration', NOW - MINUTE_MS, { listingId: 'l1', tokens: 15 })]);
    await test.settle();
    expect(test.raised()).toEqual([expect.objectContaining({ type: 'event_rsvp', priority: 'medium', message: '@fan_e1 registered for “Summer meet & greet” — confirm their spot' })]);
    expect(listAlerts(test.core, {})[0]?.expiresAt).toBe(new Date(startsAt).toISOString());
  });

  it('milestone_reached: crossing 1,000 lifetime tokens raises a low alert once, even if more records follow', async () => {
    const test = open();
    test.apply([creator(), supporter('m1'), activity('m1', 'gift', NOW - 5 * DAY_MS, { tokens: 950 })]);
    await test.settle();
    expect(test.raised()).toEqual([]);
    test.apply([activity('m1', 'gift', NOW - MINUTE_MS, { tokens: 100 })]);
    test.apply([activity('m1', 'gift', NOW, { tokens: 10 })]);
    await test.settle();
    const milestones = test.raised().filter((alert) => alert.type === 'milestone_reached');
    expect(milestones).toEqual([expect.objectContaining({ priority: 'low', message: '@fan_m1 passed 1,000 lifetime tokens — celebrate it' })]);
    expect(listAlerts(test.core, {}).find((alert) => alert.type === 'milestone_reached')?.expiresAt).toBe(new Date(NOW - MINUTE_MS + 7 * DAY_MS).toISOString());
  });

  it('milestone_reached names the highest threshold crossed at once', async () => {
    const test = open();
    test.apply([creator(), supporter('m2'), activity('m2', 'gift', NOW - MINUTE_MS, { tokens: 12_000 })]);
    await test.settle();
    expect(test.raised().filter((alert) => alert.type === 'milestone_reached').map((alert) => alert.message)).toEqual([
      '@fan_m2 passed 10,000 lifetime tokens — celebrate it',
    ]);
  });
});

describe('cooldown, expiry and replays', () => {
  it('holds back a second alert of the same type for the same supporter within the cooldown (a setting)', async () => {
    const test = open();
    test.apply([creator(), ...hotLeadHistory('h2')]);
    test.apply([activity('h2', 'like', NOW - 50 * MINUTE_MS)]);
    test.apply([activity('h2', 'like', NOW - 20 * MINUTE_MS)]);
    await test.settle();
    expect(test.raised().filter((alert) => alert.type === 'hot_lead_active')).toHaveLength(1);
    test.clock.now = NOW + 20 * MINUTE_MS;
    test.apply([activity('h2', 'like', NOW + 15 * MINUTE_MS)]);
    await test.settle();
    expect(test.raised().filter((alert) => alert.type === 'hot_lead_active')).toHaveLength(2);

    // Within one page too: the second record is held back by the alert the first one just raised.
    const samePage = open();
    samePage.apply([creator(), ...hotLeadHistory('h4')]);
    samePage.apply([activity('h4', 'like', NOW - 50 * MINUTE_MS), activity('h4', 'like', NOW - 20 * MINUTE_MS)]);
    await samePage.settle();
    expect(samePage.raised().filter((alert) => alert.type === 'hot_lead_active')).toHaveLength(1);

    const short = open();
    short.core.stores.settings.update({ alertCooldownMinutes: 0 });
    short.apply([creator(), ...hotLeadHistory('h3')]);
    short.apply([activity('h3', 'like', NOW - 50 * MINUTE_MS)]);
    short.apply([activity('h3', 'like', NOW - 49 * MINUTE_MS)]);
    await short.settle();
    expect(short.raised().filter((alert) => alert.type === 'hot_lead_active')).toHaveLength(2);
  });

  it('stores an alert that was already expired when evaluated (old history) without announcing it', async () => {
    const test = open({ now: NOW + 40 * DAY_MS });
    // A first sync of old history: the VIP came online 40 days before the clock.
    test.apply([creator(), ...vipHistory('old'), activity('old', 'presence', NOW - MINUTE_MS, { online: true })]);
    await test.settle();
    expect(test.raised()).toEqual([]);
    expect(test.events.filter((event) => event.kind === 'alerts_raised')).toEqual([]);
    expect(listAlerts(test.core, {})).toEqual([]);
    const stored = listAlerts(test.core, { includeAll: true }).filter((alert) => alert.type === 'vip_online');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.actionable).toBe(false);
    // Seen from the moment it happened (the CLI's --now), it is a current alert.
    expect(listAlerts(test.core, {}, NOW).map((alert) => alert.type)).toContain('vip_online');
  });

  it('never fires twice for one trigger when the same page is applied again', async () => {
    const test = open();
    const page = [creator(), ...vipHistory('r1'), activity('r1', 'presence', NOW - MINUTE_MS, { online: true }), activity('r1', 'gift', NOW - MINUTE_MS, { tokens: 5000 })];
    test.apply(page);
    await test.settle();
    const first = listAlerts(test.core, { includeAll: true }).map((alert) => alert.id).sort();
    expect(first.length).toBeGreaterThan(0);
    const announced = test.raised().length;
    test.core.stores.settings.update({ alertCooldownMinutes: 0 });
    test.apply(page);
    test.apply(page);
    await test.settle();
    expect(listAlerts(test.core, { includeAll: true }).map((alert) => alert.id).sort()).toEqual(first);
    expect(test.raised()).toHaveLength(announced);
    // Even a record deleted and applied again (a new insert) cannot raise its alert twice.
    const presence = page[5] as Change;
    test.apply([{ entity: 'activity', op: 'delete', data: { id: presence.data.id } }]);
    test.apply([presence]);
    await test.settle();
    expect(listAlerts(test.core, { includeAll: true }).map((alert) => alert.id).sort()).toEqual(first);
  });

  it('gives the same alerts whether the engine recompute runs before or after alert evaluation in the transaction', async () => {
    const page = [creator(), ...vipHistory('o1'), supporter('o2'), activity('o2', 'chat_message', NOW - 10 * DAY_MS), ...hotLeadHistory('o3')];
    const triggers = [
      activity('o1', 'presence', NOW - MINUTE_MS, { online: true }),
      activity('o2', 'profile_view', NOW - MINUTE_MS),
      activity('o3', 'gift', NOW - MINUTE_MS, { tokens: 2000 }),
    ];
    const results = [];
    for (const engineFirst of [true, false]) {
      const test = open({
        install: (t) => {
          if (engineFirst) createCoreServices(t.core, { observers: 'engine' });
          installAlertService(t.core);
          if (!engineFirst) createCoreServices(t.core, { observers: 'engine' });
        },
      });
      test.apply(page);
      test.apply(triggers);
      await test.settle();
      results.push(listAlerts(test.core, { includeAll: true }).map((alert) => `${alert.createdAt} ${alert.type}:${alert.supporterId}`).sort());
    }
    const triggered = new Date(NOW - MINUTE_MS).toISOString();
    expect(results[0]?.filter((line) => line.startsWith(triggered)).map((line) => line.split(' ')[1])).toEqual([
      'dormant_reactivation:o2',
      'hot_lead_active:o3',
      'milestone_reached:o3',
      'spending_spike:o3',
      'vip_online:o1',
    ]);
    expect(results[1]).toEqual(results[0]);
  });

  it('the sweep judges activity an import left waiting (no observer), at the sweep time', () => {
    const test = open({ install: () => undefined });
    test.apply([creator(), ...vipHistory('w1'), activity('w1', 'presence', NOW - MINUTE_MS, { online: true })]);
    expect(listAlerts(test.core, { includeAll: true })).toEqual([]);
    expect(runAlertSweep(test.core, NOW).raised).toBe(1);
    expect(listAlerts(test.core, {}).map((alert) => alert.type)).toEqual(['vip_online']);
  });

  it('judges activity of a supporter the platform has not sent yet once they arrive', async () => {
    const test = open();
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), activity('late', 'event_registration', NOW - HOUR_MS, { listingId: 'l1' })]);
    expect(listAlerts(test.core, { includeAll: true })).toEqual([]);
    test.apply([supporter('late')]);
    await test.settle();
    expect(listAlerts(test.core, {}).map((alert) => `${alert.type}:${alert.supporterId}`)).toEqual(['event_rsvp:late']);
  });

  it('still judges a record that reuses the rowid of deleted newest rows (and drops the deleted record’s alert)', async () => {
    const test = open();
    const first = activity('re', 'event_registration', NOW - 2 * HOUR_MS, { listingId: 'l1' });
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('re'), first]);
    expect(listAlerts(test.core, { includeAll: true }).map((alert) => alert.createdAt)).toEqual([new Date(NOW - 2 * HOUR_MS).toISOString()]);
    // In one page: SQLite gives the new row max(rowid) + 1, the deleted row's rowid, which the
    // watermark had already passed. The deleted registration raises nothing any more.
    test.apply([{ entity: 'activity', op: 'delete', data: { id: first.data.id } }, activity('re', 'event_registration', NOW - HOUR_MS, { listingId: 'l1' })]);
    await test.settle();
    expect(listAlerts(test.core, { includeAll: true }).map((alert) => alert.createdAt)).toEqual([new Date(NOW - HOUR_MS).toISOString()]);
  });

  it('gives the same alerts from the batch in memory, from one page read back, or from many small pages', () => {
    const page = [creator(), ...vipHistory('p1'), ...hotLeadHistory('p2'), activity('p1', 'presence', NOW - MINUTE_MS, { online: true })];
    page.push(activity('p2', 'gift', NOW - MINUTE_MS, { tokens: 2000 }), activity('p1', 'presence', NOW - 30 * 1000, { online: false }));
    const listed = (test: TestCore) => listAlerts(test.core, { includeAll: true }).map((alert) => `${alert.type}:${alert.supporterId}:${alert.expiresAt}`).sort();
    const results = [100_000, 3].map((pageRows) => {
      const test = open({ install: () => undefined });
      test.apply(page);
      test.core.db.transaction(() => evaluateNewActivity(test.core, NOW, { pageRows }))();
      return listed(test);
    });
    const observed = open();
    observed.apply(page);
    expect(results[0]?.length).toBeGreaterThan(2);
    expect(results[1]).toEqual(results[0]);
    expect(listed(observed)).toEqual(results[0]);
  });

  it('estimates the impact from the 90 days before the trigger, spend older than the judged timeline included', async () => {
    const test = open();
    const spentLongAgo = [activity('ei', 'gift', NOW - 60 * DAY_MS, { tokens: 300 }), activity('ei', 'gift', NOW - 45 * DAY_MS, { tokens: 100 })];
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('ei'), ...spentLongAgo]);
    test.apply([activity('ei', 'chat_message', NOW - 2 * HOUR_MS), activity('ei', 'event_registration', NOW - HOUR_MS, { listingId: 'l1' })]);
    await test.settle();
    const [alert] = listAlerts(test.core, {}).filter((view) => view.type === 'event_rsvp');
    const at = NOW - HOUR_MS;
    const spend = test.core.stores.actionLog.spendRows('ei', at - EXPECTED_IMPACT_LOOKBACK_DAYS * DAY_MS, at);
    // 400 tokens over 3 active weeks, scaled by the conversion probability at the trigger.
    expect(averageSpendPerActiveWeek(spend, at)).toBeCloseTo(400 / 3);
    expect(alert?.metadata.estimatedRevenue).toBe(estimatedTokensFor(alert?.metadata.conversionProbability ?? -1, 400 / 3));
    expect(alert?.metadata.estimatedRevenue).toBeGreaterThan(0);
  });

  it('leaves a record dated after now waiting until its time comes', () => {
    const test = open();
    test.apply([creator(), ...vipHistory('fut'), activity('fut', 'presence', NOW + HOUR_MS, { online: true })]);
    expect(listAlerts(test.core, { includeAll: true }).filter((alert) => alert.type === 'vip_online')).toEqual([]);
    // It waits without being read again by every page until its time comes.
    expect(test.core.stores.alerts.waitingActivities(NOW)).toEqual([]);
    expect(test.core.stores.alerts.waitingActivities(NOW + HOUR_MS).map((row) => row.type)).toEqual(['presence']);
    test.clock.now = NOW + 2 * HOUR_MS;
    expect(runAlertSweep(test.core).raised).toBe(1);
  });
});

describe('read, dismiss, act', () => {
  it('marks read, dismisses (leaving the default view) and acts by running the suggested action', async () => {
    const test = open();
    test.apply([creator(), ...vipHistory('a1'), activity('a1', 'presence', NOW - MINUTE_MS, { online: true }), ...vipHistory('a2'), activity('a2', 'presence', NOW - MINUTE_MS, { online: true })]);
    const [first, second] = listAlerts(test.core, {});
    if (!first || !second) throw new Error('expected two alerts');
    expect(markAlertRead(test.core, first.id).readAt).toBe(new Date(NOW).toISOString());
    expect(listAlerts(test.core, { unreadOnly: true }).map((alert) => alert.id)).toEqual([second.id]);
    const effects = { flags: { setDmReminder: () => undefined, setPriorityReply: () => undefined }, outbox: { enqueue: () => 1 } };
    const acted = actOnAlert(test.core, first.id, NOW, effects);
    expect(acted).toMatchObject({ status: 'executed', expectedImpact: { timeWindow: '24 hours' } });
    expect(listAlerts(test.core, {}).find((alert) => alert.id === first.id)?.actionable).toBe(false);
    expect(actOnAlert(test.core, first.id, NOW, effects)).toMatchObject({ status: 'rejected', reason: 'You already acted on this alert.' });
    expect(test.core.stores.actionLog.list(10).map((action) => [action.type, action.supporterId, action.sourceAlertId])).toEqual([['dm_reminder', first.supporterId, first.id]]);
    expect(dismissAlert(test.core, second.id).dismissedAt).toBe(new Date(NOW).toISOString());
    expect(listAlerts(test.core, {}).map((alert) => alert.id)).toEqual([first.id]);
    expect(actOnAlert(test.core, second.id, NOW, effects)).toMatchObject({ status: 'rejected', reason: 'This alert was dismissed.' });
    expect(() => markAlertRead(test.core, 'al_nope')).toThrow(/no alert/);
  });
});
