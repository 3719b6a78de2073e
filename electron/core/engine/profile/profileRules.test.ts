import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../../shared/domain/activityTypes';
import { DEFAULT_CRM_SETTINGS } from '../../../../shared/contract/crmSettings';
import type { EngineSupporter, ProfileActivity } from '../engineInputs';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engineTime';
import { buildSupporterProfile } from './buildSupporterProfile';
import { compareTrend } from './compareTrend';
import { computeBestContactTime } from './computeBestContactTime';
import { createZonedCalendar } from '../../time/createZonedCalendar';

const NOW = Date.parse('2026-01-15T12:00:00Z'); // a Thursday
let counter = 0;
function act(type: ActivityType, at: number, extra: Partial<ProfileActivity> = {}): ProfileActivity {
  counter += 1;
  return {
    id: `p${String(counter).padStart(5, '0')}`,
    type,
    at,
    tokens: 0,
    streamId: null,
    minutes: null,
    itemId: null,
    category: null,
    listingId: null,
    online: null,
    ...extra,
  };
}
const fan: EngineSupporter = {
  id: 's1',
  handle: 'fan_one',
  firstSeenAt: NOW - 100 * DAY_MS,
  timezone: null,
  fanClubTier: null,
  fanClubSince: null,
  fanClubActive: false,
};
function profileOf(activities: ProfileActivity[], overrides: Partial<EngineSupporter> = {}, creatorTimezone = 'UTC', streams = []) {
  return buildSupporterProfile({
    supporter: { ...fan, ...overrides },
    activities,
    streams,
    creatorTimezone,
    fanClubPrices: DEFAULT_CRM_SETTINGS.fanClubPrices,
    now: NOW,
  });
}
function grid(cells: [day: number, hour: number, count: number][]): number[][] {
  const rows = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [day, hour, count] of cells) (rows[day] as number[])[hour] = count;
  return rows;
}

describe('best contact time', () => {
  it('is null under 10 activities', () => {
    expect(computeBestContactTime(grid([[1, 10, 9]]), 'UTC')).toBeNull();
    // A single busy hour 10 ties the windows centred on 9, 10 and 11: the smallest index wins (SPEC §6).
    expect(computeBestContactTime(grid([[1, 10, 10]]), 'UTC')).toEqual({ day: 1, hour: 9, confidence: 100, timezone: 'UTC' });
    expect(computeBestContactTime(grid([[1, 10, 6], [1, 11, 4]]), 'UTC')).toEqual({ day: 1, hour: 10, confidence: 100, timezone: 'UTC' });
  });

  it('takes the hour with the busiest three-hour window, wrapping at midnight', () => {
    // 23:00 and 01:00 with 5 each: the window around 0 holds 10, any other at most 5 + 0.
    expect(computeBestContactTime(grid([[0, 23, 5], [3, 1, 5], [2, 12, 4]]), 'UTC')).toMatchObject({ hour: 0, day: 0, confidence: 71 });
  });

  it('breaks ties on the smallest hour and the smallest weekday', () => {
    expect(computeBestContactTime(grid([[5, 4, 5], [2, 16, 5]]), 'UTC')).toMatchObject({ hour: 3, day: 2, confidence: 50 });
  });
});

describe('zoned calendar', () => {
  it('follows daylight saving time', () => {
    const berlin = createZonedCalendar('Europe/Berlin');
    expect(berlin.partsOf(Date.parse('2026-01-15T12:00:00Z'))).toEqual({ year: 2026, month: 1, weekday: 4, hour: 13 });
    expect(berlin.partsOf(Date.parse('2026-07-15T12:00:00Z'))).toEqual({ year: 2026, month: 7, weekday: 3, hour: 14 });
    // The spring-forward day: 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST.
    expect(berlin.partsOf(Date.parse('2026-03-29T00:30:00Z')).hour).toBe(1);
    expect(berlin.partsOf(Date.parse('2026-03-29T01:30:00Z')).hour).toBe(3);
  });

  it('crosses the date line and handles half-hour zones', () => {
    expect(createZonedCalendar('Pacific/Kiritimati').partsOf(Date.parse('2026-01-15T12:00:00Z'))).toEqual({ year: 2026, month: 1, weekday: 5, hour: 2 });
    expect(createZonedCalendar('Asia/Kolkata').partsOf(Date.parse('2026-01-15T23:45:00Z'))).toEqual({ year: 2026, month: 1, weekday: 5, hour: 5 });
  });

  it('falls back to UTC for a name that is not a zone', () => {
    expect(createZonedCalendar('Not/AZone').timeZone).toBe('UTC');
  });
});

describe('trends', () => {
  it('compares the last 30 days with the 30 before at 1.2 and 0.8', () => {
    expect(compareTrend(0, 0)).toBe('stable');
    expect(compareTrend(1, 0)).toBe('increasing');
    expect(compareTrend(0, 1)).toBe('decreasing');
    expect(compareTrend(120, 100)).toBe('stable');
    expect(compareTrend(121, 100)).toBe('increasing');
    expect(compareTrend(80, 100)).toBe('stable');
    expect(compareTrend(79, 100)).toBe('decreasing');
  });
});

describe('supporter profile', () => {
  it('reports best contact time in the supporter\'s zone, else the creator\'s', () => {
    // Ten likes at 20:00 UTC on Wednesday the 14th.
    const likes = Array.from({ length: 10 }, (_, index) => act('like', Date.parse('2026-01-14T20:00:00Z') + index * MINUTE_MS));
    // One busy hour: the window centred an hour earlier ties with it and wins as the smaller index.
    expect(profileOf(likes).bestContactTime).toEqual({ day: 3, hour: 19, confidence: 100, timezone: 'UTC' });
    expect(profileOf(likes, { timezone: 'Asia/Tokyo' }).bestContactTime).toEqual({ day: 4, hour: 4, confidence: 100, timezone: 'Asia/Tokyo' });
    expect(profileOf(likes, {}, 'America/New_York').bestContactTime).toEqual({ day: 3, hour: 14, confidence: 100, timezone: 'America/New_York' });
    expect(profileOf(likes.slice(0, 9)).bestContactTime).toBeNull();
    const heatmap = profileOf(likes).activityHeatmap;
    expect(heatmap).toHaveLength(7);
    expect(heatmap[3]?.[20]).toBe(10);
  });

  it('counts only supporter-initiated activity of the last 90 days for contact time', () => {
    const old = Array.from({ length: 10 }, (_, index) => act('like', NOW - 90 * DAY_MS - index * MINUTE_MS));
    const creatorMessages = Array.from({ length: 10 }, () => act('creator_message', NOW - HOUR_MS));
    const offline = Array.from({ length: 10 }, () => act('presence', NOW - HOUR_MS, { online: false }));
    expect(profileOf([...old, ...creatorMessages, ...offline]).bestContactTime).toBeNull();
  });

  it('measures replies, response rate and conversation starters', () => {
    const profile = profileOf([
      act('chat_message', NOW - 30 * HOUR_MS),
      act('creator_message', NOW - 20 * HOUR_MS),
      act('chat_message', NOW - 20 * HOUR_MS + 30 * MINUTE_MS, { tokens: 4 }),
      act('chat_message', NOW - 19 * HOUR_MS),
      act('creator_message', NOW - 10 * HOUR_MS),
      act('gift', NOW - 5 * HOUR_MS, { tokens: 6 }),
      act('chat_message', NOW - 2 * HOUR_MS),
    ]);
    // Replies after 30 min and (to the second creator message) 8 h: both within 24 h.
    expect(profile.chat).toEqual({ messagesSent: 4, tokensSpent: 10, avgResponseMinutes: 255, lastChatAt: new Date(NOW - 2 * HOUR_MS).toISOString() });
    // Starters: the first chat ever, and the last (8 h after the creator's message); the others follow within 30 min.
    expect(profile.engagement).toMatchObject({ dmResponseRate: 100, avgDmResponseMinutes: 255, conversationStarters: 2 });
  });

  it('counts a reply only within 24 hours', () => {
    const profile = profileOf([act('creator_message', NOW - 30 * HOUR_MS), act('chat_message', NOW - 30 * HOUR_MS + 24 * HOUR_MS + 1)]);
    expect(profile.chat.avgResponseMinutes).toBeNull();
    expect(profile.engagement.dmResponseRate).toBe(0);
    expect(profileOf([]).engagement.dmResponseRate).toBeNull();
  });

  it('summarises live, ppv, events and fan club, and ranks the preferred features', () => {
    const streams = [
      { id: 'st1', scheduledAt: NOW - 10 * DAY_MS, startedAt: NOW - 10 * DAY_MS, endedAt: NOW - 10 * DAY_MS + HOUR_MS },
      { id: 'st2', scheduledAt: NOW - 5 * DAY_MS, startedAt: NOW - 5 * DAY_MS, endedAt: NOW - 5 * DAY_MS + HOUR_MS },
      { id: 'st3', scheduledAt: NOW - 200 * DAY_MS, startedAt: NOW - 200 * DAY_MS, endedAt: null },
      { id: 'st4', scheduledAt: NOW + DAY_MS, startedAt: null, endedAt: null },
    ];
    const profile = buildSupporterProfile({
      supporter: { ...fan, fanClubTier: 'gold', fanClubActive: true, fanClubSince: NOW - 65 * DAY_MS },
      activities: [
        act('live_attendance', NOW - 10 * DAY_MS, { streamId: 'st1', minutes: 30 }),
        act('live_attendance', NOW - 10 * DAY_MS + MINUTE_MS, { streamId: 'st1', minutes: 10 }),
        act('live_gift', NOW - 10 * DAY_MS, { streamId: 'st1', tokens: 50 }),
        act('ppv_purchase', NOW - 3 * DAY_MS, { itemId: 'i1', category: 'video', tokens: 20 }),
        act('ppv_purchase', NOW - 2 * DAY_MS, { itemId: 'i1', category: 'video', tokens: 20 }),
        act('ppv_purchase', NOW - DAY_MS, { itemId: 'i2', category: 'audio', tokens: 20 }),
        act('event_registration', NOW - 4 * DAY_MS, { listingId: 'l1', tokens: 15 }),
        act('event_attendance', NOW - 2 * DAY_MS, { listingId: 'l0' }),
        act('fan_club_payment', NOW - 5 * DAY_MS, { tokens: 250 }),
      ],
      streams,
      creatorTimezone: 'UTC',
      fanClubPrices: DEFAULT_CRM_SETTINGS.fanClubPrices,
      now: NOW,
    });
    expect(profile.live).toEqual({
      streamsAttended: 1,
      giftsSent: 1,
      tokensSpent: 50,
      avgWatchMinutes: 20,
      lastAttendedAt: new Date(NOW - 10 * DAY_MS + MINUTE_MS).toISOString(),
    });
    expect(profile.ppv).toEqual({ itemsPurchased: 3, tokensSpent: 60, categories: ['video', 'audio'], lastPurchaseAt: new Date(NOW - DAY_MS).toISOString() });
    expect(profile.events).toEqual({ registered: 1, attended: 1, tokensSpent: 15, lastEventAt: new Date(NOW - 2 * DAY_MS).toISOString() });
    expect(profile.fanClub).toEqual({ member: true, tier: 'gold', joinedAt: new Date(NOW - 65 * DAY_MS).toISOString(), months: 2, tokensSpent: 250 });
    // st1 and st2 started since first seen (st3 before, st4 not yet); one attended.
    expect(profile.engagement.liveAttendanceRate).toBe(50);
    expect(profile.patterns.preferredFeatures).toEqual(['fan_club', 'ppv', 'live', 'events']);
    // 375 tokens this month, below diamond's 500: not likely to upgrade.
    expect(profile.spending.monthlyTokens).toBe(375);
    expect(profile.patterns.likelyToUpgradeFanClub).toBe(false);
  });

  it('is likely to upgrade when monthly spend reaches the next tier\'s price', () => {
    const spend = [act('gift', NOW - DAY_MS, { tokens: 250 })];
    expect(profileOf(spend, { fanClubTier: 'silver', fanClubActive: true }).patterns.likelyToUpgradeFanClub).toBe(true);
    expect(profileOf(spend, { fanClubTier: 'silver', fanClubActive: false }).patterns.likelyToUpgradeFanClub).toBe(false);
    expect(profileOf([act('gift', NOW - DAY_MS, { tokens: 249 })], { fanClubTier: 'silver', fanClubActive: true }).patterns.likelyToUpgradeFanClub).toBe(false);
    expect(profileOf([act('gift', NOW - DAY_MS, { tokens: 5000 })], { fanClubTier: 'royal_elite', fanClubActive: true }).patterns.likelyToUpgradeFanClub).toBe(false);
  });

  it('rates retention risk from recency and trends', () => {
    const recentOnly = [act('gift', NOW - DAY_MS, { tokens: 5 })];
    expect(profileOf(recentOnly).patterns).toMatchObject({ spendingTrend: 'increasing', engagementTrend: 'increasing', retentionRisk: 'low' });
    expect(profileOf([act('gift', NOW - 8 * DAY_MS, { tokens: 5 })]).patterns.retentionRisk).toBe('medium');
    expect(profileOf([act('gift', NOW - 14 * DAY_MS, { tokens: 5 })]).patterns.retentionRisk).toBe('high');
    const fading = [act('gift', NOW - 40 * DAY_MS, { tokens: 100 }), act('like', NOW - 45 * DAY_MS), act('like', NOW - DAY_MS)];
    // Spending 0 vs 100: decreasing; engagement 1 vs 2: decreasing → high although active yesterday.
    expect(profileOf(fading).patterns).toMatchObject({ spendingTrend: 'decreasing', engagementTrend: 'decreasing', retentionRisk: 'high' });
    expect(profileOf([]).patterns.retentionRisk).toBe('high');
  });

  it('lists tokens per calendar month in the creator\'s zone, empty months included', () => {
    const profile = profileOf(
      [act('gift', Date.parse('2025-11-30T23:30:00Z'), { tokens: 7 }), act('gift', Date.parse('2026-01-02T10:00:00Z'), { tokens: 3 })],
      {},
      'Europe/Berlin',
    );
    expect(profile.spending.byMonth).toEqual([
      { month: '2025-12', tokens: 7 },
      { month: '2026-01', tokens: 3 },
    ]);
    expect(profileOf([]).spending.byMonth).toEqual([]);
  });

  it('lists the latest 30 supporter-initiated activities, newest first, and no creator messages', () => {
    const activities = Array.from({ length: 40 }, (_, index) => act('like', NOW - index * MINUTE_MS, { tokens: index }));
    const profile = profileOf([...activities, act('creator_message', NOW)]);
    expect(profile.recentActivity).toHaveLength(30);
    expect(profile.recentActivity[0]).toEqual({ type: 'like', at: new Date(NOW).toISOString(), tokens: 0 });
    expect(profile.recentActivity.every((item) => item.type === 'like')).toBe(true);
  });

  it('averages lifetime spend over months since the first purchase, at least one', () => {
    expect(profileOf([act('gift', NOW - 10 * DAY_MS, { tokens: 90 })]).spending.avgTokensPerMonth).toBe(90);
    expect(profileOf([act('gift', NOW - 90 * DAY_MS, { tokens: 90 })]).spending.avgTokensPerMonth).toBe(30);
    expect(profileOf([act('gift', NOW - 70 * DAY_MS, { tokens: 100 })]).spending.avgTokensPerMonth).toBe(42.86);
  });
});
