import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood } from './bgNbdLogLikelihood';
import { fitBgNbd } from './fitBgNbd';
import { groupRfmSummaries } from './groupRfmSummaries';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';
import type { BgNbdFit, RfmSummary } from './types';

const expectFinite = (fit: BgNbdFit): void => {
  for (const v of [fit.r, fit.alpha, fit.a, fit.b, fit.logLikelihood]) {
    expect(Number.isFinite(v)).toBe(true);
  }
  expect(fit.r).toBeGreaterThan(0);
  expect(fit.alpha).toBeGreaterThan(0);
  expect(fit.a).toBeGreaterThan(0);
  expect(fit.b).toBeGreaterThan(0);
};

describe('fitBgNbd', () => {
  it('recovers simulated parameters (continuous times, 20k customers)', () => {
    const truth = { r: 0.5, alpha: 8, a: 0.8, b: 2.5 };
    const end = 100;
    const customers: RfmSummary[] = simulateBgNbdPurchases({
      params: truth,
      customers: 20_000,
      seed: 11,
      firstPurchaseSpan: 50,
      observationEnd: end,
    }).map(({ purchaseTimes }) => {
      const first = purchaseTimes[0] ?? 0;
      const x = purchaseTimes.length - 1;
      return { x, t_x: x > 0 ? (purchaseTimes[x] ?? 0) - first : 0, T: end - first };
    });
    const fit = fitBgNbd(customers);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      bgNbdLogLikelihood(truth, groupRfmSummaries(customers)),
    );
    expect(Math.abs(fit.r / truth.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.a / truth.a - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.b / truth.b - 1)).toBeLessThan(0.25);
  });

  it('is a local maximum: nudging any parameter lowers the likelihood', () => {
    const customers: RfmSummary[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ x: 0, t_x: 0, T: 20 + (i % 7) })),
      ...Array.from({ length: 20 }, (_, i) => ({ x: 1 + (i % 4), t_x: 3 + i, T: 25 + (i % 5) })),
    ];
    const data = groupRfmSummaries(customers);
    const fit = fitBgNbd(data);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        const nudged = { ...fit, [key]: fit[key] * factor };
        expect(bgNbdLogLikelihood(nudged, data)).toBeLessThanOrEqual(fit.logLikelihood + 1e-9);
      }
    }
  });

  describe('edge cases return finite parameters instead of crashing', () => {
    it('a single customer with x = 0', () => {
      expectFinite(fitBgNbd([{ x: 0, t_x: 0, T: 10 }]));
    });

    it('a single customer with repeat purchases', () => {
      expectFinite(fitBgNbd([{ x: 3, t_x: 8, T: 10 }]));
    });

    it('everyone identical (no heterogeneity: the MLE sits on the box boundary)', () => {
      expectFinite(fitBgNbd(Array.from({ length: 200 }, () => ({ x: 2, t_x: 10, T: 20 }))));
    });

    it('everyone identical with t_x = T', () => {
      expectFinite(fitBgNbd(Array.from({ length: 200 }, () => ({ x: 2, t_x: 20, T: 20 }))));
    });

    it('nobody ever repeats', () => {
      const fit = fitBgNbd(Array.from({ length: 100 }, (_, i) => ({ x: 0, t_x: 0, T: 10 + i })));
      expectFinite(fit);
      // The implied purchase rate r/α collapses towards zero.
      expect(fit.r / fit.alpha).toBeLessThan(1e-6);
    });

    it('everyone bought today (T = 0)', () => {
      expectFinite(fitBgNbd(Array.from({ length: 10 }, () => ({ x: 0, t_x: 0, T: 0 }))));
    });
  });

  it('throws a clear error for no customers or impossible input', () => {
    expect(() => fitBgNbd([])).toThrow(/at least one customer/);
    expect(() => fitBgNbd([{ x: 1, t_x: 5, T: 2 }])).toThrow(/t_x ≤ T/);
  });
});
