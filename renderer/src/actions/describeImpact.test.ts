import { describe, expect, it } from 'vitest';
import { describeImpact, describeWindow } from './describeImpact';

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

describe('describeImpact', () => {
  it('reads as one sentence', () => {
    expect(describeImpact({ conversionProbability: 72, estimatedTokens: 140, timeWindow: '24h', windowEndsAt: null })).toBe(
      'Expected: 72% chance, ≈ 140 tokens within 24 hours.',
    );
  });
});
