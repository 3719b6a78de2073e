import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectation } from './bgNbdConditionalExpectation';
import { bgNbdExpectedPurchases } from './bgNbdExpectedPurchases';
import { bgNbdExpectedPurchasesIfAlive } from './bgNbdExpectedPurchasesIfAlive';
import { bgNbdProbabilityAlive } from './bgNbdProbabilityAlive';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';

/** Published CDNOW estimates (FHL 2005a, Table 2). */
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** Our unrounded CDNOW fit (the same numbers lifetimes/Hardie's spreadsheet reproduce). */
const CDNOW_FIT = { r: 0.2425945, alpha: 4.4136019, a: 0.7929220, b: 2.4259065 };

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('bgNbdProbabilityAlive', () => {
  it('is exactly 1 when x = 0 (BG/NBD can only drop out after a repeat purchase)', () => {
    expect(bgNbdProbabilityAlive(CDNOW, 0, 0, 38.86)).toBe(1);
    expect(bgNbdProbabilityAlive(CDNOW, 0, 0, 1e6)).toBe(1);
  });

  it('matches a hand calculation', () => {
    // r = 2, α = 1, a = 1, b = 2, x = 2, t_x = 3, T = 5:
    //   1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}) = 1 / (1 + (1/3)(6/4)⁴) = 1/(1 + 1.6875)
    expect(bgNbdProbabilityAlive({ r: 2, alpha: 1, a: 1, b: 2 }, 2, 3, 5)).toBeCloseTo(1 / 2.6875, 14);
    // t_x = T: only the drop-out-at-last-purchase odds remain, 1/(1 + a/(b+x−1)).
    expect(bgNbdProbabilityAlive({ r: 2, alpha: 1, a: 1, b: 2 }, 2, 5, 5)).toBeCloseTo(1 / (1 + 1 / 3), 14);
  });

  it('stays within [0, 1] and decreases as the last purchase recedes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        (x, frac, T) => {
          const p = bgNbdProbabilityAlive(CDNOW, x, frac * T, T);
          const older = bgNbdProbabilityAlive(CDNOW, x, (frac * T) / 2, T);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(older).toBeLessThanOrEqual(p);
        },
      ),
    );
  });
});

describe('bgNbdExpectedPurchases (new customer, E[X(t)])', () => {
  it('reproduces Hardie’s BG/NBD spreadsheet (note 004) at the CDNOW estimates', () => {
    // The cumulative repeat-sales tracking values used by lifetimes' tests.
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => {
      // 4-decimal spreadsheet values; the last one differs by 4e-4 in the spreadsheet itself
      // (mpmath gives 1.85796 at these parameters), so allow 1e-3.
      expect(Math.abs(bgNbdExpectedPurchases(CDNOW_FIT, t) - (expected[i] ?? 0))).toBeLessThan(1e-3);
    });
  });

  it('matches mpmath to ~1e-12 at the published parameters', () => {
    expect(relErr(bgNbdExpectedPurchases(CDNOW, 39), 1.196723193320817)).toBeLessThan(1e-12);
    expect(relErr(bgNbdExpectedPurchases(CDNOW, 78), 1.8605190579427686)).toBeLessThan(1e-12);
  });

  it('starts at the mean purchase rate: E[X(t)] ≈ (r/α)·t for small t, and is 0 at t = 0', () => {
    expect(bgNbdExpectedPurchases(CDNOW, 0)).toBe(0);
    const t = 1e-5;
    expect(relErr(bgNbdExpectedPurchases(CDNOW, t), (CDNOW.r / CDNOW.alpha) * t)).toBeLessThan(1e-4);
  });

  it('converges when z = t/(α+t) is very close to 1 (tiny α)', () => {
    // z = 30/30.01; mpmath value.
    const p = { r: 0.5, alpha: 0.01, a: 3.5, b: 2 };
    expect(relErr(bgNbdExpectedPurchases(p, 30), 1.7520981524719412)).toBeLessThan(1e-11);
  });
});

describe('bgNbdConditionalExpectation (E[Y(t) | x, t_x, T])', () => {
  it('reproduces Hardie’s spreadsheet value 1.226 for customer (2, 30.43, 38.86), t = 39', () => {
    expect(bgNbdConditionalExpectation(CDNOW_FIT, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    // and mpmath at the published parameters
    expect(relErr(bgNbdConditionalExpectation(CDNOW, 39, 2, 30.43, 38.86), 1.2260281747671444)).toBeLessThan(1e-12);
  });

  it('is accurate for heavy buyers (x = 200), where the textbook 2F1 would overflow', () => {
    // mpmath references
    expect(relErr(bgNbdConditionalExpectation(CDNOW, 39, 200, 35, 38), 0.014849465356906429)).toBeLessThan(1e-10);
    expect(relErr(bgNbdConditionalExpectation(CDNOW, 39, 200, 38, 38), 139.53839142450246)).toBeLessThan(1e-12);
  });

  it('handles a = 1, a removable singularity of the formula', () => {
    // mpmath at a = 1 + 1e-30 (the limit)
    const p = { r: 0.5, alpha: 3, a: 1, b: 2.5 };
    expect(relErr(bgNbdConditionalExpectation(p, 10, 3, 6, 8), 1.7098031420741824)).toBeLessThan(1e-8);
    const near = bgNbdConditionalExpectation({ ...p, a: 1 + 3e-5 }, 10, 3, 6, 8);
    expect(relErr(near, 1.7097766627981021)).toBeLessThan(1e-8);
    // continuous across the interpolation window edges
    const below = bgNbdConditionalExpectation({ ...p, a: 1 - 1.0001e-4 }, 10, 3, 6, 8);
    const inside = bgNbdConditionalExpectation({ ...p, a: 1 - 0.9999e-4 }, 10, 3, 6, 8);
    expect(relErr(inside, below)).toBeLessThan(1e-6);
  });

  it('with x = 0 and T = 0 equals the new-customer expectation', () => {
    expect(bgNbdConditionalExpectation(CDNOW, 39, 0, 0, 0)).toBe(bgNbdExpectedPurchases(CDNOW, 39));
  });

  it('factorises as E[if alive] · P(alive), is ≥ 0 and grows with the horizon', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        (x, frac, T, t) => {
          const t_x = x === 0 ? 0 : frac * T;
          const y = bgNbdConditionalExpectation(CDNOW, t, x, t_x, T);
          const y2 = bgNbdConditionalExpectation(CDNOW, 2 * t, x, t_x, T);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y2).toBeGreaterThanOrEqual(y);
          const factored =
            bgNbdExpectedPurchasesIfAlive(CDNOW, t, x, T) * bgNbdProbabilityAlive(CDNOW, x, t_x, T);
          expect(y).toBe(factored);
        },
      ),
    );
  });

  it('rejects a negative horizon', () => {
    expect(() => bgNbdConditionalExpectation(CDNOW, -1, 1, 1, 2)).toThrow(RangeError);
  });
});

describe('predictions against the simulated process', () => {
  it('E[Y(t) | x, t_x, T] is unbiased for the holdout when the model is true', () => {
    // Simulate with known parameters in continuous time, cut at day 335, and compare
    // the mean conditional expectation for the next 30 days with what happened.
    const truth = { r: 0.5, alpha: 20, a: 0.8, b: 3 };
    const cut = 335;
    const customers = simulateBgNbdPurchases({
      params: truth,
      customers: 50_000,
      seed: 5,
      firstPurchaseSpan: 300,
      observationEnd: cut + 30,
    });
    let actual = 0;
    let predicted = 0;
    for (const { purchaseTimes } of customers) {
      const first = purchaseTimes[0] ?? 0;
      const calibration = purchaseTimes.filter((t) => t <= cut);
      const x = calibration.length - 1;
      const t_x = x > 0 ? (calibration[x] ?? 0) - first : 0;
      actual += purchaseTimes.length - calibration.length;
      predicted += bgNbdConditionalExpectation(truth, 30, x, t_x, cut - first);
    }
    // ~13k holdout purchases: sampling noise is ~1%.
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.04);
  });
});

describe('bgNbdExpectedPurchasesIfAlive on a degenerate fit', () => {
  it('stays finite and below the no-dropout bound when a and b run into the hundreds of thousands', () => {
    // Parameters a fit on demo data reached (dropout probability all but fixed): the transformed
    // series diverges for millions of terms here, so the literal form has to take over.
    const params = { r: 0.306, alpha: 9.55, a: 108_840.961, b: 9_255_110.221 };
    const value = bgNbdExpectedPurchasesIfAlive(params, 30, 14, 20);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
    // Without dropout the expectation is t·(r+x)/(α+T); dropout can only lower it.
    expect(value).toBeLessThan((30 * (params.r + 14)) / (params.alpha + 20));
  });
});
