import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../../shared/domain/activityTypes';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engineTime';
import { buildSupporterRollup } from '../rollup/buildSupporterRollup';
import type { RollupActivity } from '../rollup/supporterRollup';
import type { ActivitySummary } from './activitySummary';
import { classifySegment } from './classifySegment';
import { computeConversionProbability, rawConversionScore } from './computeConversionProbability';
import { computePriorityScore } from './computePriorityScore';
import { computeSignals } from './computeSignals';
import { conversionPotentialFor } from './conversionPotentialFor';
import { explainConversionScore } from './explainConversionScore';
import { scoreSupporter } from './scoreSupporter';
import { summarizeActivities } from './summarizeActivities';
import { summarizeRollup } from './summarizeRollup';

const NOW = Date.parse('2026-01-15T12:00:00Z');
let counter = 0;
function act(type: ActivityType, at: number, extra: Partial<RollupActivity> = {}): RollupActivity {
  counter += 1;
  return { id: `x${String(counter).padStart(5, '0')}`, type, at, tokens: 0, minutes: null, online: null, listingId: null, ...extra };
}
function summaryOf(activities: RollupActivity[], now = NOW): ActivitySummary {
  return summarizeActivities('s1', activities, now);
}
function repeat(count: number, make: (index: number) => RollupActivity): RollupActivity[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

describe('spending and activity (SPEC §2)', () => {
  it('counts every type but creator_message and presence as spend', () => {
    const summary = summaryOf([
      act('chat_message', NOW - HOUR_MS, { tokens: 5 }),
      act('creator_message', NOW - HOUR_MS, { tokens: 100 }),
      act('presence', NOW - HOUR_MS, { tokens: 100, online: true }),
      act('ppv_purchase', NOW - 40 * DAY_MS, { tokens: 30 }),
      act('like', NOW - 2 * HOUR_MS, { tokens: 1 }),
    ]);
    expect(summary.lifetimeTokens).toBe(36);
    expect(summary.monthlyTokens).toBe(6);
    expect(summary.weeklyTokens).toBe(6);
  });

  it('uses the half-open windows (now − N days, now]: 6.99 days in, exactly 7 days out', () => {
    const summary = summaryOf([
      act('gift', NOW - 6.99 * DAY_MS, { tokens: 10 }),
      act('gift', NOW - 7 * DAY_MS, { tokens: 100 }),
      act('gift', NOW - 29.99 * DAY_MS, { tokens: 1000 }),
      act('gift', NOW - 30 * DAY_MS, { tokens: 10000 }),
    ]);
    expect(summary.weeklyTokens).toBe(10);
    expect(summary.monthlyTokens).toBe(1110);
    expect(summary.gifts7d).toBe(1);
  });

  it('ignores records after now (point in time) and reports the first of them as the next change', () => {
    const future = NOW + 5 * MINUTE_MS;
    const summary = summaryOf([act('gift', NOW - DAY_MS, { tokens: 10 }), act('gift', future, { tokens: 990 })]);
    expect(summary.lifetimeTokens).toBe(10);
    expect(summary.nextChangeAt).toBe(future);
  });

  it('first purchase is the earliest paid spend; zero-token records and creator messages do not count', () => {
    const summary = summaryOf([
      act('chat_message', NOW - 10 * DAY_MS),
      act('creator_message', NOW - 9 * DAY_MS),
      act('ppv_purchase', NOW - 5 * DAY_MS, { tokens: 20 }),
      act('gift', NOW - 3 * DAY_MS, { tokens: 1 }),
    ]);
    expect(summary.firstPurchaseAt).toBe(NOW - 5 * DAY_MS);
    expect(summary.lastActivityAt).toBe(NOW - 3 * DAY_MS);
  });

  it('last activity ignores creator messages and offline presence', () => {
    const summary = summaryOf([
      act('like', NOW - 10 * DAY_MS),
      act('presence', NOW - 9 * DAY_MS, { online: true }),
      act('presence', NOW - 2 * DAY_MS, { online: false }),
      act('creator_message', NOW - HOUR_MS),
    ]);
    expect(summary.lastActivityAt).toBe(NOW - 9 * DAY_MS);
    expect(summary.online).toBe(false);
  });

  it('online is the latest presence record, with no timeout; a tie at the same instant goes to the larger id', () => {
    expect(summaryOf([act('presence', NOW - 60 * DAY_MS, { online: true })]).online).toBe(true);
    const tie = [act('presence', NOW - HOUR_MS, { id: 'p-a', online: false }), act('presence', NOW - HOUR_MS, { id: 'p-b', online: true })];
    expect(summaryOf(tie).online).toBe(true);
    expect(summaryOf([...tie].reverse()).online).toBe(true);
  });

  it('unread counts chats after the creator\'s latest message, or all when the creator never wrote', () => {
    expect(summaryOf(repeat(3, (i) => act('chat_message', NOW - (i + 1) * HOUR_MS))).unreadCount).toBe(3);
    const summary = summaryOf([
      act('chat_message', NOW - 5 * HOUR_MS),
      act('creator_message', NOW - 4 * HOUR_MS),
      act('chat_message', NOW - 4 * HOUR_MS),
      act('chat_message', NOW - 3 * HOUR_MS),
      act('chat_message', NOW - 2 * HOUR_MS),
    ]);
    expect(summary.unreadCount).toBe(2);
    expect(summary.lastCreatorMessageAt).toBe(NOW - 4 * HOUR_MS);
  });
});

describe('signals (SPEC §3)', () => {
  it('computes each signal with its cap at 100', () => {
    const activities = [
      ...repeat(11, (i) => act('chat_message', NOW - i * HOUR_MS)),
      ...repeat(3, (i) => act('gift', NOW - 10 * DAY_MS - i * HOUR_MS, { tokens: 1 })),
      act('gift', NOW - DAY_MS, { tokens: 1 }),
      ...repeat(6, (i) => act('profile_view', NOW - i * HOUR_MS)),
      act('live_attendance', NOW - DAY_MS, { minutes: 30 }),
      act('live_gift', NOW - DAY_MS, { tokens: 5 }),
    ];
    const signals = computeSignals(summaryOf(activities), NOW);
    expect(signals.chatActivity).toBe(100);
    // gifts_lifetime = 3 + 1 + 1 (live gift), gifts_7d = 2 (gift + live gift)
    expect(signals.gifting).toBe(2 * 5 + 10 * 2);
    expect(signals.profileViews).toBe(100);
    expect(signals.liveEngagement).toBe(20 + 10 + 10);
    expect(signals.recentMatch).toBe(0);
    expect(signals.likesWithoutChat).toBe(0);
  });

  it('gifting and live engagement cap at 100', () => {
    const activities = [...repeat(60, (i) => act('gift', NOW - 20 * DAY_MS - i, { tokens: 1 })), ...repeat(6, (i) => act('live_attendance', NOW - i * HOUR_MS, { minutes: 1 }))];
    const signals = computeSignals(summaryOf(activities), NOW);
    expect(signals.gifting).toBe(100);
    expect(signals.liveEngagement).toBe(100);
  });

  it('counts likes only when there was no chat in the week', () => {
    const likes = repeat(3, (i) => act('like', NOW - i * HOUR_MS));
    expect(computeSignals(summaryOf(likes), NOW).likesWithoutChat).toBe(75);
    expect(computeSignals(summaryOf([...likes, ...repeat(2, () => act('like', NOW - DAY_MS))]), NOW).likesWithoutChat).toBe(100);
    expect(computeSignals(summaryOf([...likes, act('chat_message', NOW - 2 * DAY_MS)]), NOW).likesWithoutChat).toBe(0);
    // A chat older than 7 days does not cancel the likes.
    expect(computeSignals(summaryOf([...likes, act('chat_message', NOW - 7 * DAY_MS)]), NOW).likesWithoutChat).toBe(75);
  });

  it('steps recent match at exactly 7 and 14 days (≤ is inclusive)', () => {
    const match = (daysAgo: number, extraMs = 0) => computeSignals(summaryOf([act('match', NOW - daysAgo * DAY_MS - extraMs)]), NOW).recentMatch;
    expect(match(6.99)).toBe(100);
    expect(match(7)).toBe(100);
    expect(match(7, 1)).toBe(50);
    expect(match(14)).toBe(50);
    expect(match(14, 1)).toBe(0);
    expect(computeSignals(summaryOf([]), NOW).recentMatch).toBe(0);
  });

  it('live minutes count a third each', () => {
    const signals = computeSignals(summaryOf([act('live_attendance', NOW - HOUR_MS, { minutes: 10 })]), NOW);
    expect(signals.liveEngagement).toBeCloseTo(20 + 10 / 3, 10);
  });
});

describe('conversion probability and potential (SPEC §3)', () => {
  const zeroSignals = { chatActivity: 0, gifting: 0, profileViews: 0, liveEngagement: 0, recentMatch: 0, likesWithoutChat: 0 };
  const off = { online: false, fanClubActive: false };

  it('is the weighted sum plus bonuses, rounded, capped at 100', () => {
    const all = { chatActivity: 100, gifting: 100, profileViews: 100, liveEngagement: 100, recentMatch: 100, likesWithoutChat: 100 };
    expect(rawConversionScore(all, off)).toBe(100);
    expect(computeConversionProbability(all, { online: true, fanClubActive: true })).toBe(100);
    expect(rawConversionScore(all, { online: true, fanClubActive: true })).toBe(120);
    expect(computeConversionProbability({ ...zeroSignals, chatActivity: 70 }, off)).toBe(21);
    expect(computeConversionProbability(zeroSignals, { online: true, fanClubActive: false })).toBe(10);
    expect(computeConversionProbability(zeroSignals, { online: false, fanClubActive: true })).toBe(10);
  });

  it('rounds 69.5 up to 70 and 69.4 down to 69, without floating point surprises', () => {
    // 0.3 × 100 + 0.3 × 100 + 0.15 × 30 + 0.15 × 30 = 69 (exactly), + 0.03 × ... not used
    expect(computeConversionProbability({ ...zeroSignals, chatActivity: 100, gifting: 100, profileViews: 30, liveEngagement: 30 }, off)).toBe(69);
    // live engagement 33⅓ (100 minutes / 3): 60 + 4.5 + 5 = 69.5 → 70
    const summary = summaryOf([act('live_attendance', NOW - HOUR_MS, { minutes: 40 }), ...repeat(10, (i) => act('chat_message', NOW - i * MINUTE_MS))]);
    expect(computeSignals(summary, NOW).liveEngagement).toBeCloseTo(20 + 40 / 3, 9);
    expect(computeConversionProbability({ ...zeroSignals, chatActivity: 100, gifting: 100, profileViews: 30, liveEngagement: 100 / 3 }, off)).toBe(70);
    expect(computeConversionProbability({ ...zeroSignals, chatActivity: 100, gifting: 100, profileViews: 20, liveEngagement: 40 }, off)).toBe(69);
  });

  it('labels the integer probability', () => {
    expect([100, 90, 89, 70, 69, 50, 49, 30, 29, 0].map(conversionPotentialFor)).toEqual([
      'extremely_high',
      'extremely_high',
      'very_high',
      'very_high',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('explains every signal and the bonuses', () => {
    const breakdown = explainConversionScore({ ...zeroSignals, chatActivity: 100, gifting: 100, profileViews: 100 }, { online: true, fanClubActive: true });
    expect(breakdown.signals.map((signal) => [signal.name, signal.weight, signal.contribution])).toEqual([
      ['chatActivity', 0.3, 30],
      ['gifting', 0.3, 30],
      ['profileViews', 0.15, 15],
      ['liveEngagement', 0.15, 0],
      ['recentMatch', 0.07, 0],
      ['likesWithoutChat', 0.03, 0],
    ]);
    expect(breakdown).toMatchObject({ onlineBonus: 10, fanClubBonus: 10, rawScore: 95, cappedScore: 95 });
    const capped = explainConversionScore({ ...zeroSignals, chatActivity: 100, gifting: 100, profileViews: 100, liveEngagement: 100 }, { online: true, fanClubActive: true });
    expect(capped).toMatchObject({ rawScore: 110, cappedScore: 100 });
  });
});

describe('segments (SPEC §4)', () => {
  const segment = (lifetimeTokens: number, daysSinceLast: number | null, conversionProbability: number) =>
    classifySegment({ lifetimeTokens, lastActivityAt: daysSinceLast === null ? null : NOW - daysSinceLast * DAY_MS, conversionProbability }, NOW);

  it('puts lifetime 1000 in vip whatever else holds, 999 not', () => {
    expect(segment(1000, 100, 0)).toBe('vip');
    expect(segment(1000, null, 0)).toBe('vip');
    expect(segment(999, 1, 90)).toBe('hot_lead');
  });

  it('is cold at 30 days or with no activity, dormant from 7 to 29.99 days', () => {
    expect(segment(0, null, 0)).toBe('cold');
    expect(segment(0, 30, 90)).toBe('cold');
    expect(segment(0, 29.99, 90)).toBe('dormant');
    expect(segment(0, 7, 90)).toBe('dormant');
    expect(segment(0, 6.99, 90)).toBe('hot_lead');
  });

  it('is a hot lead from probability 70, active at 69', () => {
    expect(segment(0, 1, 70)).toBe('hot_lead');
    expect(segment(0, 1, 69)).toBe('active');
  });
});

describe('priority score (SPEC §5)', () => {
  it('adds the bonuses and caps at 150', () => {
    const base = { conversionProbability: 40, online: false, segment: 'active' as const, liveActivity7d: false, gifts7d: 0 };
    expect(computePriorityScore(base)).toBe(40);
    expect(computePriorityScore({ ...base, online: true })).toBe(60);
    expect(computePriorityScore({ ...base, segment: 'vip' })).toBe(55);
    expect(computePriorityScore({ ...base, liveActivity7d: true })).toBe(50);
    expect(computePriorityScore({ ...base, gifts7d: 2 })).toBe(50);
    expect(computePriorityScore({ ...base, conversionProbability: 95, online: true, segment: 'vip', liveActivity7d: true, gifts7d: 1 })).toBe(150);
    expect(computePriorityScore({ ...base, conversionProbability: 100, online: true, segment: 'vip', liveActivity7d: true, gifts7d: 1 })).toBe(150);
    expect(computePriorityScore({ ...base, conversionProbability: 94, online: true, segment: 'vip', liveActivity7d: true, gifts7d: 1 })).toBe(149);
  });

  it('counts a live gift as live activity and as a gift', () => {
    const score = scoreSupporter(summaryOf([act('live_gift', NOW - DAY_MS, { tokens: 5 })]), false, NOW);
    // gifting = 2 + 10 = 12 → 3.6; live engagement 10 → 1.5; total 5.1 → 5; +10 live, +10 gifts
    expect(score.conversionProbability).toBe(5);
    expect(score.priorityScore).toBe(25);
  });
});

describe('next change (window edges)', () => {
  it('is the earliest moment a stored value would change with no new data', () => {
    const last = NOW - 2 * DAY_MS;
    const summary = summaryOf([act('like', last)]);
    // The like leaves the 7-day window at last + 7 days, which is also when the supporter turns dormant.
    expect(summary.nextChangeAt).toBe(last + 7 * DAY_MS);
    const paid = summaryOf([act('ppv_purchase', NOW - 20 * DAY_MS, { tokens: 5 })]);
    // Dormant already; the purchase leaves the monthly window and the New tab at +30 days, cold at +30 days too.
    expect(paid.nextChangeAt).toBe(NOW + 10 * DAY_MS);
    const match = summaryOf([act('match', NOW - 10 * DAY_MS), act('presence', NOW - DAY_MS, { online: true })]);
    expect(match.nextChangeAt).toBe(NOW - 10 * DAY_MS + 14 * DAY_MS + 1);
    expect(summaryOf([]).nextChangeAt).toBeNull();
    expect(summaryOf([act('like', NOW - 40 * DAY_MS)]).nextChangeAt).toBeNull();
  });

  it('the summary from a rollup equals the summary from raw activity', () => {
    const activities = [act('chat_message', NOW - DAY_MS, { tokens: 3 }), act('live_attendance', NOW - 2 * DAY_MS, { minutes: 12 }), act('gift', NOW - 40 * DAY_MS, { tokens: 9 })];
    expect(summarizeRollup(buildSupporterRollup('s1', activities), NOW)).toEqual(summaryOf(activities));
  });
});
