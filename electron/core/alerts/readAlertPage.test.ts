import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/contract/apiResult';
import type { AlertCursor, AlertPage, AlertPageFilters } from '../../../shared/domain/alertPage';
import { ALERT_PRIORITIES, ALERT_TYPES, type AlertPriority, type AlertType } from '../../../shared/domain/alerts';
import { tempDir } from '../../../tests/support/tempDir';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import type { AlertRecord } from '../store/alertStore';
import { HOUR_MS, MINUTE_MS, NOW, openTestCore, type TestCore } from './alertTestKit';

const handlers = createRequestHandlers();
const opened: { test: TestCore; services: CoreServices }[] = [];

afterEach(() => {
  for (const { test } of opened.splice(0)) test.core.close();
});

interface StoredAlert {
  id: string;
  type: AlertType;
  priority: AlertPriority;
  createdAt: number;
  expiresAt?: number | null;
  read?: boolean;
  dismissed?: boolean;
}

function workspace(): { test: TestCore; services: CoreServices } {
  const test = openTestCore(tempDir());
  const entry = { test, services: createCoreServices(test.core, { observers: 'none' }) };
  opened.push(entry);
  return entry;
}

/** Stores alerts as evaluation would, then the creator's marks: the page reads the table, whatever raised them. */
function store(test: TestCore, alerts: readonly StoredAlert[]): void {
  for (const alert of alerts) {
    test.core.stores.alerts.insert({
      id: alert.id,
      dedupeKey: `test:${alert.id}`,
      type: alert.type,
      supporterId: `s_${alert.id}`,
      priority: alert.priority,
      suggestedAction: 'dm_reminder',
      detail: '{}',
      conversionProbability: 40,
      timeWindow: '2h',
      triggerActivityId: null,
      createdAt: alert.createdAt,
      expiresAt: alert.expiresAt ?? null,
      evaluatedAt: alert.createdAt,
      notified: 1,
    });
    if (alert.read) test.core.stores.alerts.markRead(alert.id, alert.createdAt + 1);
    if (alert.dismissed) test.core.stores.alerts.dismiss(alert.id, alert.createdAt + 1);
  }
}

async function invoke(entry: { services: CoreServices }, name: string, input: unknown): Promise<ApiResult<unknown>> {
  return invokeRequest(entry.services, handlers, name, input);
}

async function call<T>(entry: { services: CoreServices }, name: string, input: unknown): Promise<T> {
  const result = await invoke(entry, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Every page from the newest on, following `nextBefore`. */
async function walk(entry: { services: CoreServices }, filters: Partial<AlertPageFilters>, limit: number): Promise<AlertPage[]> {
  const pages: AlertPage[] = [];
  let before: AlertCursor | undefined;
  do {
    const page = await call<AlertPage>(entry, 'alerts.page', { ...filters, limit, ...(before ? { before } : {}) });
    pages.push(page);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined && pages.length < 1_000);
  return pages;
}

function isOpen(alert: StoredAlert, now: number): boolean {
  return !alert.dismissed && alert.createdAt <= now && (alert.expiresAt == null || alert.expiresAt > now);
}

function newestFirst(a: StoredAlert, b: StoredAlert): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function matches(alert: StoredAlert, filters: AlertPageFilters): boolean {
  return (filters.show === 'all' || !alert.read) && (filters.type === 'all' || alert.type === filters.type) && (filters.priority === 'all' || alert.priority === filters.priority);
}

/** 176 open unread alerts as in the walk-through (105 Event RSVP, 10 milestones), plus ones the page must leave out. */
function walkThroughAlerts(): StoredAlert[] {
  const alerts: StoredAlert[] = [];
  const add = (count: number, type: AlertType, priority: AlertPriority) => {
    for (let index = 0; index < count; index += 1) {
      const n = alerts.length;
      // Several share a millisecond, so the cursor's id tie-break is exercised.
      alerts.push({ id: `al_${String(n).padStart(4, '0')}`, type, priority, createdAt: NOW - HOUR_MS - Math.floor(n / 3) * MINUTE_MS });
    }
  };
  add(105, 'event_rsvp', 'low');
  add(10, 'milestone_reached', 'low');
  add(31, 'hot_lead_active', 'high');
  add(30, 'spending_spike', 'medium');
  // Interleave the types in time: newest-first order is not type order.
  const shuffled = fc.sample(fc.shuffledSubarray(alerts, { minLength: alerts.length }), { numRuns: 1, seed: 7 })[0] ?? alerts;
  const open = shuffled.map((alert, index) => ({ ...alert, createdAt: NOW - HOUR_MS - Math.floor(index / 3) * MINUTE_MS }));
  return [
    ...open,
    { id: 'al_dismissed', type: 'event_rsvp', priority: 'low', createdAt: NOW - 2 * MINUTE_MS, dismissed: true },
    { id: 'al_expired', type: 'vip_online', priority: 'urgent', createdAt: NOW - 3 * HOUR_MS, expiresAt: NOW - HOUR_MS },
    { id: 'al_future', type: 'milestone_reached', priority: 'low', createdAt: NOW + HOUR_MS },
  ];
}

describe('alerts.page: every open alert is reachable', () => {
  it('pages of 100 reach all 176 open alerts once each, newest first; the counts cover all of them, not the page', async () => {
    const entry = workspace();
    const alerts = walkThroughAlerts();
    store(entry.test, alerts);
    const expected = alerts.filter((alert) => isOpen(alert, NOW)).sort(newestFirst).map((alert) => alert.id);
    expect(expected).toHaveLength(176);

    const pages = await walk(entry, {}, 100);
    expect(pages.map((page) => page.alerts.length)).toEqual([100, 76]);
    expect(pages.flatMap((page) => page.alerts.map((alert) => alert.id))).toEqual(expected);
    expect(pages.at(-1)?.nextBefore).toBeNull();

    const [first] = pages as [AlertPage];
    expect(first).toMatchObject({ matching: 176, open: 176, unread: 176 });
    expect(first.counts.type).toMatchObject({ all: 176, event_rsvp: 105, milestone_reached: 10, hot_lead_active: 31, spending_spike: 30, vip_online: 0 });
    expect(first.counts.priority).toMatchObject({ all: 176, low: 115, high: 31, medium: 30, urgent: 0 });
    expect(first.counts.show).toEqual({ all: 176, unread: 176 });
  });

  it('a filter pages through every alert it matches (105 Event RSVPs: 100, then 5), and counts each choice under the others', async () => {
    const entry = workspace();
    const alerts = walkThroughAlerts();
    store(entry.test, alerts);
    const pages = await walk(entry, { type: 'event_rsvp' }, 100);
    expect(pages.map((page) => page.alerts.length)).toEqual([100, 5]);
    expect(pages.flatMap((page) => page.alerts).every((alert) => alert.type === 'event_rsvp')).toBe(true);
    const [first] = pages as [AlertPage];
    expect(first.matching).toBe(105);
    // The type choices stay counted under the other filters (none here), so switching type is honest.
    expect(first.counts.type.milestone_reached).toBe(10);
    expect(first.counts.priority).toMatchObject({ all: 105, low: 105, high: 0 });
  });

  it('alerts raised between two pages never move the next page: it starts right after the last one shown', async () => {
    const entry = workspace();
    const alerts = walkThroughAlerts();
    store(entry.test, alerts);
    const first = await call<AlertPage>(entry, 'alerts.page', { limit: 100 });
    const cursor = first.nextBefore as AlertCursor;
    // 40 new alerts at the top, and one at the very millisecond of the cursor sorting before it (newer).
    const arrivals: StoredAlert[] = Array.from({ length: 40 }, (_, index) => ({ id: `al_new_${index}`, type: 'vip_online', priority: 'urgent', createdAt: NOW - index * 1000 }));
    arrivals.push({ id: `${cursor.id}z`, type: 'vip_online', priority: 'urgent', createdAt: Date.parse(cursor.createdAt) });
    store(entry.test, arrivals);
    let before: AlertCursor | null = cursor;
    const rest: string[] = [];
    while (before) {
      const page: AlertPage = await call<AlertPage>(entry, 'alerts.page', { limit: 30, before });
      rest.push(...page.alerts.map((alert) => alert.id));
      before = page.nextBefore;
    }
    const expected = alerts.filter((alert) => isOpen(alert, NOW)).sort(newestFirst).map((alert) => alert.id);
    expect([...first.alerts.map((alert) => alert.id), ...rest]).toEqual(expected);
    // The counts are always the current ones: the arrivals are counted at once.
    expect((await call<AlertPage>(entry, 'alerts.page', { limit: 1, before: cursor })).open).toBe(176 + 41);
  });

  it('any mix of read, dismissed, expired and future alerts, any filters and page size: the pages are exactly the matching open alerts and the counts add up (property)', async () => {
    const alertArbitrary = fc.record({
      type: fc.constantFrom(...ALERT_TYPES),
      priority: fc.constantFrom(...ALERT_PRIORITIES),
      minute: fc.integer({ min: -300, max: 10 }),
      read: fc.boolean(),
      dismissed: fc.boolean(),
      expiry: fc.option(fc.integer({ min: -120, max: 120 })),
    });
    const filtersArbitrary = fc.record({
      show: fc.constantFrom('all' as const, 'unread' as const),
      type: fc.constantFrom('all' as const, ...ALERT_TYPES),
      priority: fc.constantFrom('all' as const, ...ALERT_PRIORITIES),
    });
    const entry = workspace();
    await fc.assert(
      fc.asyncProperty(fc.array(alertArbitrary, { maxLength: 60 }), filtersArbitrary, fc.integer({ min: 1, max: 25 }), async (drawn, filters, limit) => {
        // One workspace for every run (opening one is the slow part): each run starts from no alerts.
        entry.test.core.db.prepare('DELETE FROM alerts').run();
        const alerts: StoredAlert[] = drawn.map((alert, index) => ({
          id: `al_${index}`,
          type: alert.type,
          priority: alert.priority,
          createdAt: NOW + alert.minute * MINUTE_MS,
          expiresAt: alert.expiry === null ? null : NOW + alert.expiry * MINUTE_MS,
          read: alert.read,
          dismissed: alert.dismissed,
        }));
        store(entry.test, alerts);
        const open = alerts.filter((alert) => isOpen(alert, NOW));
        const pages = await walk(entry, filters, limit);
        const reached = pages.flatMap((page) => page.alerts.map((alert) => alert.id));
        expect(reached).toEqual(open.filter((alert) => matches(alert, filters)).sort(newestFirst).map((alert) => alert.id));
        expect(pages.slice(0, -1).every((page) => page.alerts.length === limit)).toBe(true);
        const [first] = pages as [AlertPage];
        expect(first.matching).toBe(reached.length);
        expect(first.open).toBe(open.length);
        expect(first.unread).toBe(open.filter((alert) => !alert.read).length);
        for (const type of ALERT_TYPES) expect(first.counts.type[type]).toBe(open.filter((alert) => alert.type === type && matches(alert, { ...filters, type: 'all' })).length);
        for (const priority of ALERT_PRIORITIES) expect(first.counts.priority[priority]).toBe(open.filter((alert) => alert.priority === priority && matches(alert, { ...filters, priority: 'all' })).length);
        expect(first.counts.show.unread).toBe(open.filter((alert) => !alert.read && matches(alert, { ...filters, show: 'all' })).length);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a bad request with a clear validation error', async () => {
    const entry = workspace();
    store(entry.test, walkThroughAlerts());
    const refused = async (input: unknown) => {
      const result = await invoke(entry, 'alerts.page', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      return result.ok ? '' : result.error.message;
    };
    expect(await refused({ before: { createdAt: 'yesterday', id: 'al_0001' } })).toContain('before.createdAt must be an ISO 8601 time');
    await refused({ limit: 101 });
    await refused({ limit: 0 });
    await refused({ type: 'birthday' });
    await refused({ priority: 'critical' });
    await refused({ show: 'read' });
    await refused({ before: { createdAt: new Date(NOW).toISOString() } });
    await refused({ offset: 100 });
  });
});

describe('alerts.markMatchingRead (Mark all read on the Alerts page)', () => {
  it('marks every unread open alert matching the filters up to the newest shown — beyond the first 100 — and nothing newer or outside them', async () => {
    const entry = workspace();
    const alerts = walkThroughAlerts();
    store(entry.test, alerts);
    const shown = await call<AlertPage>(entry, 'alerts.page', { type: 'event_rsvp' });
    const newestShown = shown.alerts[0];
    if (!newestShown) throw new Error('no Event RSVP alert');
    // Raised after the creator looked: newer than what they saw, so it stays unread.
    store(entry.test, [{ id: 'al_later', type: 'event_rsvp', priority: 'low', createdAt: NOW - MINUTE_MS }]);
    const changesBefore = entry.test.events.length;

    const { marked } = await call<{ marked: number }>(entry, 'alerts.markMatchingRead', { type: 'event_rsvp', upTo: { createdAt: newestShown.createdAt, id: newestShown.id } });
    expect(marked).toBe(105);
    expect(entry.test.events.slice(changesBefore)).toContainEqual({ kind: 'data_changed', reason: 'alerts' });
    const after = await call<AlertPage>(entry, 'alerts.page', {});
    expect(after.counts.type).toMatchObject({ event_rsvp: 106 });
    expect(after.unread).toBe(176 - 105 + 1);
    const unreadRsvps = await call<AlertPage>(entry, 'alerts.page', { type: 'event_rsvp', show: 'unread' });
    expect(unreadRsvps.alerts.map((alert) => alert.id)).toEqual(['al_later']);
    const stored = (id: string): AlertRecord | null => entry.test.core.stores.alerts.get(id);
    // Dismissed, expired and not-yet-created alerts are not the page's, and stay as they were.
    for (const id of ['al_dismissed', 'al_expired', 'al_future']) expect(stored(id)?.readAt ?? null, id).toBe(id === 'al_dismissed' ? NOW - 2 * MINUTE_MS + 1 : null);
    // Again: nothing left to mark, and no change announced.
    const changes = entry.test.events.length;
    expect(await call(entry, 'alerts.markMatchingRead', { type: 'event_rsvp', upTo: { createdAt: newestShown.createdAt, id: newestShown.id } })).toEqual({ marked: 0 });
    expect(entry.test.events.length).toBe(changes);
  });

  it('refuses a bad request with a clear validation error and marks nothing', async () => {
    const entry = workspace();
    store(entry.test, walkThroughAlerts());
    for (const input of [{}, { upTo: { createdAt: 'soon', id: 'al_0001' } }, { upTo: { createdAt: new Date(NOW).toISOString(), id: '' } }, { type: 'nope', upTo: { createdAt: new Date(NOW).toISOString(), id: 'x' } }, { alertIds: ['al_0001'] }]) {
      const result = await invoke(entry, 'alerts.markMatchingRead', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const bad = await invoke(entry, 'alerts.markMatchingRead', { upTo: { createdAt: 'soon', id: 'al_0001' } });
    expect(bad.ok ? '' : bad.error.message).toContain('upTo.createdAt must be an ISO 8601 time');
    expect((await call<AlertPage>(entry, 'alerts.page', {})).unread).toBe(176);
  });
});
