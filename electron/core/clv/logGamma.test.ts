import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma } from './digamma';
import { logGamma } from './logGamma';

describe('logGamma', () => {
  it('matches exact values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    // ln Γ(100) = ln(99!) (reference value from mpmath)
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    // Near zero ln Γ(z) ≈ −ln z − γ_E z.
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - 0.5772156649015329e-8, 12);
  });

  it('satisfies the recurrence ln Γ(z+1) = ln Γ(z) + ln z', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (z) => {
        const lhs = logGamma(z + 1);
        const rhs = logGamma(z) + Math.log(z);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it('rejects non-positive arguments instead of returning a wrong branch', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
  });
});

describe('digamma', () => {
  it('matches exact values', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 13);
    expect(digamma(10)).toBeCloseTo(-eulerGamma + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0), 13);
  });

  it('is the derivative of logGamma', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 500, noNaN: true }), (z) => {
        const h = 1e-5 * z;
        const numeric = (logGamma(z + h) - logGamma(z - h)) / (2 * h);
        expect(Math.abs(digamma(z) - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }),
    );
  });
});
