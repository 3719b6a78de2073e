import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatedTokensFor } from './expectedImpact';
import { blendedProbability, learnedImpact, PRIOR_WEIGHT, RESULTS_NEEDED, type ActionTypeResults } from './learnedImpact';

/** Closed-action results that can exist: k ≤ n, and converted ones spent at least 1 token each. */
const results = (maxClosed = 500): fc.Arbitrary<ActionTypeResults> =>
  fc
    .integer({ min: 0, max: maxClosed })
    .chain((closed) => fc.integer({ min: 0, max: closed }).map((converted) => ({ closed, converted })))
    .chain(({ closed, converted }) =>
      fc.integer({ min: converted, max: Math.max(converted, converted * 5000) }).map((convertedTokens) => ({ closed, converted, convertedTokens })),
    );
const probability = fc.integer({ min: 0, max: 100 });
const weeklySpend = fc.double({ min: 0, max: 100_000, noNaN: true });

describe('learnedImpact (SPEC §12)', () => {
  it('is §7’s formula while fewer than 10 actions of the type have closed, whatever they achieved', () => {
    expect(learnedImpact(81, 896, { closed: 9, converted: 9, convertedTokens: 9000 })).toEqual({
      conversionProbability: 81,
      estimatedTokens: 726,
      basis: 'formula',
      sampleSize: 9,
    });
    fc.assert(
      fc.property(probability, weeklySpend, results(RESULTS_NEEDED - 1), (p, spend, closed) => {
        expect(learnedImpact(p, spend, closed)).toEqual({
          conversionProbability: p,
          estimatedTokens: estimatedTokensFor(p, spend),
          basis: 'formula',
          sampleSize: closed.closed,
        });
      }),
    );
  });

  it('blends from the 10th closed action: (k + 10 p0) / (n + 10), times the converted ones’ mean spend', () => {
    // 37 live invites, 12 converted spending 1,800 tokens (mean 150); the supporter's p0 is 0.81.
    const impact = learnedImpact(81, 896, { closed: 37, converted: 12, convertedTokens: 1800 });
    const p = (12 + 10 * 0.81) / (37 + 10);
    expect(impact).toEqual({ conversionProbability: Math.round(p * 100), estimatedTokens: Math.round(p * 150), basis: 'your_results', sampleSize: 37 });
    expect(impact).toEqual({ conversionProbability: 43, estimatedTokens: 64, basis: 'your_results', sampleSize: 37 });
  });

  it('keeps §7’s tokens while none of the closed actions converted, with the chance pulled towards 0', () => {
    expect(learnedImpact(60, 200, { closed: 30, converted: 0, convertedTokens: 0 })).toEqual({
      conversionProbability: 15,
      estimatedTokens: estimatedTokensFor(60, 200),
      basis: 'your_results',
      sampleSize: 30,
    });
  });

  it('switches basis exactly at 10 closed actions (property)', () => {
    fc.assert(
      fc.property(probability, weeklySpend, results(40), (p, spend, closed) => {
        expect(learnedImpact(p, spend, closed).basis).toBe(closed.closed >= RESULTS_NEEDED ? 'your_results' : 'formula');
        expect(learnedImpact(p, spend, closed).sampleSize).toBe(closed.closed);
      }),
    );
  });

  it('lies between the prior and the observed rate, both included (property)', () => {
    fc.assert(
      fc.property(probability, results(), (p, closed) => {
        fc.pre(closed.closed >= RESULTS_NEEDED);
        const blended = blendedProbability(p, closed);
        const p0 = p / 100;
        const rate = closed.converted / closed.closed;
        const epsilon = 1e-12;
        expect(blended).toBeGreaterThanOrEqual(Math.min(p0, rate) - epsilon);
        expect(blended).toBeLessThanOrEqual(Math.max(p0, rate) + epsilon);
        const percent = learnedImpact(p, 0, closed).conversionProbability;
        expect(Number.isInteger(percent) && percent >= 0 && percent <= 100).toBe(true);
      }),
    );
  });

  it('moves towards the observed rate as evidence grows, and the prior weighs as much as 10 actions (property)', () => {
    fc.assert(
      fc.property(probability, fc.integer({ min: RESULTS_NEEDED, max: 200 }), fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (p, n, factor, rate) => {
        const k = Math.round(rate * n);
        const small = blendedProbability(p, { closed: n, converted: k, convertedTokens: k });
        const large = blendedProbability(p, { closed: n * factor, converted: k * factor, convertedTokens: k * factor });
        const observed = k / n;
        expect(Math.abs(large - observed)).toBeLessThanOrEqual(Math.abs(small - observed) + 1e-12);
        expect(small).toBeCloseTo((k + PRIOR_WEIGHT * (p / 100)) / (n + PRIOR_WEIGHT), 12);
      }),
    );
  });

  it('gives two types different figures once their evidence differs (property)', () => {
    // Same supporter (p0, weekly spend), same number of closed actions, different conversions.
    fc.assert(
      fc.property(probability, weeklySpend, fc.integer({ min: RESULTS_NEEDED, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (p, spend, n, a, b) => {
        const k1 = a % (n + 1);
        const k2 = b % (n + 1);
        fc.pre(k1 !== k2);
        expect(blendedProbability(p, { closed: n, converted: k1, convertedTokens: k1 })).not.toBe(blendedProbability(p, { closed: n, converted: k2, convertedTokens: k2 }));
        // More conversions at the same mean spend never estimate fewer tokens.
        const mean = 100;
        const low = learnedImpact(p, spend, { closed: n, converted: Math.min(k1, k2), convertedTokens: Math.min(k1, k2) * mean });
        const high = learnedImpact(p, spend, { closed: n, converted: Math.max(k1, k2), convertedTokens: Math.max(k1, k2) * mean });
        if (Math.min(k1, k2) > 0) expect(high.estimatedTokens).toBeGreaterThanOrEqual(low.estimatedTokens);
      }),
    );
  });
});
