import { describe, expect, it } from 'vitest';
import type { ExpectedImpact } from '../../../shared/contract/apiTypes';
import { describeBasisInFull, describeImpact, describeWindow } from './describeImpact';

describe('describeWindow', () => {
  it('spells out compact windows', () => {
    expect(describeWindow('24h')).toBe('within 24 hours');
    expect(describeWindow('7d')).toBe('within 7 days');
    expect(describeWindow('1h')).toBe('within 1 hour');
  });

  it('keeps sentences the core already wrote', () => {
    expect(describeWindow('until the stream ends')).toBe('until the stream ends');
    expect(describeWindow('while online, at most 2 hours')).toBe('while online, at most 2 hours');
    expect(describeWindow('24 hours')).toBe('within 24 hours');
  });
});

const formula: ExpectedImpact = { conversionProbability: 72, estimatedTokens: 140, basis: 'formula', sampleSize: 4, timeWindow: '24h', windowEndsAt: null };
const learned: ExpectedImpact = { ...formula, conversionProbability: 43, estimatedTokens: 64, basis: 'your_results', sampleSize: 37, timeWindow: 'until the stream ends' };

describe('describeImpact', () => {
  it('reads as one sentence that says where the figures come from', () => {
    expect(describeImpact('dm_reminder', formula)).toBe('Expected: 72% chance, ≈ 140 tokens within 24 hours (estimate from this supporter’s activity).');
    expect(describeImpact('invite_to_live', learned)).toBe('Expected: 43% chance, ≈ 64 tokens until the stream ends (based on your last 37 live invites).');
  });

  it('says the alert’s window when the action answers an alert', () => {
    expect(describeImpact('dm_reminder', formula, 'while online, at most 2 hours')).toBe(
      'Expected: 72% chance, ≈ 140 tokens while online, at most 2 hours (estimate from this supporter’s activity).',
    );
  });
});

describe('describeBasisInFull', () => {
  it('says how far the creator’s own results are while the formula shows', () => {
    expect(describeBasisInFull('prioritize_reply', formula)).toBe('estimate from this supporter’s activity; your own results count from 10 closed priority replies (4 so far)');
    expect(describeBasisInFull('invite_to_live', learned)).toBe('based on your last 37 live invites');
  });

  it('says why a formula estimate expects no tokens beside a chance of converting', () => {
    const noSpend: ExpectedImpact = { ...formula, conversionProbability: 75, estimatedTokens: 0 };
    expect(describeBasisInFull('dm_reminder', noSpend)).toBe(
      'estimate from this supporter’s activity (little or no spending in the last 90 days, so no tokens to expect); your own results count from 10 closed message reminders (4 so far)',
    );
    expect(describeBasisInFull('invite_to_live', { ...learned, estimatedTokens: 0 })).toBe('based on your last 37 live invites');
  });
});
