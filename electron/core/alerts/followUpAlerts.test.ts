import { afterEach, describe, expect, it } from 'vitest';
import { describeAlertCounts, planCatchUpSummary, planNotification } from '../../../shared/notifications/planAlertNotifications';
import { tempDir } from '../../../tests/support/tempDir';
import { addFollowUp, cancelFollowUp, cancelSnooze, snoozeSupporter } from '../memory/followUpsAndSnoozes';
import { actOnAlert, dismissAlert, installAlertService, listAlerts, runAlertSweep } from './alertService';
import { activity, creator, DAY_MS, HOUR_MS, iso, MINUTE_MS, NOW, openTestCore, supporter, vipHistory, type TestCore } from './alertTestKit';
import { FIRST_SWEEP_DELAY_MS, scheduleAlertSweeps } from './scheduleAlertSweeps';

const SECRET = 'Pomegranatequill ask about the exam';

const opened: TestCore[] = [];

function open(): TestCore {
  const test = openTestCore(tempDir(), NOW);
  installAlertService(test.core);
  opened.push(test);
  test.apply([creator(), supporter('s1'), activity('s1', 'gift', NOW - 2 * DAY_MS, { tokens: 40 }), supporter('s2')]);
  return test;
}

afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

/** A follow-up written at the test clock's time. */
function followUp(test: TestCore, supporterId: string, dueAt: number, text: string | undefined = SECRET): string {
  return addFollowUp(test.core, supporterId, iso(dueAt), text).followUpId;
}

function sweepAt(test: TestCore, at: number): void {
  test.clock.now = at;
  runAlertSweep(test.core, at);
}

const followUpAlerts = (test: TestCore, includeAll = true) => listAlerts(test.core, { includeAll }).filter((alert) => alert.type === 'follow_up_due');

/** What a sync wave's last-writer-wins write does to a follow-up moved on another machine. */
function moveFollowUp(test: TestCore, followUpId: string, dueAt: number, at: number): void {
  test.core.db.prepare('UPDATE follow_ups SET dueAt = ?, updatedAt = ?, version = version + 1 WHERE id = ?').run(dueAt, at, followUpId);
}

describe('follow_up_due alerts (SPEC §13)', () => {
  it('raises nothing before the time; at T one high alert suggesting a message reminder, expiring 24 h later, naming the supporter only', () => {
    const test = open();
    const due = NOW + 3 * HOUR_MS;
    followUp(test, 's1', due);
    sweepAt(test, due - MINUTE_MS);
    expect(followUpAlerts(test)).toEqual([]);
    expect(test.raised()).toEqual([]);

    sweepAt(test, due);
    const [alert, ...others] = followUpAlerts(test, false);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      type: 'follow_up_due',
      supporterId: 's1',
      priority: 'high',
      suggestedAction: 'dm_reminder',
      message: 'Your follow-up with @fan_s1 is due',
      createdAt: iso(due),
      expiresAt: iso(due + DAY_MS),
      readAt: null,
      metadata: { timeWindow: '24 hours' },
    });
    expect(test.raised()).toEqual([{ id: alert?.id, type: 'follow_up_due', priority: 'high', supporterId: 's1', message: 'Your follow-up with @fan_s1 is due' }]);
    // The OS notification is the alert's own: its click opens the profile, and the text is nowhere.
    expect(planNotification(test.raised())).toMatchObject({ title: 'Follow-up due', body: 'Your follow-up with @fan_s1 is due', route: { page: 'supporter', supporterId: 's1' } });
    // In a summary it is counted by type, like the others.
    const milestone = { id: 'al_other', type: 'milestone_reached', priority: 'low', supporterId: 's2', message: '@fan_s2 passed 1,000 lifetime tokens — celebrate it' } as const;
    const summary = planCatchUpSummary('opening', [...test.raised(), milestone]);
    expect(summary?.body).toBe('1 follow-up due · 1 milestone');
    expect(describeAlertCounts([...test.raised(), ...test.raised()])).toBe('2 follow-ups due');
    const everything = JSON.stringify([listAlerts(test.core, { includeAll: true }), test.events, planNotification(test.raised()), summary]);
    for (const word of SECRET.split(' ')) if (word.length > 4) expect(everything).not.toContain(word);
  });

  it('is raised once per follow-up: later sweeps, a dismissal or an action raise it no second time', () => {
    const test = open();
    const due = NOW + HOUR_MS;
    followUp(test, 's1', due);
    sweepAt(test, due + MINUTE_MS);
    sweepAt(test, due + 2 * HOUR_MS);
    const [alert] = followUpAlerts(test);
    expect(followUpAlerts(test)).toHaveLength(1);
    dismissAlert(test.core, alert?.id ?? '', due + 2 * HOUR_MS);
    sweepAt(test, due + 3 * HOUR_MS);
    expect(followUpAlerts(test)).toHaveLength(1);
    expect(test.raised()).toHaveLength(1);
  });

  it('two follow-ups for one supporter at the same time each raise their alert (no cooldown: each was asked for)', () => {
    const test = open();
    followUp(test, 's1', NOW + HOUR_MS);
    followUp(test, 's1', NOW + HOUR_MS, undefined);
    sweepAt(test, NOW + HOUR_MS);
    expect(followUpAlerts(test)).toHaveLength(2);
  });

  it('a follow-up cancelled before its time raises nothing; cleared after its time, its alert goes with it', () => {
    const test = open();
    const early = followUp(test, 's1', NOW + HOUR_MS);
    const late = followUp(test, 's2', NOW + HOUR_MS);
    test.clock.now = NOW + 30 * MINUTE_MS;
    cancelFollowUp(test.core, early);
    sweepAt(test, NOW + HOUR_MS);
    expect(followUpAlerts(test).map((alert) => alert.supporterId)).toEqual(['s2']);
    expect(test.raised().map((alert) => alert.supporterId)).toEqual(['s2']);

    test.clock.now = NOW + 2 * HOUR_MS;
    cancelFollowUp(test.core, late);
    sweepAt(test, NOW + 2 * HOUR_MS);
    expect(followUpAlerts(test)).toEqual([]);
  });

  it('an alert the creator acted on stays as history when its follow-up is cleared', () => {
    const test = open();
    const id = followUp(test, 's1', NOW + HOUR_MS);
    sweepAt(test, NOW + HOUR_MS);
    const [alert] = followUpAlerts(test);
    expect(actOnAlert(test.core, alert?.id ?? '', NOW + HOUR_MS).status).toBe('executed');
    cancelFollowUp(test.core, id);
    sweepAt(test, NOW + 2 * HOUR_MS);
    expect(followUpAlerts(test)).toMatchObject([{ id: alert?.id, supporterId: 's1' }]);
    // Kept as history, so a new follow-up at the same time for the same supporter still raises its own.
    followUp(test, 's1', NOW + 3 * HOUR_MS);
    sweepAt(test, NOW + 3 * HOUR_MS);
    expect(followUpAlerts(test)).toHaveLength(2);
  });

  it('a follow-up moved to a new time raises at the new time, not the old; moved after it fired, it raises again there', () => {
    const test = open();
    const id = followUp(test, 's1', NOW + HOUR_MS);
    moveFollowUp(test, id, NOW + 5 * HOUR_MS, NOW + 10 * MINUTE_MS);
    sweepAt(test, NOW + 2 * HOUR_MS);
    expect(followUpAlerts(test)).toEqual([]);
    sweepAt(test, NOW + 5 * HOUR_MS);
    expect(followUpAlerts(test).map((alert) => alert.createdAt)).toEqual([iso(NOW + 5 * HOUR_MS)]);

    // "Remind me again tomorrow": today's alert goes, tomorrow's comes.
    moveFollowUp(test, id, NOW + DAY_MS, NOW + 6 * HOUR_MS);
    sweepAt(test, NOW + 6 * HOUR_MS);
    expect(followUpAlerts(test)).toEqual([]);
    sweepAt(test, NOW + DAY_MS);
    expect(followUpAlerts(test).map((alert) => alert.createdAt)).toEqual([iso(NOW + DAY_MS)]);
    expect(test.raised()).toHaveLength(2);
  });

  it('expires 24 h after its time; one that came due more than a day before the sweep is stored expired and never announced', () => {
    const test = open();
    const due = NOW + HOUR_MS;
    followUp(test, 's1', due);
    followUp(test, 's2', NOW + 2 * HOUR_MS);
    sweepAt(test, due);
    expect(listAlerts(test.core, {}, due + DAY_MS - 1).filter((alert) => alert.supporterId === 's1')).toHaveLength(1);
    expect(listAlerts(test.core, {}, due + DAY_MS).filter((alert) => alert.supporterId === 's1')).toEqual([]);

    // s2's came due while the app was closed for two days.
    const before = test.raised().length;
    sweepAt(test, NOW + 2 * HOUR_MS + 2 * DAY_MS);
    expect(test.raised()).toHaveLength(before);
    expect(followUpAlerts(test).find((alert) => alert.supporterId === 's2')).toMatchObject({ expiresAt: iso(NOW + 2 * HOUR_MS + DAY_MS), actionable: false });
  });

  it('is not touched when the supporter\'s activity is judged again (a late record reconciles record alerts only)', async () => {
    const test = open();
    followUp(test, 's1', NOW + HOUR_MS);
    sweepAt(test, NOW + HOUR_MS);
    const [alert] = followUpAlerts(test);
    // A late record before the alert's time sends s1 down the exact path (re-judged and reconciled).
    test.apply([activity('s1', 'gift', NOW + 30 * MINUTE_MS, { tokens: 5 })]);
    await test.settle();
    sweepAt(test, NOW + 2 * HOUR_MS);
    expect(followUpAlerts(test).map((kept) => kept.id)).toEqual([alert?.id]);
  });
});

describe('a snooze holds the supporter\'s notifications (SPEC §13)', () => {
  it('their alerts, urgent ones included, are in the panel but not announced until the snooze ends; nothing held is announced later', async () => {
    const test = open();
    test.apply(vipHistory('v1'));
    snoozeSupporter(test.core, 'v1', iso(NOW + 3 * HOUR_MS));
    test.clock.now = NOW + 10 * MINUTE_MS;
    test.apply([activity('v1', 'presence', NOW + 10 * MINUTE_MS, { online: true })]);
    await test.settle();
    expect(listAlerts(test.core, {}).map((alert) => [alert.type, alert.supporterId])).toEqual([['vip_online', 'v1']]);
    expect(test.raised()).toEqual([]);
    // The data still changed: the panel refreshes.
    expect(test.events.some((event) => event.kind === 'data_changed' && event.reason === 'alerts')).toBe(true);

    // The snooze ends: the held alert is not announced then (it waits in the panel, like quiet hours).
    sweepAt(test, NOW + 3 * HOUR_MS);
    expect(test.raised()).toEqual([]);
    // After it, the supporter's alerts are announced again.
    test.clock.now = NOW + 3 * HOUR_MS + 5 * MINUTE_MS;
    test.apply([activity('v1', 'presence', NOW + 3 * HOUR_MS + MINUTE_MS, { online: false }), activity('v1', 'presence', NOW + 3 * HOUR_MS + 2 * MINUTE_MS, { online: true })]);
    await test.settle();
    expect(test.raised().map((alert) => [alert.type, alert.supporterId])).toEqual([['vip_online', 'v1']]);
  });

  it('holds only that supporter, ends at once when cancelled, and never holds the follow-up reminder the creator set', async () => {
    const test = open();
    test.apply([...vipHistory('v1'), ...vipHistory('v2')]);
    snoozeSupporter(test.core, 'v1', iso(NOW + DAY_MS));
    followUp(test, 'v1', NOW + HOUR_MS);
    test.clock.now = NOW + 10 * MINUTE_MS;
    test.apply([activity('v1', 'presence', NOW + 10 * MINUTE_MS, { online: true }), activity('v2', 'presence', NOW + 10 * MINUTE_MS, { online: true })]);
    await test.settle();
    expect(test.raised().map((alert) => alert.supporterId)).toEqual(['v2']);

    sweepAt(test, NOW + HOUR_MS);
    expect(test.raised().map((alert) => [alert.type, alert.supporterId])).toEqual([['vip_online', 'v2'], ['follow_up_due', 'v1']]);

    cancelSnooze(test.core, 'v1');
    test.clock.now = NOW + 2 * HOUR_MS + 5 * MINUTE_MS;
    test.apply([activity('v1', 'presence', NOW + 2 * HOUR_MS, { online: false }), activity('v1', 'presence', NOW + 2 * HOUR_MS + MINUTE_MS, { online: true })]);
    await test.settle();
    expect(test.raised().at(-1)).toMatchObject({ type: 'vip_online', supporterId: 'v1' });
  });
});

describe('the sweep schedule wakes at the next follow-up', () => {
  it('runs at a follow-up\'s time when it comes before the top of the hour, and re-plans when a follow-up is written', () => {
    const test = open();
    test.clock.now = NOW + 5 * MINUTE_MS;
    followUp(test, 's1', NOW + 20 * MINUTE_MS);
    const scheduled: { callback: () => void; ms: number; cleared: boolean }[] = [];
    const timers = {
      setTimeout: (callback: () => void, ms: number) => {
        scheduled.push({ callback, ms, cleared: false });
        return scheduled.length as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimeout: (handle: ReturnType<typeof setTimeout>) => {
        const entry = scheduled[(handle as unknown as number) - 1];
        if (entry) entry.cleared = true;
      },
    };
    const stop = scheduleAlertSweeps(test.core, timers, () => undefined);
    expect(scheduled.map((entry) => entry.ms)).toEqual([FIRST_SWEEP_DELAY_MS]);
    scheduled[0]?.callback();
    expect(scheduled[1]?.ms).toBe(15 * MINUTE_MS);

    // A follow-up written for sooner moves the next run forward; the planned one is cleared.
    followUp(test, 's2', NOW + 10 * MINUTE_MS);
    expect(scheduled[1]?.cleared).toBe(true);
    expect(scheduled[2]?.ms).toBe(5 * MINUTE_MS);

    test.clock.now = NOW + 10 * MINUTE_MS;
    scheduled[2]?.callback();
    expect(followUpAlerts(test).map((alert) => alert.supporterId)).toEqual(['s2']);
    expect(scheduled[3]?.ms).toBe(10 * MINUTE_MS);
    test.clock.now = NOW + 20 * MINUTE_MS;
    scheduled[3]?.callback();
    expect(followUpAlerts(test).map((alert) => alert.supporterId).sort()).toEqual(['s1', 's2']);
    // No follow-up left: the top of the hour.
    expect(scheduled[4]?.ms).toBe(40 * MINUTE_MS);
    void stop();
    followUp(test, 's1', NOW + 30 * MINUTE_MS);
    expect(scheduled).toHaveLength(5);
  });
});
