import { describe, expect, it, vi } from 'vitest';
import type { AlertsRaisedEvent } from '../../shared/contract/apiTypes';
import { DEFAULT_CRM_SETTINGS } from '../../shared/contract/crmSettings';
import { IPC_NAVIGATE_CHANNEL, IPC_NOTIFICATIONS_STATUS_CHANNEL, IPC_NOTIFICATIONS_TEST_CHANNEL } from '../../shared/contract/ipcChannels';
import { TEST_NOTIFICATION } from '../../shared/notifications/testNotification';
import type { AlertPriority, AlertType } from '../../shared/domain/alerts';
import { isWithinQuietHours, planNotification } from '../../shared/notifications/planAlertNotifications';
import { NavigationRouter, type RoutableWindow } from './navigationRouter';
import { NotificationService, type ShellNotificationOptions } from './notificationService';
import { registerShellNotificationRouting } from './registerShellNotificationRouting';
import { TrayBadge, trayBadgeState } from './trayBadge';

/** Stands in for Electron's `Notification`: records every instance and lets a test emit its events. */
class FakeNotification {
  static instances: FakeNotification[] = [];
  static isSupported = () => true;
  readonly listeners = new Map<string, (() => void)[]>();
  shown = false;

  constructor(readonly options: ShellNotificationOptions) {
    FakeNotification.instances.push(this);
  }

  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  show(): void {
    this.shown = true;
  }

  emit(event: 'click' | 'close' | 'failed'): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

/** Timers a test advances by hand. */
function manualTimers() {
  let now = Date.parse('2025-12-03T12:00:00Z');
  const pending = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  return {
    clock: () => now,
    timers: {
      setTimeout: (callback: () => void, ms: number) => {
        const id = nextId++;
        pending.set(id, { at: now + ms, callback });
        return id;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) {
          pending.delete(id);
          timer.callback();
        }
      }
    },
    set(at: number) {
      now = at;
    },
  };
}

function fakeWindow(): RoutableWindow & { sent: unknown[][]; shown: number; focused: number } {
  const window = {
    sent: [] as unknown[][],
    shown: 0,
    focused: 0,
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: () => undefined,
    show: () => void (window.shown += 1),
    focus: () => void (window.focused += 1),
    webContents: { send: (...args: unknown[]) => void window.sent.push(args) },
  };
  return window;
}

let alertNumber = 0;
function raised(type: AlertType, priority: AlertPriority, supporterId: string, message = `${type} for @${supporterId}`): AlertsRaisedEvent {
  alertNumber += 1;
  return { alerts: [{ id: `al_${alertNumber}`, type, priority, supporterId, message }] };
}

function setUp(options: { attach?: boolean } = {}) {
  FakeNotification.instances = [];
  const time = manualTimers();
  const router = new NavigationRouter();
  const window = fakeWindow();
  if (options.attach !== false) router.attach(window);
  const showWindow = vi.fn(() => router.attach(window));
  const service = new NotificationService({ Notification: FakeNotification, router, showWindow, timers: time.timers, clock: time.clock, debounceMs: 1500, maxWaitMs: 5000 });
  return { time, router, window, service, showWindow };
}

describe('OS notifications for alerts (Electron shell)', () => {
  it('a click on the kept notification makes the router show the window and open that supporter’s profile', () => {
    const { time, window, service, showWindow } = setUp();
    service.alertsRaised(raised('spending_spike', 'high', 's000007', '@big_spender spent 300 tokens'));
    expect(FakeNotification.instances).toHaveLength(0);
    time.advance(1500);
    const [spike] = FakeNotification.instances;
    if (!spike) throw new Error('no notification shown');
    expect(spike.options).toEqual({ title: 'Spending spike', body: '@big_spender spent 300 tokens', urgency: 'normal' });
    expect(spike.shown).toBe(true);
    expect(service.keptNotifications).toEqual([spike]);

    spike.emit('click');
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'supporter/s000007']]);
    expect(window.shown).toBeGreaterThan(0);
    expect(window.focused).toBeGreaterThan(0);
    expect(service.keptNotifications).toEqual([]);
  });

  it('an urgent alert (a VIP online) is shown the moment it is raised, without the debounce', () => {
    const { service } = setUp();
    service.alertsRaised(raised('vip_online', 'urgent', 's000042', 'VIP @night_owl just came online'));
    expect(FakeNotification.instances.map((shown) => shown.options)).toEqual([{ title: 'VIP online', body: 'VIP @night_owl just came online', urgency: 'critical' }]);
    expect(FakeNotification.instances[0]?.shown).toBe(true);
  });

  it('when the window was closed, the click re-creates it and the route waits until the window is ready', () => {
    FakeNotification.instances = [];
    const router = new NavigationRouter();
    const window = fakeWindow();
    // A new window only attaches to the router once its page has loaded.
    const showWindow = vi.fn();
    const service = new NotificationService({ Notification: FakeNotification, router, showWindow });
    service.alertsRaised(raised('spending_spike', 'high', 's9'));
    service.flush();
    FakeNotification.instances[0]?.emit('click');
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(router.pendingRoute()).toEqual({ page: 'supporter', supporterId: 's9' });
    router.attach(window);
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'supporter/s9']]);
    expect(service.keptNotifications).toEqual([]);
  });

  it('debounces a burst into one summary whose click opens the alerts page; an urgent alert in it goes ahead on its own', () => {
    const { time, window, service } = setUp();
    service.alertsRaised(raised('hot_lead_active', 'high', 'a', 'Hot lead @a is active'));
    time.advance(1000);
    service.alertsRaised({
      alerts: [
        ...raised('vip_online', 'urgent', 'v', 'VIP @v just came online').alerts,
        ...raised('hot_lead_active', 'high', 'b', 'Hot lead @b sent a message').alerts,
        ...raised('spending_spike', 'high', 'c', '@c spent 300 tokens').alerts,
      ],
    });
    expect(FakeNotification.instances.map((shown) => shown.options.title)).toEqual(['VIP online']);
    time.advance(1000);
    expect(FakeNotification.instances).toHaveLength(1);
    time.advance(600);
    expect(FakeNotification.instances).toHaveLength(2);
    const summary = FakeNotification.instances[1] as FakeNotification;
    expect(summary.options.title).toBe('3 new alerts');
    expect(summary.options.body).toBe('Hot lead @a is active · Hot lead @b sent a message · and 1 more');
    summary.emit('click');
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'alerts']]);
  });

  it('several urgent alerts raised together are shown at once as one summary', () => {
    const { service } = setUp();
    service.alertsRaised({ alerts: [...raised('vip_online', 'urgent', 'v1', 'VIP @v1 just came online').alerts, ...raised('vip_online', 'urgent', 'v2', 'VIP @v2 just came online').alerts] });
    expect(FakeNotification.instances.map((shown) => [shown.options.title, shown.options.urgency])).toEqual([['2 new alerts', 'critical']]);
  });

  it('a steady stream is still shown within the maximum wait', () => {
    const { time, service } = setUp();
    for (let index = 0; index < 6; index += 1) {
      service.alertsRaised(raised('hot_lead_active', 'high', `s${index}`));
      time.advance(1000);
    }
    expect(FakeNotification.instances).toHaveLength(1);
    expect(FakeNotification.instances[0]?.options.title).toBe('5 new alerts');
  });

  it('shows alerts at or above the chosen priority only (default high), and only enabled types', () => {
    const { time, service } = setUp();
    service.alertsRaised(raised('event_rsvp', 'medium', 'm1'));
    service.alertsRaised(raised('milestone_reached', 'low', 'l1'));
    time.advance(5000);
    expect(FakeNotification.instances).toHaveLength(0);
    service.setPreferences({ ...DEFAULT_CRM_SETTINGS.notifications, minPriority: 'medium', enabledTypes: { ...DEFAULT_CRM_SETTINGS.notifications.enabledTypes, hot_lead_active: false } }, 'UTC');
    service.alertsRaised(raised('event_rsvp', 'medium', 'm2'));
    service.alertsRaised(raised('hot_lead_active', 'high', 'h2'));
    service.alertsRaised(raised('milestone_reached', 'low', 'l2'));
    time.advance(5000);
    expect(FakeNotification.instances.map((notification) => notification.options.title)).toEqual(['New event RSVP']);
  });

  it('stays silent during quiet hours in the creator’s time zone', () => {
    const { time, service } = setUp();
    service.setPreferences({ ...DEFAULT_CRM_SETTINGS.notifications, quietHours: { enabled: true, start: '22:00', end: '08:00' } }, 'Asia/Tokyo');
    time.set(Date.parse('2025-12-03T14:30:00Z')); // 23:30 in Tokyo
    service.alertsRaised(raised('vip_online', 'urgent', 'q1'));
    time.advance(5000);
    expect(FakeNotification.instances).toHaveLength(0);
    time.set(Date.parse('2025-12-03T23:30:00Z')); // 08:30 in Tokyo
    service.alertsRaised(raised('vip_online', 'urgent', 'q2'));
    time.advance(5000);
    expect(FakeNotification.instances).toHaveLength(1);
  });

  it('keeps each notification referenced until it is clicked, closed or fails', () => {
    const { service } = setUp();
    for (const id of ['k1', 'k2', 'k3']) {
      service.alertsRaised(raised('vip_online', 'urgent', id));
      service.flush();
    }
    expect(service.keptNotifications).toHaveLength(3);
    FakeNotification.instances[0]?.emit('close');
    FakeNotification.instances[1]?.emit('failed');
    expect(service.keptNotifications).toEqual([FakeNotification.instances[2]]);
  });

  it('on Linux, a body is escaped for the markup-reading notification server, and reordering characters are made visible everywhere', () => {
    FakeNotification.instances = [];
    const message = '\u202Egnp.exe sent <b>free</b> &amp; tokens\u200B';
    for (const platform of ['linux', 'darwin', 'win32']) {
      const service = new NotificationService({ Notification: FakeNotification, router: new NavigationRouter(), platform });
      service.alertsRaised(raised('spending_spike', 'high', 'x', message));
      service.flush();
    }
    const [linux, mac, windows] = FakeNotification.instances.map((notification) => notification.options.body);
    expect(linux).toBe('�gnp.exe sent &lt;b&gt;free&lt;/b&gt; &amp;amp; tokens�');
    expect(mac).toBe('�gnp.exe sent <b>free</b> &amp; tokens�');
    expect(windows).toBe(mac);
    expect(FakeNotification.instances.every((notification) => !/[\u202A-\u202E\u200B]/.test(notification.options.title + notification.options.body))).toBe(true);
  });

  it('a summary of several alerts is neutralised the same way', () => {
    FakeNotification.instances = [];
    const service = new NotificationService({ Notification: FakeNotification, router: new NavigationRouter(), platform: 'linux' });
    service.alertsRaised({ alerts: [...raised('vip_online', 'urgent', 'a', 'VIP @\u202Eab just came online').alerts, ...raised('vip_online', 'urgent', 'b', 'VIP @<i>b</i> just came online').alerts] });
    service.flush();
    expect(FakeNotification.instances[0]?.options.body).toBe('VIP @�ab just came online · VIP @&lt;i&gt;b&lt;/i&gt; just came online');
  });

  it('"Send a test notification": shown at once even in quiet hours, escaped like any body on Linux, and its click opens Settings', () => {
    const { time, window, service } = setUp();
    service.setPreferences({ ...DEFAULT_CRM_SETTINGS.notifications, quietHours: { enabled: true, start: '00:00', end: '23:59' } }, 'UTC');
    time.set(Date.parse('2025-12-03T12:00:00Z'));
    expect(service.permission()).toBe('granted');
    expect(service.sendTest()).toBe('granted');
    const [test] = FakeNotification.instances;
    expect(test?.options).toEqual({ title: TEST_NOTIFICATION.title, body: TEST_NOTIFICATION.body, urgency: 'normal' });
    test?.emit('click');
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'settings']]);
    const unsupported = new NotificationService({ Notification: Object.assign(class extends FakeNotification {}, { isSupported: () => false }), router: new NavigationRouter() });
    expect(unsupported.permission()).toBe('unsupported');
    expect(unsupported.sendTest()).toBe('unsupported');
    expect(FakeNotification.instances).toHaveLength(1);
  });

  it('Settings reaches the service over IPC from the console window only', async () => {
    const handlers = new Map<string, (event: unknown) => unknown>();
    const calls: string[] = [];
    registerShellNotificationRouting(
      { handle: (channel: string, handler: (event: never) => unknown) => void handlers.set(channel, handler as (event: unknown) => unknown) },
      { permission: () => (calls.push('permission'), 'granted'), sendTest: () => (calls.push('test'), 'granted') },
      { webContentsIds: new Set([7]), isAppUrl: (url) => url.startsWith('app://') },
    );
    const fromConsole = { sender: { id: 7 }, senderFrame: { url: 'app://index.html', parent: null } };
    const fromElsewhere = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example', parent: null } };
    expect(await handlers.get(IPC_NOTIFICATIONS_STATUS_CHANNEL)?.(fromConsole)).toBe('granted');
    expect(await handlers.get(IPC_NOTIFICATIONS_TEST_CHANNEL)?.(fromConsole)).toBe('granted');
    expect(await handlers.get(IPC_NOTIFICATIONS_TEST_CHANNEL)?.(fromElsewhere)).toBe('unsupported');
    expect(calls).toEqual(['permission', 'test']);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { service } = setUp();
    const unsupported = new NotificationService({
      Notification: Object.assign(class extends FakeNotification {}, { isSupported: () => false }),
      router: { open: () => undefined },
    });
    unsupported.alertsRaised(raised('vip_online', 'urgent', 'x'));
    unsupported.flush();
    expect(FakeNotification.instances).toHaveLength(0);
    void service;
  });
});

describe('notification decisions (shared with the browser host)', () => {
  it('quiet hours: start inclusive, end exclusive, wrapping past midnight; equal times mean none', () => {
    const quiet = { enabled: true, start: '22:00', end: '08:00' };
    expect(isWithinQuietHours(quiet, Date.parse('2025-12-03T22:00:00Z'), 'UTC')).toBe(true);
    expect(isWithinQuietHours(quiet, Date.parse('2025-12-03T07:59:00Z'), 'UTC')).toBe(true);
    expect(isWithinQuietHours(quiet, Date.parse('2025-12-03T08:00:00Z'), 'UTC')).toBe(false);
    expect(isWithinQuietHours({ ...quiet, start: '13:00', end: '15:00' }, Date.parse('2025-12-03T14:00:00Z'), 'UTC')).toBe(true);
    expect(isWithinQuietHours({ ...quiet, start: '13:00', end: '13:00' }, Date.parse('2025-12-03T13:00:00Z'), 'UTC')).toBe(false);
    expect(isWithinQuietHours({ ...quiet, enabled: false }, Date.parse('2025-12-03T23:00:00Z'), 'UTC')).toBe(false);
    // An unknown zone falls back to UTC rather than failing.
    expect(isWithinQuietHours(quiet, Date.parse('2025-12-03T23:00:00Z'), 'Mars/Olympus')).toBe(true);
  });

  it('plans nothing for nothing', () => {
    expect(planNotification([])).toBeNull();
  });
});

describe('a calm desktop (issue 17): the shell drives the shared batcher’s catch-up', () => {
  it('opening the console, then a first sync: each sums up what happened before in one notification', () => {
    const { time, window, service } = setUp();
    service.opening();
    service.alertsRaised({ alerts: [...raised('fan_club_renewal_due', 'medium', 'r1').alerts, ...raised('vip_online', 'urgent', 'v1').alerts] });
    service.setPreferences({ ...DEFAULT_CRM_SETTINGS.notifications, minPriority: 'low' }, 'UTC');
    service.alertsRaised(raised('milestone_reached', 'low', 'm1'));
    time.advance(10_000);
    time.advance(0);
    expect(FakeNotification.instances.map((shown) => [shown.options.title, shown.options.body, shown.options.urgency])).toEqual([
      ['2 alerts from before you opened Supporter CRM', '1 VIP came online · 1 milestone', 'normal'],
    ]);
    FakeNotification.instances[0]?.emit('click');
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'alerts']]);

    service.syncStatusChanged({ state: 'syncing', lastSyncedAt: null });
    for (let page = 0; page < 3; page += 1) service.alertsRaised({ alerts: [...raised('vip_online', 'urgent', `p${page}`).alerts, ...raised('spending_spike', 'high', `q${page}`).alerts] });
    time.advance(120_000);
    expect(FakeNotification.instances).toHaveLength(1);
    service.syncStatusChanged({ state: 'online', lastSyncedAt: '2025-12-03T12:02:10Z' });
    time.advance(0);
    expect(FakeNotification.instances.map((shown) => shown.options.title)).toEqual(['2 alerts from before you opened Supporter CRM', '6 alerts from before you connected']);
  });
});

describe('tray badge', () => {
  it('counts unread urgent and high alerts for the tooltip and the badge', () => {
    expect(trayBadgeState([])).toEqual({ count: 0, atLeast: false, tooltip: 'Supporter CRM', badgeCount: 0 });
    expect(trayBadgeState([{ priority: 'urgent' }, { priority: 'medium' }])).toMatchObject({ count: 1, tooltip: 'Supporter CRM — 1 unread urgent/high alert' });
    const full = Array.from({ length: 100 }, (_, index) => ({ priority: index % 2 === 0 ? ('high' as const) : ('low' as const) }));
    expect(trayBadgeState(full)).toMatchObject({ count: 50, atLeast: true, tooltip: 'Supporter CRM — 50+ unread urgent/high alerts', badgeCount: 50 });
  });

  it('refreshes from the core and updates the tray and the app badge', async () => {
    const setToolTip = vi.fn();
    const setBadgeCount = vi.fn();
    const badge = new TrayBadge({
      invoke: async () => ({ ok: true, value: { alerts: [{ priority: 'urgent' }, { priority: 'high' }, { priority: 'low' }] } }),
      tray: { setToolTip },
      setBadgeCount,
    });
    await badge.refresh();
    expect(setToolTip).toHaveBeenCalledWith('Supporter CRM — 2 unread urgent/high alerts');
    expect(setBadgeCount).toHaveBeenCalledWith(2);
    const failing = new TrayBadge({ invoke: async () => ({ ok: false, error: { code: 'unavailable', message: 'x' } }), tray: { setToolTip } });
    expect((await failing.refresh()).count).toBe(0);
  });
});
