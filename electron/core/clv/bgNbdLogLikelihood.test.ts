import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgNbdCustomerLogLikelihood } from './bgNbdCustomerLogLikelihood';
import { bgNbdLogLikelihood } from './bgNbdLogLikelihood';
import { groupRfmSummaries } from './groupRfmSummaries';
import type { BgNbdParams, RfmSummary } from './types';

describe('bgNbdLogLikelihood', () => {
  it('matches a hand calculation for one customer', () => {
    // r = 2, α = 1, a = 1, b = 2; x = 2, t_x = 3, T = 5.
    //   B(a, b+x)/B(a, b)     = B(1,4)/B(1,2) = (1/4)/(1/2)            = 1/2
    //   Γ(r+x)α^r/(Γ(r)(α+T)^{r+x}) = Γ(4)/(Γ(2)·6⁴) = 6/1296             = 1/216
    //   B(a+1, b+x−1)/B(a, b) = B(2,3)/B(1,2) = (1/12)/(1/2)           = 1/6
    //   Γ(r+x)α^r/(Γ(r)(α+t_x)^{r+x}) = 6/4⁴                            = 3/128
    //   L = 1/2 · 1/216 + 1/6 · 3/128 = 1/432 + 1/256 = 688/110592
    const params = { r: 2, alpha: 1, a: 1, b: 2 };
    const ll = bgNbdCustomerLogLikelihood(params, { x: 2, t_x: 3, T: 5 });
    expect(ll).toBeCloseTo(Math.log(688 / 110592), 12);
  });

  it('reduces to the NBD-at-T survivor term when x = 0: L = (α/(α+T))^r', () => {
    const params = { r: 2, alpha: 1, a: 1, b: 2 };
    expect(bgNbdCustomerLogLikelihood(params, { x: 0, t_x: 0, T: 5 })).toBeCloseTo(Math.log(1 / 36), 12);
    // t_x is irrelevant when x = 0 (some exports put T there).
    expect(bgNbdCustomerLogLikelihood(params, { x: 0, t_x: 5, T: 5 })).toBeCloseTo(Math.log(1 / 36), 12);
  });

  it('handles t_x = T and t_x = T = 0', () => {
    // r = 2, α = 1, a = 1, b = 2, x = 1, t_x = T = 4:
    //   1/2·... with b+x = 3: B(1,3)/B(1,2) = 2/3; Γ(3)/(Γ(2)5³) = 2/125
    //   B(2,2)/B(1,2) = (1/6)/(1/2) = 1/3; same power term 2/125.
    //   L = (2/3 + 1/3) · 2/125 = 2/125
    const params = { r: 2, alpha: 1, a: 1, b: 2 };
    expect(bgNbdCustomerLogLikelihood(params, { x: 1, t_x: 4, T: 4 })).toBeCloseTo(Math.log(2 / 125), 12);
    expect(Number.isFinite(bgNbdCustomerLogLikelihood(params, { x: 0, t_x: 0, T: 0 }))).toBe(true);
    expect(bgNbdCustomerLogLikelihood(params, { x: 0, t_x: 0, T: 0 })).toBeCloseTo(0, 14);
  });

  it('is accurate for heavy buyers, where the plain (non-log) formula overflows', () => {
    // Γ(r+x) alone overflows a double for x > 170. References: mpmath at 40 digits.
    // (Positive values are fine: L is a density in the purchase times.)
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const cases: [RfmSummary, number][] = [
      [{ x: 500, t_x: 38, T: 39 }, 720.3133398585076],
      [{ x: 500, t_x: 1, T: 39 }, 1750.0532479889366],
      [{ x: 2000, t_x: 390, T: 390 }, 1238.200833819069],
    ];
    for (const [customer, expected] of cases) {
      const ll = bgNbdCustomerLogLikelihood(params, customer);
      expect(Math.abs(ll - expected)).toBeLessThan(1e-9 * Math.abs(expected));
    }
  });

  it('grouped totals equal the sum of per-customer values (grouping is exact)', () => {
    const customer = fc
      .record({
        x: fc.integer({ min: 0, max: 30 }),
        T: fc.integer({ min: 0, max: 60 }),
        frac: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ x, T, frac }): RfmSummary => ({ x, T, t_x: x === 0 ? 0 : Math.round(frac * T) }));
    const params: BgNbdParams = { r: 0.7, alpha: 3.1, a: 0.9, b: 2.2 };
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), (customers) => {
        const grouped = bgNbdLogLikelihood(params, groupRfmSummaries(customers));
        const sum = customers.reduce((s, c) => s + bgNbdCustomerLogLikelihood(params, c), 0);
        expect(Math.abs(grouped - sum)).toBeLessThan(1e-9 * Math.max(1, Math.abs(sum)));
      }),
    );
  });

  it('returns an analytic gradient that matches finite differences', () => {
    const data = groupRfmSummaries([
      { x: 0, t_x: 0, T: 30 },
      { x: 1, t_x: 5, T: 30 },
      { x: 3, t_x: 20, T: 35 },
      { x: 7, t_x: 33, T: 36 },
      { x: 12, t_x: 10, T: 38 },
    ]);
    const params = { r: 0.6, alpha: 4, a: 0.8, b: 2.5 };
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(params, data, gradient);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, i) => {
      const h = 1e-6 * params[key];
      const up = bgNbdLogLikelihood({ ...params, [key]: params[key] + h }, data);
      const down = bgNbdLogLikelihood({ ...params, [key]: params[key] - h }, data);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  it('is −∞ outside the parameter space (so optimisers back away)', () => {
    const data = groupRfmSummaries([{ x: 1, t_x: 1, T: 2 }]);
    expect(bgNbdLogLikelihood({ r: 0, alpha: 1, a: 1, b: 1 }, data)).toBe(Number.NEGATIVE_INFINITY);
    expect(bgNbdLogLikelihood({ r: 1, alpha: -1, a: 1, b: 1 }, data)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rejects impossible summaries', () => {
    expect(() => groupRfmSummaries([{ x: 2, t_x: 10, T: 5 }])).toThrow(RangeError);
    expect(() => groupRfmSummaries([{ x: 1.5, t_x: 1, T: 5 }])).toThrow(RangeError);
    expect(() => groupRfmSummaries([{ x: 1, t_x: Number.NaN, T: 5 }])).toThrow(RangeError);
  });
});

describe('groupRfmSummaries', () => {
  it('collapses identical (x, t_x, T) rows into counts', () => {
    const g = groupRfmSummaries([
      { x: 0, t_x: 0, T: 10 },
      { x: 0, t_x: 3, T: 10 }, // t_x is normalised to 0 when x = 0
      { x: 2, t_x: 4, T: 10 },
      { x: 2, t_x: 4, T: 10 },
      { x: 2, t_x: 5, T: 10 },
    ]);
    expect(g.customers).toBe(5);
    expect(g.rowCount.length).toBe(3);
    expect([...g.rowCount].sort()).toEqual([1, 2, 2]);
    expect([...g.xValues]).toEqual([0, 2]);
    expect([...g.xCounts]).toEqual([2, 3]);
  });
});
