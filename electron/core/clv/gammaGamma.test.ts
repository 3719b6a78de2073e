import { describe, expect, it } from 'vitest';
import { fitGammaGamma } from './fitGammaGamma';
import { gammaGammaExpectedSpend } from './gammaGammaExpectedSpend';
import { gammaGammaLogLikelihood } from './gammaGammaLogLikelihood';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';

describe('gammaGammaExpectedSpend', () => {
  it('matches the formula by hand', () => {
    // p(γ + x·m_x)/(px + q − 1) with p = 6, q = 4, γ = 15, x = 2, m_x = 20: 6·55/15 = 22
    expect(gammaGammaExpectedSpend({ p: 6, q: 4, gamma: 15 }, 2, 20)).toBeCloseTo(22, 12);
    // x = 0 gives the population mean pγ/(q − 1) = 90/3 = 30
    expect(gammaGammaExpectedSpend({ p: 6, q: 4, gamma: 15 }, 0, 0)).toBeCloseTo(30, 12);
  });

  it('is a weighted average of the population mean and m_x, moving towards m_x with x', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = (params.p * params.gamma) / (params.q - 1);
    const m = 100;
    let previous = population;
    for (const x of [1, 2, 5, 20, 200]) {
      const e = gammaGammaExpectedSpend(params, x, m);
      expect(e).toBeGreaterThan(previous);
      expect(e).toBeLessThan(m);
      previous = e;
    }
  });

  it('refuses q ≤ 1 (no finite mean spend)', () => {
    expect(() => gammaGammaExpectedSpend({ p: 1, q: 1, gamma: 1 }, 1, 1)).toThrow(RangeError);
  });
});

describe('gammaGammaLogLikelihood', () => {
  it('matches a hand calculation', () => {
    // p = 2, q = 3, γ = 5, x = 1, m_x = 10:
    //   Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^{px−1} · x^{px} / (γ + x m)^{px+q}
    //   = Γ(5)/(Γ(2)Γ(3)) · 125 · 10 · 1 / 15⁵ = 12 · 1250 / 759375
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, gamma: 5 }, [{ x: 1, m_x: 10 }])).toBeCloseTo(
      Math.log(15000 / 759375),
      12,
    );
  });

  it('ignores observations without spend information (x = 0 or m_x ≤ 0)', () => {
    const params = { p: 2, q: 3, gamma: 5 };
    const base = gammaGammaLogLikelihood(params, [{ x: 1, m_x: 10 }]);
    expect(
      gammaGammaLogLikelihood(params, [
        { x: 1, m_x: 10 },
        { x: 0, m_x: 0 },
        { x: 3, m_x: 0 },
      ]),
    ).toBe(base);
  });

  it('returns an analytic gradient that matches finite differences', () => {
    const obs = [
      { x: 1, m_x: 10 },
      { x: 2, m_x: 35.5 },
      { x: 7, m_x: 12.25 },
      { x: 7, m_x: 12.25 },
    ];
    const params = { p: 3, q: 2.5, gamma: 20 };
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(params, obs, gradient);
    (['p', 'q', 'gamma'] as const).forEach((key, i) => {
      const h = 1e-6 * params[key];
      const up = gammaGammaLogLikelihood({ ...params, [key]: params[key] + h }, obs);
      const down = gammaGammaLogLikelihood({ ...params, [key]: params[key] - h }, obs);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });
});

describe('fitGammaGamma', () => {
  it('recovers parameters from simulated spend', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const customers = simulateBgNbdPurchases({
      params: { r: 1, alpha: 20, a: 0.5, b: 10 },
      customers: 30_000,
      seed: 7,
      firstPurchaseSpan: 50,
      observationEnd: 100,
      spend: truth,
    })
      .map((c) => {
        const repeats = c.purchaseValues.slice(1);
        return { x: repeats.length, m_x: repeats.reduce((s, v) => s + v, 0) / Math.max(1, repeats.length) };
      })
      .filter((c) => c.x > 0);
    const fit = fitGammaGamma(customers);
    expect(fit.customers).toBe(customers.length);
    // The MLE must beat the true parameters on its own data.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
    // p, q, γ are correlated, so ±10%; the population mean pγ/(q−1) is pinned much tighter.
    expect(Math.abs(fit.p / truth.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.q / truth.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.gamma / truth.gamma - 1)).toBeLessThan(0.1);
    expect(Math.abs((fit.p * fit.gamma) / (fit.q - 1) / 30 - 1)).toBeLessThan(0.02);
  });

  it('returns finite numbers when every customer spends the same (no heterogeneity)', () => {
    const fit = fitGammaGamma(Array.from({ length: 50 }, () => ({ x: 3, m_x: 25 })));
    for (const v of [fit.p, fit.q, fit.gamma, fit.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
  });

  it('throws a clear error when nobody has spend information', () => {
    expect(() => fitGammaGamma([{ x: 0, m_x: 0 }])).toThrow(/x ≥ 1/);
  });
});
