import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_SETTINGS } from '../../../shared/contract/crmSettings';
import type { AppRoute } from '../../../shared/routes/appRoute';
import { createWebNotificationController, type WebNotificationLike } from './webNotificationController';

class FakeWebNotification implements WebNotificationLike {
  static permission: NotificationPermission = 'granted';
  static instances: FakeWebNotification[] = [];
  onclick: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(
    readonly title: string,
    readonly options?: { body?: string; tag?: string },
  ) {
    FakeWebNotification.instances.push(this);
  }

  close(): void {
    this.closed = true;
  }
}

function setUp(permission: NotificationPermission = 'granted') {
  FakeWebNotification.permission = permission;
  FakeWebNotification.instances = [];
  const routes: AppRoute[] = [];
  let focused = 0;
  const controller = createWebNotificationController({
    NotificationApi: FakeWebNotification,
    navigate: (route) => routes.push(route),
    focus: () => void (focused += 1),
  });
  return { controller, routes, focused: () => focused };
}

const vipOnline = { alerts: [{ id: 'al_1', type: 'vip_online' as const, priority: 'urgent' as const, supporterId: 's000042', message: 'VIP @night_owl just came online' }] };

describe('Web Notifications in the browser host', () => {
  it('shows an alert with the same preferences as the shell; a click focuses the tab and opens the supporter', () => {
    const { controller, routes, focused } = setUp();
    controller.alertsRaised(vipOnline);
    controller.flush();
    const [notification] = FakeWebNotification.instances;
    if (!notification) throw new Error('nothing shown');
    expect([notification.title, notification.options?.body]).toEqual(['VIP online', 'VIP @night_owl just came online']);
    expect(controller.kept.size).toBe(1);
    notification.onclick?.(new Event('click'));
    expect(routes).toEqual([{ page: 'supporter', supporterId: 's000042' }]);
    expect(focused()).toBe(1);
    expect(notification.closed).toBe(true);
    expect(controller.kept.size).toBe(0);
  });

  it('shows reordering and invisible characters of a handle as visible marks, and markup as written (the browser escapes it)', () => {
    const { controller } = setUp();
    controller.alertsRaised({ alerts: [{ id: 'al_9', type: 'spending_spike', priority: 'high', supporterId: 's9', message: '@\u202Egnp.exe\u0007 spent <b>5</b> &amp; more' }] });
    controller.flush();
    expect(FakeWebNotification.instances[0]?.options?.body).toBe('@�gnp.exe� spent <b>5</b> &amp; more');
  });

  it('respects the priority threshold and per-type switches, and shows nothing without permission', () => {
    const { controller } = setUp();
    controller.setPreferences({ ...DEFAULT_CRM_SETTINGS.notifications, enabledTypes: { ...DEFAULT_CRM_SETTINGS.notifications.enabledTypes, vip_online: false } }, 'UTC');
    controller.alertsRaised(vipOnline);
    controller.alertsRaised({ alerts: [{ id: 'al_2', type: 'event_rsvp', priority: 'medium', supporterId: 's1', message: 'x' }] });
    controller.flush();
    expect(FakeWebNotification.instances).toEqual([]);

    const denied = setUp('denied');
    denied.controller.alertsRaised(vipOnline);
    denied.controller.flush();
    expect(FakeWebNotification.instances).toEqual([]);
  });
});
