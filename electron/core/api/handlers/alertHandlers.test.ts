import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../shared/contract/apiResult';
import type { AlertView } from '../../../../shared/domain/alertView';
import { tempDir } from '../../../../tests/support/tempDir';
import { installAlertService } from '../../alerts/alertService';
import { activity, creator, MINUTE_MS, NOW, openTestCore, vipHistory, type TestCore } from '../../alerts/alertTestKit';
import { createCoreServices, type CoreServices } from '../../createCoreServices';
import { createRequestHandlers } from '../createRequestHandlers';
import { invokeRequest } from '../invokeRequest';

const handlers = createRequestHandlers();
const opened: TestCore[] = [];

afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

/** A workspace with two live alerts: two VIPs came online. */
async function twoAlerts(): Promise<{ test: TestCore; alerts: AlertView[] }> {
  const test = openTestCore(tempDir());
  opened.push(test);
  installAlertService(test.core);
  test.apply([creator(), ...vipHistory('v1'), ...vipHistory('v2')]);
  test.apply([activity('v1', 'presence', NOW - 10 * MINUTE_MS, { online: true }), activity('v2', 'presence', NOW - 5 * MINUTE_MS, { online: true })]);
  await test.settle();
  const alerts = (await call<{ alerts: AlertView[] }>(test, 'alerts.list', {})).alerts;
  expect(alerts).toHaveLength(2);
  return { test, alerts };
}

/** The services the composition root built for this workspace (one per open core). */
const servicesOf = new Map<TestCore, CoreServices>();

async function invoke(test: TestCore, name: string, input: unknown): Promise<ApiResult<unknown>> {
  let services = servicesOf.get(test);
  if (!services) {
    services = createCoreServices(test.core, { observers: 'none' });
    servicesOf.set(test, services);
  }
  return invokeRequest(services, handlers, name, input);
}

async function call<T>(test: TestCore, name: string, input: unknown): Promise<T> {
  const result = await invoke(test, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const alertChanges = (test: TestCore) => test.events.filter((event) => event.kind === 'data_changed' && event.reason === 'alerts').length;

describe('alerts.undismiss (the panel’s Undo)', () => {
  it('brings a dismissed alert back as it was: unread if it was unread, read if it had been read', async () => {
    const { test, alerts } = await twoAlerts();
    const [unread, read] = alerts as [AlertView, AlertView];
    test.clock.now += MINUTE_MS;
    await call(test, 'alerts.markRead', { alertId: read.id });
    test.clock.now += MINUTE_MS;
    for (const alert of [unread, read]) await call(test, 'alerts.dismiss', { alertId: alert.id });
    expect((await call<{ alerts: AlertView[] }>(test, 'alerts.list', {})).alerts.map((alert) => alert.id)).not.toContain(unread.id);

    const before = alertChanges(test);
    const restored = await call<{ alert: AlertView }>(test, 'alerts.undismiss', { alertId: unread.id });
    expect(restored.alert).toMatchObject({ id: unread.id, dismissedAt: null, readAt: null, actionable: true });
    const restoredRead = await call<{ alert: AlertView }>(test, 'alerts.undismiss', { alertId: read.id });
    expect(restoredRead.alert).toMatchObject({ id: read.id, dismissedAt: null, readAt: new Date(NOW + MINUTE_MS).toISOString() });
    expect(alertChanges(test)).toBe(before + 2);
    const listed = (await call<{ alerts: AlertView[] }>(test, 'alerts.list', {})).alerts.map((alert) => alert.id);
    expect(listed).toEqual(alerts.map((alert) => alert.id));
  });

  it('refuses an alert that does not exist, plainly, and changes nothing', async () => {
    const { test } = await twoAlerts();
    const before = alertChanges(test);
    const result = await invoke(test, 'alerts.undismiss', { alertId: 'al_nope' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no alert "al_nope".' } });
    expect(alertChanges(test)).toBe(before);
    expect(await invoke(test, 'alerts.undismiss', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('alerts.markAllRead', () => {
  it('marks the alerts shown read in one go, with one change announced, keeping earlier read times', async () => {
    const { test, alerts } = await twoAlerts();
    const [first, ...rest] = alerts as [AlertView, ...AlertView[]];
    await call(test, 'alerts.markRead', { alertId: first.id });
    test.clock.now += MINUTE_MS;
    const before = alertChanges(test);
    const { alerts: marked } = await call<{ alerts: AlertView[] }>(test, 'alerts.markAllRead', { alertIds: [...alerts.map((alert) => alert.id), first.id] });
    expect(marked.map((alert) => alert.id)).toEqual(alerts.map((alert) => alert.id));
    expect(marked[0]?.readAt).toBe(new Date(NOW).toISOString());
    expect(marked.slice(1).map((alert) => alert.readAt)).toEqual(rest.map(() => new Date(NOW + MINUTE_MS).toISOString()));
    expect(alertChanges(test)).toBe(before + 1);
    expect((await call<{ alerts: AlertView[] }>(test, 'alerts.list', { unreadOnly: true })).alerts).toEqual([]);
  });

  it('is all or none: an unknown id refuses the request and marks nothing; an empty or oversized list is refused', async () => {
    const { test, alerts } = await twoAlerts();
    const result = await invoke(test, 'alerts.markAllRead', { alertIds: [alerts[0]?.id, 'al_missing'] });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no alert "al_missing".' } });
    expect((await call<{ alerts: AlertView[] }>(test, 'alerts.list', { unreadOnly: true })).alerts).toHaveLength(alerts.length);
    expect(await invoke(test, 'alerts.markAllRead', { alertIds: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMany = Array.from({ length: 101 }, (_, index) => `al_${index}`);
    expect(await invoke(test, 'alerts.markAllRead', { alertIds: tooMany })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
