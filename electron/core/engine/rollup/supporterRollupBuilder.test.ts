import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../../shared/domain/activityTypes';
import { DAY_MS, HOUR_MS } from '../engineTime';
import { buildSupporterRollup } from './buildSupporterRollup';
import { recentAtOf, type RollupActivity } from './supporterRollup';
import { SupporterRollupBuilder } from './supporterRollupBuilder';

const NOW = Date.parse('2026-01-15T12:00:00Z');
let counter = 0;
function act(type: ActivityType, at: number, extra: Partial<RollupActivity> = {}): RollupActivity {
  counter += 1;
  return { id: `x${counter}`, type, at, tokens: 0, minutes: null, online: null, listingId: null, ...extra };
}

describe('SupporterRollupBuilder', () => {
  it('folding onto an earlier rollup equals building from everything at once', () => {
    const first = [act('gift', NOW - 50 * DAY_MS, { tokens: 10 }), act('chat_message', NOW - 3 * DAY_MS), act('creator_message', NOW - 2 * DAY_MS)];
    const second = [
      act('chat_message', NOW - DAY_MS, { tokens: 2 }),
      act('event_registration', NOW - DAY_MS, { listingId: 'l2', tokens: 5 }),
      act('presence', NOW - HOUR_MS, { online: true }),
      act('live_attendance', NOW - HOUR_MS, { minutes: 42 }),
    ];
    const base = buildSupporterRollup('s1', first);
    const builder = new SupporterRollupBuilder('s1', base);
    for (const activity of second) builder.add(activity);
    expect(builder.needsUnreadRecount).toBe(false);
    expect(builder.finish()).toEqual(buildSupporterRollup('s1', [...second, ...first]));
  });

  it('gives the same windowed entries whatever order records at the same instant arrive in', () => {
    const big = act('gift', NOW - HOUR_MS, { tokens: 5 });
    const small = act('gift', NOW - HOUR_MS, { tokens: 3 });
    const later = act('like', NOW);
    const oneWay = buildSupporterRollup('s1', [big, small, later]);
    const otherWay = buildSupporterRollup('s1', [later, small, big]);
    expect(oneWay.recent).toEqual(otherWay.recent);
    // Folding the tie onto a base in either order gives those bytes too.
    const onBase = new SupporterRollupBuilder('s1', buildSupporterRollup('s1', [big]));
    onBase.add(small);
    onBase.add(later);
    expect(onBase.finish().recent).toEqual(oneWay.recent);
  });

  it('orders the windowed entries by (key, value) whatever order the records arrive in', () => {
    const recordArb = fc.record({
      type: fc.constantFrom<ActivityType>('gift', 'chat_message', 'like', 'profile_view'),
      hoursAgo: fc.integer({ min: 0, max: 24 * 29 }),
      tokens: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 3 }), (generated, lateOnes) => {
        const inTimeOrder = generated.map((record) => act(record.type, NOW - record.hoursAgo * HOUR_MS, { tokens: record.tokens })).sort((a, b) => a.at - b.at);
        // A few records arriving late (moved to the end) and everything backwards: the two ways entries get out of place.
        const withLateOnes = [...inTimeOrder];
        for (const position of lateOnes) {
          if (withLateOnes.length > 0) withLateOnes.push(...withLateOnes.splice(position % withLateOnes.length, 1));
        }
        const expected = buildSupporterRollup('s1', inTimeOrder).recent;
        for (let index = 2; index < expected.length; index += 2) {
          const ordered = (expected[index - 2] as number) < (expected[index] as number) ||
            (expected[index - 2] === expected[index] && (expected[index - 1] as number) <= (expected[index + 1] as number));
          expect(ordered).toBe(true);
        }
        expect(buildSupporterRollup('s1', withLateOnes).recent).toEqual(expected);
        expect(buildSupporterRollup('s1', [...inTimeOrder].reverse()).recent).toEqual(expected);
      }),
    );
  });

  it('asks for a recount when a creator message lands before chats the base already counted', () => {
    const base = buildSupporterRollup('s1', [act('chat_message', NOW - 2 * HOUR_MS), act('chat_message', NOW - HOUR_MS)]);
    expect(base.unreadCount).toBe(2);
    const late = new SupporterRollupBuilder('s1', base);
    late.add(act('creator_message', NOW - 90 * 60_000));
    expect(late.needsUnreadRecount).toBe(true);
    expect(() => late.finish()).toThrow();
    expect(late.finish(1).unreadCount).toBe(1);

    const inOrder = new SupporterRollupBuilder('s1', base);
    inOrder.add(act('creator_message', NOW - 30 * 60_000));
    inOrder.add(act('chat_message', NOW - 10 * 60_000));
    expect(inOrder.needsUnreadRecount).toBe(false);
    expect(inOrder.finish().unreadCount).toBe(1);
  });

  it('keeps only entries a window can still hold: 30 days, and paid ones only beyond 7 days', () => {
    // Hourly chats; every other one paid.
    const activities = Array.from({ length: 3000 }, (_, index) => act('chat_message', NOW - index * HOUR_MS, { tokens: index % 2 }));
    const rollup = buildSupporterRollup('s1', activities);
    const times: number[] = [];
    for (let index = 0; index < rollup.recent.length; index += 2) times.push(recentAtOf(rollup.recent[index] as number));
    expect(Math.min(...times)).toBeGreaterThan(NOW - 30 * DAY_MS);
    // 168 in the last 7 days, then the paid half of the 552 between 7 and 30 days.
    expect(times.length).toBe(168 + 276);
    expect(rollup.activityCount).toBe(3000);
    expect(rollup.unreadCount).toBe(3000);
  });

  it('records distinct registered listings, sorted', () => {
    const rollup = buildSupporterRollup('s1', [
      act('event_registration', NOW - DAY_MS, { listingId: 'b' }),
      act('event_registration', NOW - DAY_MS, { listingId: 'a' }),
      act('event_registration', NOW - 2 * DAY_MS, { listingId: 'b' }),
    ]);
    expect(rollup.registeredListingIds).toEqual(['a', 'b']);
  });
});
