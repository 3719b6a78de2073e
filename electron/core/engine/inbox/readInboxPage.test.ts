import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../../shared/contract/apiResult';
import {
  activity,
  DAY_MS,
  HOUR_MS,
  listing,
  MINUTE_MS,
  NOW,
  openEngineCore,
  stream,
  supporter,
  type EngineTestCore,
} from '../testing/engineTestKit';
import { isFlagActive } from './isFlagActive';
import { isStreamInvitable } from './isStreamInvitable';
import { quickActionsFor } from './quickActionsFor';
import { readInboxPage } from './readInboxPage';
import { readTabCounts } from './readTabCounts';

let testCore: EngineTestCore | null = null;
afterEach(() => testCore?.close());

function workspace(): EngineTestCore {
  testCore = openEngineCore();
  testCore.service.ensureCurrent(NOW);
  return testCore;
}

describe('quick actions, flags and streams', () => {
  it('offers only the actions whose preconditions hold', () => {
    const none = { hasInvitableStream: false, hasUpcomingListing: false };
    expect(quickActionsFor(null, none)).toEqual(['dm_reminder', 'offer_fan_club', 'prioritize_reply']);
    expect(quickActionsFor('royal_elite', none)).toEqual(['dm_reminder', 'prioritize_reply']);
    expect(quickActionsFor('diamond', { hasInvitableStream: true, hasUpcomingListing: true })).toEqual([
      'dm_reminder',
      'invite_to_live',
      'offer_fan_club',
      'event_early_access',
      'prioritize_reply',
    ]);
  });

  it('invites to a stream that is scheduled ahead or live, not one that ended or never started', () => {
    expect(isStreamInvitable({ id: 's', scheduledAt: NOW + HOUR_MS, startedAt: null, endedAt: null }, NOW)).toBe(true);
    expect(isStreamInvitable({ id: 's', scheduledAt: NOW - HOUR_MS, startedAt: null, endedAt: null }, NOW)).toBe(false);
    expect(isStreamInvitable({ id: 's', scheduledAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS, endedAt: null }, NOW)).toBe(true);
    expect(isStreamInvitable({ id: 's', scheduledAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS, endedAt: NOW - 1 }, NOW)).toBe(false);
    // As of an earlier now the stream had not started yet, and was scheduled ahead.
    expect(isStreamInvitable({ id: 's', scheduledAt: NOW, startedAt: NOW, endedAt: NOW + HOUR_MS }, NOW - DAY_MS)).toBe(true);
  });

  it('keeps a flag until a creator message strictly later than it', () => {
    expect(isFlagActive(null, null, NOW)).toBe(false);
    expect(isFlagActive(NOW - HOUR_MS, null, NOW)).toBe(true);
    expect(isFlagActive(NOW - HOUR_MS, NOW - HOUR_MS, NOW)).toBe(true);
    expect(isFlagActive(NOW - HOUR_MS, NOW - HOUR_MS + 1, NOW)).toBe(false);
    expect(isFlagActive(NOW + HOUR_MS, null, NOW)).toBe(false);
  });
});

describe('readInboxPage', () => {
  it('fills every entry field (SPEC §10 Entry)', () => {
    const { core, services, apply } = workspace();
    apply([
      listing('future', NOW + 3 * DAY_MS),
      listing('past', NOW - 3 * DAY_MS),
      stream('live', { scheduledAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS }),
      supporter('e1', { fanClub: { tier: 'gold', active: true } }),
      activity('e1', 'chat_message', NOW - 3 * HOUR_MS, { tokens: 10 }),
      activity('e1', 'creator_message', NOW - 2 * HOUR_MS),
      activity('e1', 'chat_message', NOW - HOUR_MS),
      activity('e1', 'event_registration', NOW - 2 * DAY_MS, { listingId: 'future', tokens: 20 }),
      activity('e1', 'presence', NOW - 10 * MINUTE_MS, { online: true }),
    ]);
    core.stores.flags.setDmReminder('e1', NOW - 150 * MINUTE_MS);
    core.stores.flags.setPriorityReply('e1', NOW - 30 * MINUTE_MS);
    const page = readInboxPage(services, { tab: 'all' }, NOW);
    expect(page).toEqual({
      tab: 'all',
      total: 1,
      entries: [
        {
          supporterId: 'e1',
          handle: 'fan_e1',
          segment: 'active',
          online: true,
          lifetimeTokens: 30,
          monthlyTokens: 30,
          lastActivityAt: new Date(NOW - 10 * MINUTE_MS).toISOString(),
          unreadCount: 1,
          // chat 20 × 0.3 = 6, +10 online, +10 fan club
          conversionProbability: 26,
          conversionPotential: 'low',
          priorityScore: 46,
          fanClubTier: 'gold',
          hasUpcomingEvent: true,
          flags: { dmReminder: false, priorityReply: true },
          quickActions: ['dm_reminder', 'invite_to_live', 'offer_fan_club', 'event_early_access', 'prioritize_reply'],
          firstPurchaseAt: new Date(NOW - 2 * DAY_MS).toISOString(),
          tags: [],
        },
      ],
    });
  });

  it('lists the top vipTabSize VIPs while the total counts them all, ties by id', () => {
    const { core, services, apply } = workspace();
    core.stores.settings.update({ vipTabSize: 3 });
    for (const [id, tokens] of [['v5', 1000], ['v1', 5000], ['v3', 2000], ['v2', 2000], ['v4', 1500]] as const) {
      apply([supporter(id), activity(id, 'gift', NOW - DAY_MS, { tokens })]);
    }
    const page = readInboxPage(services, { tab: 'vip' }, NOW);
    expect(page.total).toBe(5);
    expect(page.entries.map((entry) => entry.supporterId)).toEqual(['v1', 'v2', 'v3']);
    expect(readInboxPage(services, { tab: 'vip', offset: 2, limit: 5 }, NOW).entries.map((entry) => entry.supporterId)).toEqual(['v3']);
    expect(readInboxPage(services, { tab: 'vip', offset: 3 }, NOW).entries).toEqual([]);
    expect(readTabCounts(services, NOW).counts.vip).toBe(5);
  });

  it('finds handles by substring, case-insensitively, with LIKE wildcards taken literally', () => {
    const { services, apply } = workspace();
    apply([
      supporter('h1', { handle: 'StarFan' }),
      supporter('h2', { handle: 'superstar_99' }),
      supporter('h3', { handle: 'moon%' }),
      ...['h1', 'h2', 'h3'].map((id) => activity(id, 'gift', NOW - HOUR_MS, { tokens: 5 })),
    ]);
    expect(readInboxPage(services, { tab: 'all', search: 'STAR' }, NOW)).toMatchObject({ total: 2 });
    expect(readInboxPage(services, { tab: 'all', search: '%' }, NOW).entries.map((entry) => entry.handle)).toEqual(['moon%']);
    expect(readInboxPage(services, { tab: 'all', search: '  ' }, NOW).total).toBe(3);
  });

  it('pages with limit and offset and caps a page at 100', () => {
    const { services, apply } = workspace();
    const records = [];
    for (let index = 0; index < 120; index += 1) {
      const id = `p${String(index).padStart(3, '0')}`;
      records.push(supporter(id), activity(id, 'gift', NOW - index * MINUTE_MS, { tokens: 1 }));
    }
    apply(records);
    const first = readInboxPage(services, { tab: 'all', limit: 100 }, NOW);
    expect(first.total).toBe(120);
    expect(first.entries).toHaveLength(100);
    expect(readInboxPage(services, { tab: 'all', limit: 500 }, NOW).entries).toHaveLength(100);
    expect(readInboxPage(services, { tab: 'all' }, NOW).entries).toHaveLength(50);
    expect(readInboxPage(services, { tab: 'all', offset: 100 }, NOW).entries.map((entry) => entry.supporterId)[0]).toBe('p100');
  });

  it('sorts by the tab order by default and refuses the model\'s orders outside the All tab', () => {
    const { services } = workspace();
    expect(() => readInboxPage(services, { tab: 'vip', sort: 'chance_active' }, NOW)).toThrow(ApiFailure);
    expect(readInboxPage(services, { tab: 'all', sort: 'default' }, NOW).total).toBe(0);
  });

  it('shows a newcomer in New for 30 days after their first purchase', () => {
    const { services, apply } = workspace();
    apply([supporter('n'), activity('n', 'like', NOW - 40 * DAY_MS), activity('n', 'gift', NOW - 29 * DAY_MS, { tokens: 1 })]);
    expect(readInboxPage(services, { tab: 'new' }, NOW).total).toBe(1);
    expect(readInboxPage(services, { tab: 'new' }, NOW + DAY_MS - 1).total).toBe(1);
    expect(readInboxPage(services, { tab: 'new' }, NOW + DAY_MS).total).toBe(0);
  });
});
