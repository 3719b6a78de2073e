import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_SETTINGS } from '../contract/defaultCrmSettings';
import { ALERT_PRIORITIES, ALERT_TYPES, type AlertPriority, type AlertType } from '../domain/alerts';
import { AlertNotificationBatcher, DEFAULT_DIGEST_INTERVAL_MS, type SyncProgress } from './alertNotificationBatcher';
import type { NotificationPreferences, PlannedNotification, RaisedAlert } from './planAlertNotifications';

const MINUTE = 60_000;
const START = Date.parse('2026-03-02T12:00:00Z');

/** A clock and timers the test moves by hand; due timers run in time order, each at its own time. */
class ManualTime {
  now = START;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  readonly timers = {
    setTimeout: (callback: () => void, ms: number) => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.now + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown) => void this.pending.delete(handle as number),
  };
  readonly clock = () => this.now;

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = Math.max(this.now, due[1].at);
      due[1].callback();
    }
    this.now = until;
  }
}

interface Shown extends PlannedNotification {
  at: number;
}

/** Every type and priority notifies, no quiet hours: the digest and the catch-up are what is tested. */
const EVERYTHING: NotificationPreferences = { ...DEFAULT_CRM_SETTINGS.notifications, minPriority: 'low' };

function setUp(preferences: NotificationPreferences = EVERYTHING) {
  const time = new ManualTime();
  const shown: Shown[] = [];
  const batcher = new AlertNotificationBatcher({ show: (plan) => shown.push({ ...plan, at: time.now }), timers: time.timers, clock: time.clock });
  batcher.setPreferences(preferences, 'UTC');
  return { time, shown, batcher };
}

let serial = 0;
const PRIORITY_OF: Record<AlertType, AlertPriority> = {
  vip_online: 'urgent',
  hot_lead_active: 'high',
  dormant_reactivation: 'medium',
  spending_spike: 'high',
  fan_club_renewal_due: 'medium',
  event_rsvp: 'medium',
  milestone_reached: 'low',
  follow_up_due: 'high',
};
function alert(type: AlertType, priority: AlertPriority = PRIORITY_OF[type]): RaisedAlert {
  serial += 1;
  return { id: `al_${serial}`, type, priority, supporterId: `s${serial}`, message: `${type} @fan${serial}` };
}
const alerts = (count: number, type: AlertType) => Array.from({ length: count }, () => alert(type));

const syncing: SyncProgress = { state: 'syncing', lastSyncedAt: null };
const synced = (at: number): SyncProgress => ({ state: 'online', lastSyncedAt: new Date(at).toISOString() });

describe('the digest: at most one notification a minute, urgent ones aside', () => {
  it('a lone alert shows after the 1.5 s debounce; what follows within the minute waits for one digest', () => {
    const { time, shown, batcher } = setUp();
    batcher.add([alert('spending_spike')]);
    time.advance(1500);
    expect(shown.map((plan) => [plan.at - START, plan.title])).toEqual([[1500, 'Spending spike']]);
    for (let second = 10; second <= 50; second += 10) {
      time.advance(10_000);
      batcher.add([alert('hot_lead_active')]);
    }
    time.advance(8000);
    expect(shown).toHaveLength(1);
    time.advance(2000);
    expect(shown.map((plan) => [plan.at - START, plan.title])).toEqual([
      [1500, 'Spending spike'],
      [61_500, '5 new alerts'],
    ]);
    expect(shown[1]?.route).toEqual({ page: 'alerts' });
  });

  it('an urgent alert is shown the moment it arrives, even right after a digest, and does not delay the next one', () => {
    const { time, shown, batcher } = setUp();
    batcher.add([alert('spending_spike')]);
    time.advance(1500);
    time.advance(5000);
    batcher.add([alert('vip_online'), alert('hot_lead_active')]);
    expect(shown.map((plan) => [plan.at - START, plan.title, plan.urgent])).toEqual([
      [1500, 'Spending spike', false],
      [6500, 'VIP online', true],
    ]);
    time.advance(MINUTE);
    expect(shown.map((plan) => [plan.at - START, plan.title])).toEqual([
      [1500, 'Spending spike'],
      [6500, 'VIP online'],
      [61_500, 'Hot lead active'],
    ]);
  });

  it('a type with a limit reaches the desktop that often an hour at most; the hour rolls on', () => {
    const preferences = { ...EVERYTHING, typeLimits: { ...EVERYTHING.typeLimits, spending_spike: 2 } };
    const { time, shown, batcher } = setUp(preferences);
    for (let index = 0; index < 5; index += 1) {
      batcher.add([alert('spending_spike')]);
      time.advance(2 * MINUTE);
    }
    expect(shown.map((plan) => plan.title)).toEqual(['Spending spike', 'Spending spike']);
    time.advance(60 * MINUTE);
    batcher.add([alert('spending_spike'), alert('hot_lead_active')]);
    time.advance(MINUTE);
    expect(shown.map((plan) => plan.title)).toEqual(['Spending spike', 'Spending spike', '2 new alerts']);
  });

  it('a digest that would fall in quiet hours is not shown (the alerts wait on the Alerts page)', () => {
    const { time, shown, batcher } = setUp({ ...EVERYTHING, quietHours: { enabled: true, start: '12:01', end: '13:00' } });
    batcher.add([alert('spending_spike')]);
    time.advance(1500);
    time.advance(10_000);
    batcher.add([alert('hot_lead_active')]);
    time.advance(2 * MINUTE);
    expect(shown.map((plan) => plan.title)).toEqual(['Spending spike']);
  });
});

describe('catch-up: what happened before is summed up once', () => {
  it('a first sync raises one summary when it completes, urgent alerts included, never one per old alert', () => {
    const { time, shown, batcher } = setUp();
    batcher.syncStatusChanged(syncing);
    expect(batcher.catchingUp).toBe('first_sync');
    for (let page = 0; page < 5; page += 1) {
      batcher.add([...alerts(4, 'spending_spike'), ...alerts(2, 'event_rsvp'), alert('vip_online')]);
      batcher.syncStatusChanged(syncing);
      time.advance(20_000);
    }
    batcher.add(alerts(2, 'milestone_reached'));
    expect(shown).toEqual([]);
    batcher.syncStatusChanged(synced(time.now));
    time.advance(0);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: '37 alerts from before you connected',
      body: '5 VIPs came online · 20 spending spikes · 10 event RSVPs · 2 milestones',
      route: { page: 'alerts' },
      urgent: false,
    });
    expect(new Set(shown[0]?.alertIds).size).toBe(37);
    // Afterwards, alerts are live again: an urgent one at once.
    batcher.add([alert('vip_online')]);
    expect(shown.map((plan) => plan.title)).toEqual(['37 alerts from before you connected', 'VIP online']);
  });

  it('connecting again (to another account) is a first sync too, though the last sync time of the old connection stays', () => {
    const { time, shown, batcher } = setUp();
    const earlier = new Date(START - 3600_000).toISOString();
    batcher.syncStatusChanged({ state: 'online', lastSyncedAt: earlier });
    batcher.syncStatusChanged({ state: 'syncing', lastSyncedAt: earlier });
    expect(batcher.catchingUp).toBeNull();
    batcher.syncStatusChanged({ state: 'not_configured', lastSyncedAt: earlier });
    batcher.syncStatusChanged({ state: 'syncing', lastSyncedAt: earlier });
    expect(batcher.catchingUp).toBe('first_sync');
    batcher.add(alerts(4, 'spending_spike'));
    batcher.syncStatusChanged({ state: 'syncing', lastSyncedAt: earlier });
    batcher.add(alerts(2, 'hot_lead_active'));
    expect(shown).toEqual([]);
    batcher.syncStatusChanged(synced(time.now));
    time.advance(0);
    expect(shown.map((plan) => [plan.title, plan.body])).toEqual([['6 alerts from before you connected', '4 spending spikes · 2 hot leads active']]);
  });

  it('an offline spell during the first sync does not end it; a disconnect does', () => {
    const { time, shown, batcher } = setUp();
    batcher.syncStatusChanged(syncing);
    batcher.add(alerts(3, 'hot_lead_active'));
    batcher.syncStatusChanged({ state: 'offline', lastSyncedAt: null });
    time.advance(5 * MINUTE);
    expect(shown).toEqual([]);
    batcher.syncStatusChanged(syncing);
    batcher.add(alerts(2, 'hot_lead_active'));
    batcher.syncStatusChanged({ state: 'not_configured', lastSyncedAt: null });
    time.advance(0);
    expect(shown.map((plan) => [plan.title, plan.body])).toEqual([['5 alerts from before you connected', '5 hot leads active']]);
  });

  it('opening the console: the first seconds are a catch-up, longer while a sync run that began meanwhile goes on', () => {
    const { time, shown, batcher } = setUp();
    batcher.beginCatchUp('opening');
    batcher.add([...alerts(3, 'fan_club_renewal_due'), alert('vip_online')]);
    batcher.syncStatusChanged({ state: 'syncing', lastSyncedAt: new Date(START - 3600_000).toISOString() });
    time.advance(9000);
    batcher.add(alerts(2, 'spending_spike'));
    time.advance(30_000);
    expect(shown).toEqual([]);
    batcher.syncStatusChanged(synced(time.now));
    time.advance(0);
    expect(shown.map((plan) => [plan.title, plan.body])).toEqual([
      ['6 alerts from before you opened Supporter CRM', '1 VIP came online · 2 spending spikes · 3 fan club renewals due'],
    ]);
  });

  it('an opening with nothing to catch up on is silent, and ends by itself without a sync', () => {
    const { time, shown, batcher } = setUp();
    batcher.beginCatchUp('opening');
    time.advance(10_000);
    expect(batcher.catchingUp).toBeNull();
    batcher.add([alert('vip_online')]);
    expect(shown.map((plan) => plan.title)).toEqual(['VIP online']);
  });

  it('a catch-up of one alert shows that alert; one that was not a catch-up after all lets its alerts go the usual way', () => {
    const one = setUp();
    one.batcher.syncStatusChanged(syncing);
    const only = alert('vip_online');
    one.batcher.add([only]);
    one.batcher.syncStatusChanged(synced(one.time.now));
    one.time.advance(0);
    expect(one.shown.map((plan) => [plan.title, plan.alertIds, plan.urgent])).toEqual([['VIP online', [only.id], false]]);

    const released = setUp();
    released.batcher.beginCatchUp('opening', { settleMs: null });
    released.batcher.add([alert('vip_online'), alert('spending_spike')]);
    released.time.advance(MINUTE);
    expect(released.shown).toEqual([]);
    released.batcher.endCatchUp({ summarize: false });
    expect(released.shown.map((plan) => plan.title)).toEqual(['VIP online']);
    released.time.advance(1500);
    expect(released.shown.map((plan) => plan.title)).toEqual(['VIP online', 'Spending spike']);
  });

  it('a catch-up never lasts beyond its limit, and its summary keeps to the digest’s minute', () => {
    const { time, shown, batcher } = setUp();
    batcher.add([alert('hot_lead_active')]);
    time.advance(1500);
    batcher.beginCatchUp('opening', { settleMs: null });
    batcher.add(alerts(3, 'event_rsvp'));
    time.advance(10 * MINUTE);
    expect(shown.map((plan) => [plan.at - START, plan.title])).toEqual([
      [1500, 'Hot lead active'],
      [1500 + 10 * MINUTE, '3 alerts from before you opened Supporter CRM'],
    ]);
    const { time: time2, shown: shown2, batcher: batcher2 } = setUp();
    batcher2.add([alert('hot_lead_active')]);
    time2.advance(1500);
    batcher2.syncStatusChanged(syncing);
    batcher2.add(alerts(3, 'event_rsvp'));
    time2.advance(10_000);
    batcher2.syncStatusChanged(synced(time2.now));
    batcher2.add([alert('spending_spike')]);
    time2.advance(MINUTE);
    expect(shown2.map((plan) => [plan.at - START, plan.title])).toEqual([
      [1500, 'Hot lead active'],
      [61_500, '4 alerts, 3 of them from before you connected'],
    ]);
  });
});

/** One step of a random day: time passes, alerts arrive, the sync moves, or the console opens. */
type Step =
  | { kind: 'wait'; ms: number }
  | { kind: 'alerts'; alerts: { type: AlertType; priority: AlertPriority }[] }
  | { kind: 'sync'; state: SyncProgress['state']; synced: boolean }
  | { kind: 'opening' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 * MINUTE }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('alerts' as const),
      alerts: fc.array(fc.record({ type: fc.constantFrom(...ALERT_TYPES), priority: fc.constantFrom(...ALERT_PRIORITIES) }), { minLength: 1, maxLength: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      state: fc.constantFrom<SyncProgress['state']>('syncing', 'online', 'offline', 'needs_reconnect', 'not_configured'),
      synced: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'opening' as const }) },
);

describe('for any stream of alerts (property)', () => {
  it('non-urgent notifications are at least a minute apart, each alert is notified at most once and none is lost, and each catch-up gives at most one notification', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 60 }), (steps) => {
        const { time, shown, batcher } = setUp();
        const raised: RaisedAlert[] = [];
        const caughtUpIds = new Set<string>();
        let catchUpsWithAlerts = 0;
        let currentHasAlerts = false;
        for (const step of steps) {
          const before = batcher.catchingUp;
          if (step.kind === 'wait') time.advance(step.ms);
          else if (step.kind === 'opening') batcher.beginCatchUp('opening');
          else if (step.kind === 'sync') batcher.syncStatusChanged({ state: step.state, lastSyncedAt: step.synced ? new Date(time.now).toISOString() : null });
          else {
            const batch = step.alerts.map(({ type, priority }) => alert(type, priority));
            raised.push(...batch);
            if (batcher.catchingUp) {
              for (const item of batch) caughtUpIds.add(item.id);
              if (!currentHasAlerts) catchUpsWithAlerts += 1;
              currentHasAlerts = true;
            }
            batcher.add(batch);
          }
          if (before !== null && batcher.catchingUp === null) currentHasAlerts = false;
        }
        batcher.endCatchUp();
        time.advance(20 * MINUTE);

        // At most one notification a minute, urgent ones aside.
        const calm = shown.filter((plan) => !plan.urgent).map((plan) => plan.at);
        for (let index = 1; index < calm.length; index += 1) {
          expect((calm[index] as number) - (calm[index - 1] as number)).toBeGreaterThanOrEqual(DEFAULT_DIGEST_INTERVAL_MS);
        }
        // Every alert reaches exactly one notification (no type limits, no quiet hours here).
        const notified = shown.flatMap((plan) => plan.alertIds);
        expect(new Set(notified).size).toBe(notified.length);
        expect(new Set(notified)).toEqual(new Set(raised.map((item) => item.id)));
        // What arrived during a catch-up is never announced alert by alert: it reaches the desktop in
        // one summary per catch-up at most (a catch-up of a single alert shows that alert), never as urgent.
        const withCaughtUp = shown.filter((plan) => plan.alertIds.some((id) => caughtUpIds.has(id)));
        expect(withCaughtUp.length).toBeLessThanOrEqual(catchUpsWithAlerts);
        for (const plan of withCaughtUp) {
          expect(plan.urgent).toBe(false);
          if (plan.alertIds.length > 1) expect(plan.title).toMatch(/from before you (connected|opened Supporter CRM)$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
