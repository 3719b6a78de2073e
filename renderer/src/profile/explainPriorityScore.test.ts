import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePriorityScore } from '../../../electron/core/engine/score/computePriorityScore';
import { SEGMENTS } from '../../../shared/domain/segments';
import { explainPriorityScore } from './explainPriorityScore';

const signals = (liveEngagement: number) => ({ chatActivity: 0, gifting: 0, profileViews: 0, liveEngagement, recentMatch: 0, likesWithoutChat: 0 });

describe('explainPriorityScore', () => {
  it('rebuilds the engine’s terms exactly whenever they matter (property against the engine’s own rule)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.boolean(), fc.constantFrom(...SEGMENTS), fc.boolean(), fc.integer({ min: 0, max: 5 }), (conversionProbability, online, segment, live, gifts7d) => {
        const priorityScore = computePriorityScore({ conversionProbability, online, segment, liveActivity7d: live, gifts7d });
        const explained = explainPriorityScore({ conversionProbability, online, segment, priorityScore, signals: signals(live ? 35 : 0) });
        expect(explained.terms.map((term) => term.applies)).toEqual([true, online, segment === 'vip', live, gifts7d > 0]);
        expect(Math.min(150, explained.rawTotal)).toBe(priorityScore);
      }),
    );
  });

  it('names each term and says when the cap applies', () => {
    const explained = explainPriorityScore({ conversionProbability: 100, online: true, segment: 'vip', priorityScore: 150, signals: signals(40) });
    expect(explained.terms.map((term) => [term.label, term.points])).toEqual([
      ['Conversion probability', 100],
      ['Online now', 20],
      ['VIP', 15],
      ['Watched or gifted in a live stream in the last 7 days', 10],
      ['Sent a gift in the last 7 days', 10],
    ]);
    expect(explained).toMatchObject({ rawTotal: 155, capped: true });
    const small = explainPriorityScore({ conversionProbability: 40, online: false, segment: 'active', priorityScore: 50, signals: signals(0) });
    expect(small.terms[4]).toEqual({ label: 'Sent a gift in the last 7 days', points: 10, applies: true });
    expect(small).toMatchObject({ rawTotal: 50, capped: false });
  });
});
