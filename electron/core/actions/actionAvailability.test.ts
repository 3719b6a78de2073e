import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { creator, HOUR_MS, MINUTE_MS, NOW, openTestCore, stream, supporter, type TestCore } from '../alerts/alertTestKit';
import { actionAvailabilityFor, describeAvailableAgain, hourlyLimitLiftsAt, latestActionAt } from './actionAvailability';
import { runCrmAction } from './runCrmAction';

const opened: TestCore[] = [];

function open(records = [creator(), supporter('s1'), supporter('s2', { fanClub: { tier: 'royal_elite', since: '2025-01-01T00:00:00Z', renewsAt: '2026-01-01T00:00:00Z', active: true } })]): TestCore {
  const test = openTestCore(tempDir());
  test.apply(records);
  opened.push(test);
  return test;
}

afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

const byType = (test: TestCore, supporterId: string, now: number) =>
  Object.fromEntries((actionAvailabilityFor(test.core, [supporterId], now)[0]?.actions ?? []).map((action) => [action.type, action]));

describe('action availability before clicking', () => {
  it('says when a refused action is available again, and agrees with the refusal at every moment around it', () => {
    const test = open();
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW + 1234 }).status).toBe('executed');
    const later = NOW + 5 * HOUR_MS;
    const availability = byType(test, 's1', later);
    expect(availability.dm_reminder).toEqual({
      type: 'dm_reminder',
      available: false,
      reason: 'Message reminder was already used for them in the last 24 hours.',
      availableAt: new Date(NOW + 1234 + 24 * HOUR_MS).toISOString(),
    });
    expect(availability.prioritize_reply).toMatchObject({ available: true, reason: null, availableAt: null });
    // One millisecond before the time said, the core still refuses; at it, the action runs.
    const liftsAt = NOW + 1234 + 24 * HOUR_MS;
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: liftsAt - 1 }).status).toBe('rejected');
    expect(byType(test, 's1', liftsAt).dm_reminder?.available).toBe(true);
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: liftsAt }).status).toBe('executed');
  });

  it('gives preconditions their reason and no time; an unknown supporter is refused for every type', () => {
    const test = open();
    const royal = byType(test, 's2', NOW);
    expect(royal.offer_fan_club).toMatchObject({ available: false, availableAt: null, reason: expect.stringContaining('no higher tier') });
    expect(royal.invite_to_live).toMatchObject({ available: false, availableAt: null, reason: expect.stringContaining('no live or scheduled stream') });
    expect(royal.dm_reminder?.available).toBe(true);
    const [ghost] = actionAvailabilityFor(test.core, ['ghost'], NOW);
    expect(ghost?.actions.every((action) => !action.available && action.reason === 'This supporter is not in this workspace.')).toBe(true);
  });

  it('offers invite_to_live once a stream is scheduled, and nothing while earning is off', () => {
    const test = open([creator(), supporter('s1'), stream('st1', { scheduledAt: NOW + HOUR_MS })]);
    expect(byType(test, 's1', NOW).invite_to_live?.available).toBe(true);
    const off = open([creator(false), supporter('s1')]);
    expect(Object.values(byType(off, 's1', NOW)).every((action) => !action.available && action.reason === 'Earning is switched off for this account.')).toBe(true);
  });

  it('the hourly limit lifts when the oldest of the hour’s actions leaves the window', () => {
    const records = [creator()];
    for (let index = 0; index < 61; index += 1) records.push(supporter(`r${index}`));
    const test = open(records);
    for (let index = 0; index < 60; index += 1) runCrmAction(test.core, { supporterId: `r${index}`, type: 'dm_reminder' }, { now: NOW + 7 + index * 30_000 });
    const at = NOW + 40 * MINUTE_MS;
    expect(hourlyLimitLiftsAt(test.core.stores.actionLog, at)).toBe(NOW + 7 + HOUR_MS);
    expect(byType(test, 'r60', at).prioritize_reply).toMatchObject({ available: false, availableAt: new Date(NOW + 7 + HOUR_MS).toISOString() });
    expect(runCrmAction(test.core, { supporterId: 'r60', type: 'prioritize_reply' }, { now: NOW + 6 + HOUR_MS }).status).toBe('rejected');
    expect(runCrmAction(test.core, { supporterId: 'r60', type: 'prioritize_reply' }, { now: NOW + 7 + HOUR_MS }).status).toBe('executed');
  });
});

describe('latestActionAt', () => {
  it('finds the latest request time in the window for any set of request times (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 24 * HOUR_MS - 1 }), { maxLength: 8 }), (offsets) => {
        const times = offsets.map((offset) => NOW - offset);
        const log = {
          hasRecent: (_supporterId: string, _type: string, from: number, to: number) => times.some((time) => time > from && time <= to),
          countRequested: () => 0,
        };
        const expected = times.length === 0 ? null : Math.max(...times);
        expect(latestActionAt(log, 's', 'dm_reminder', NOW - 24 * HOUR_MS, NOW)).toBe(expected);
      }),
    );
  });
});

describe('describeAvailableAgain', () => {
  it('says the time in the creator’s zone, rounded up to the minute, with "tomorrow" when the date changes', () => {
    const now = Date.parse('2025-12-03T10:00:00Z');
    expect(describeAvailableAgain(Date.parse('2025-12-03T17:39:01Z'), now, 'Europe/Berlin')).toBe('available again at 18:40 (Europe/Berlin)');
    expect(describeAvailableAgain(Date.parse('2025-12-04T08:15:00Z'), now, 'Europe/Berlin')).toBe('available again tomorrow at 09:15 (Europe/Berlin)');
    expect(describeAvailableAgain(Date.parse('2025-12-03T17:40:00Z'), now, 'Mars/Olympus')).toBe('available again at 17:40 (UTC)');
  });
});
