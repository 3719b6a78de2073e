import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../../../shared/domain/segments';
import { alertPhrase, explainNowScore, pickNamedAlert, type NowScoreFacts } from './explainNowScore';

const NOW = Date.parse('2025-12-03T10:00:00Z');
const MINUTE_MS = 60_000;

function facts(overrides: Partial<NowScoreFacts> = {}): NowScoreFacts {
  return {
    priorityScore: 40,
    conversionProbability: 40,
    online: false,
    segment: 'active',
    unreadCount: 0,
    openAlert: null,
    followUpDue: false,
    lastActionAt: null,
    ...overrides,
  };
}

describe('explainNowScore', () => {
  it('adds SPEC §11 terms: 25 online, 4 per unread (at most 5), 15 open alert, 10 follow-up due, −30 acted on', () => {
    expect(explainNowScore(facts(), NOW).nowScore).toBe(40);
    expect(explainNowScore(facts({ online: true, priorityScore: 60 }), NOW).nowScore).toBe(85);
    expect(explainNowScore(facts({ unreadCount: 3 }), NOW).nowScore).toBe(52);
    expect(explainNowScore(facts({ unreadCount: 9 }), NOW).nowScore).toBe(60);
    const alert = { id: 'a1', type: 'hot_lead_active', priority: 'high', createdAt: NOW - 12 * MINUTE_MS, expiresAt: NOW + 60 * MINUTE_MS };
    expect(explainNowScore(facts({ openAlert: alert }), NOW).nowScore).toBe(55);
    expect(explainNowScore(facts({ followUpDue: true }), NOW).nowScore).toBe(50);
    expect(explainNowScore(facts({ lastActionAt: NOW - 3 * 60 * MINUTE_MS }), NOW).nowScore).toBe(10);
  });

  it('names the reasons as short phrases, largest contribution first, the minus term last', () => {
    const explained = explainNowScore(
      facts({
        segment: 'vip',
        online: true,
        conversionProbability: 55,
        // 55 + 20 online + 15 VIP + 10 gifts this week.
        priorityScore: 100,
        unreadCount: 3,
        openAlert: { id: 'a1', type: 'hot_lead_active', priority: 'high', createdAt: NOW - 12 * MINUTE_MS, expiresAt: null },
        followUpDue: true,
        lastActionAt: NOW - 2 * 60 * MINUTE_MS,
      }),
      NOW,
    );
    expect(explained.reasons).toEqual([
      '55% likely to spend',
      'online now',
      'hot lead active 12 min ago',
      'VIP',
      '3 unread',
      'live or gifts this week',
      'follow-up due',
      'acted 2 h ago',
    ]);
    expect(explained.nowScore).toBe(100 + 25 + 12 + 15 + 10 - 30);
  });

  it('always gives a reason: the chance to spend below 50 %, or "nothing pressing" with none', () => {
    expect(explainNowScore(facts({ conversionProbability: 12, priorityScore: 12 }), NOW).reasons).toEqual(['12% likely to spend']);
    expect(explainNowScore(facts({ conversionProbability: 0, priorityScore: 0 }), NOW).reasons).toEqual(['nothing pressing']);
    expect(explainNowScore(facts({ conversionProbability: 0, priorityScore: 0, lastActionAt: NOW }), NOW).reasons).toEqual(['nothing pressing', 'acted just now']);
  });

  it('gives "Why this score?" every term, applying or not, summing to the score', () => {
    const explained = explainNowScore(facts({ online: true, priorityScore: 60, unreadCount: 1 }), NOW);
    expect(explained.terms.map((term) => [term.kind, term.applies, term.points])).toEqual([
      ['priority', true, 60],
      ['online', true, 25],
      ['unread', true, 4],
      ['open_alert', false, 0],
      ['follow_up_due', false, 0],
      ['recent_action', false, 0],
    ]);
    expect(explained.terms[2]?.label).toBe('1 unread message (4 points each, at most 5 counted)');
  });

  it('names the most urgent open alert, then the newest, whatever order they are read in', () => {
    const low = { id: 'a', type: 'milestone_reached', priority: 'low', createdAt: NOW, expiresAt: null };
    const highOld = { id: 'b', type: 'vip_online', priority: 'high', createdAt: NOW - 60 * MINUTE_MS, expiresAt: null };
    const highNew = { id: 'c', type: 'hot_lead_active', priority: 'high', createdAt: NOW - MINUTE_MS, expiresAt: null };
    expect(pickNamedAlert([low, highOld, highNew])?.id).toBe('c');
    expect(pickNamedAlert([highNew, low, highOld])?.id).toBe('c');
    expect(pickNamedAlert([])).toBeNull();
  });

  it('property: the score is the formula, and each reason appears exactly when its term applies', () => {
    const alertFact = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      type: fc.constantFrom('vip_online', 'hot_lead_active', 'spending_spike', 'follow_up_due'),
      priority: fc.constantFrom('urgent', 'high', 'medium', 'low'),
      createdAt: fc.integer({ min: NOW - 10 * 24 * 60 * MINUTE_MS, max: NOW }),
      expiresAt: fc.constant(null),
    });
    const arbitraryFacts = fc
      .record({
        conversionProbability: fc.integer({ min: 0, max: 100 }),
        online: fc.boolean(),
        segment: fc.constantFrom(...SEGMENTS),
        engaged: fc.constantFrom(0, 10, 20),
        unreadCount: fc.integer({ min: 0, max: 40 }),
        openAlert: fc.option(alertFact, { nil: null }),
        followUpDue: fc.boolean(),
        lastActionAt: fc.option(fc.integer({ min: NOW - 24 * 60 * MINUTE_MS + 1, max: NOW }), { nil: null }),
      })
      .map(({ engaged, ...rest }): NowScoreFacts => ({
        ...rest,
        // SPEC §5's priority, capped at 150.
        priorityScore: Math.min(150, rest.conversionProbability + (rest.online ? 20 : 0) + (rest.segment === 'vip' ? 15 : 0) + engaged),
      }));
    fc.assert(
      fc.property(arbitraryFacts, (input) => {
        const explained = explainNowScore(input, NOW);
        const expected =
          input.priorityScore +
          (input.online ? 25 : 0) +
          Math.min(input.unreadCount, 5) * 4 +
          (input.openAlert !== null ? 15 : 0) +
          (input.followUpDue ? 10 : 0) -
          (input.lastActionAt !== null ? 30 : 0);
        expect(explained.nowScore).toBe(expected);
        expect(explained.terms.reduce((sum, term) => sum + term.points, 0)).toBe(expected);
        expect(explained.reasons.includes('online now')).toBe(input.online);
        expect(explained.reasons.includes('VIP')).toBe(input.segment === 'vip');
        expect(explained.reasons.includes('follow-up due')).toBe(input.followUpDue);
        // A due follow-up's own alert is said once, as "follow-up due"; any other open alert is named.
        const namesAlert = input.openAlert !== null && explained.reasons.includes(alertPhrase(input.openAlert, NOW));
        expect(namesAlert).toBe(input.openAlert !== null && !(input.followUpDue && input.openAlert.type === 'follow_up_due'));
        expect(explained.reasons.includes(`${input.unreadCount} unread`)).toBe(input.unreadCount > 0);
        expect(explained.reasons.some((reason) => reason.startsWith('acted '))).toBe(input.lastActionAt !== null);
        // The minus term is always the last reason.
        if (input.lastActionAt !== null) expect(explained.reasons.at(-1)).toMatch(/^acted /);
        expect(new Set(explained.reasons).size).toBe(explained.reasons.length);
        expect(explained.reasons.filter((reason) => !reason.startsWith('acted ')).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
