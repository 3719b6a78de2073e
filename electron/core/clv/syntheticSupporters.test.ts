import { describe, expect, it } from 'vitest';
import { backtestSupporterModels } from './backtestSupporterModels';
import { fitBgNbd } from './fitBgNbd';
import { fitSupporterModels } from './fitSupporterModels';
import { groupRfmSummaries } from './groupRfmSummaries';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';

/**
 * 100,000 supporters simulated from BG/NBD + gamma-gamma with a seeded PRNG, in days,
 * then put on the calendar-day grid the CRM uses (same-day purchases merged, whole
 * tokens). Timing is printed, never asserted — CI machines vary too much.
 */
const TRUTH = { r: 0.5, alpha: 20, a: 0.8, b: 3 };
const SPEND = { p: 6, q: 4, gamma: 15 };
const EPOCH_DAY = 19_000; // 2022-01-08: any fixed day works
const OBSERVED_DAYS = 365;
const NOW = (EPOCH_DAY + OBSERVED_DAYS) * MS_PER_DAY;

function simulateSupporters(count: number, seed: number): SupporterPurchases[] {
  return simulateBgNbdPurchases({
    params: TRUTH,
    customers: count,
    seed,
    firstPurchaseSpan: 300,
    observationEnd: OBSERVED_DAYS,
    spend: SPEND,
  }).map((c, i) => {
    const byDay = new Map<number, number>();
    c.purchaseTimes.forEach((t, k) => {
      const day = EPOCH_DAY + Math.floor(t);
      const tokens = Math.max(1, Math.round(c.purchaseValues[k] ?? 1));
      byDay.set(day, (byDay.get(day) ?? 0) + tokens);
    });
    return {
      supporterId: `s${i}`,
      purchaseDays: [...byDay.keys()],
      purchaseTokens: [...byDay.values()],
    };
  });
}

const relErr = (a: number, b: number): number => Math.abs(a / b - 1);

describe('100,000 synthetic supporters', () => {
  const supporters = simulateSupporters(100_000, 2024);

  it('fits both models, roughly recovers the parameters and scores everyone', () => {
    // BG/NBD alone, on exactly the summaries fitSupporterModels builds.
    const summaries = summariseSupporterPurchases(supporters, NOW / MS_PER_DAY);
    const groupStart = performance.now();
    const grouped = groupRfmSummaries(summaries);
    const groupMs = performance.now() - groupStart;
    const bgStart = performance.now();
    const bgnbd = fitBgNbd(grouped);
    const bgMs = performance.now() - bgStart;

    const start = performance.now();
    const result = fitSupporterModels(supporters, NOW);
    const totalMs = performance.now() - start;
    console.log(
      `[clv] 100k supporters: ${grouped.rowCount.length} unique (x, t_x, T) rows; ` +
        `group ${groupMs.toFixed(0)} ms, BG/NBD fit ${bgMs.toFixed(0)} ms (${bgnbd.iterations} iterations); ` +
        `fitSupporterModels end-to-end (summarise + both fits + 100k predictions) ${totalMs.toFixed(0)} ms`,
    );

    expect(result.models).not.toBeNull();
    if (!result.models) return;
    const { bgnbd: fit, gammaGamma } = result.models;
    console.log('[clv] recovered', { bgnbd: fit, gammaGamma });
    expect(fit.r).toBeCloseTo(bgnbd.r, 10);
    // Day rounding and same-day merging bias the estimates a little; "roughly" means this.
    expect(relErr(fit.r, TRUTH.r)).toBeLessThan(0.15);
    expect(relErr(fit.alpha, TRUTH.alpha)).toBeLessThan(0.2);
    expect(relErr(fit.a, TRUTH.a)).toBeLessThan(0.2);
    expect(relErr(fit.b, TRUTH.b)).toBeLessThan(0.25);
    expect(relErr((gammaGamma.p * gammaGamma.gamma) / (gammaGamma.q - 1), 30)).toBeLessThan(0.05);
    expect(relErr(gammaGamma.p, SPEND.p)).toBeLessThan(0.25);
    expect(relErr(gammaGamma.q, SPEND.q)).toBeLessThan(0.25);

    expect(result.supporters).toHaveLength(supporters.length);
    // Check all 100k predictions, collecting problems rather than calling expect 100k times.
    const problems: string[] = [];
    result.supporters.forEach((prediction, i) => {
      const s = supporters[i];
      if (prediction.supporterId !== s?.supporterId) problems.push(`order broken at ${i}`);
      const tooFew = (s?.purchaseDays.length ?? 0) < 2;
      if (prediction.notEnoughData !== tooFew) problems.push(`notEnoughData wrong for ${prediction.supporterId}`);
      if (prediction.notEnoughData) return;
      const { chanceActive, expectedPurchases30d, expectedTokens30d } = prediction;
      if (!(chanceActive >= 0 && chanceActive <= 1)) problems.push(`chanceActive ${chanceActive}`);
      if (!(expectedPurchases30d >= 0 && Number.isFinite(expectedPurchases30d))) problems.push(`purchases ${expectedPurchases30d}`);
      if (!(expectedTokens30d >= 0 && Number.isFinite(expectedTokens30d))) problems.push(`tokens ${expectedTokens30d}`);
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('backtests on the last 30 days with predictions close to what happened', () => {
    const start = performance.now();
    const backtest = backtestSupporterModels(supporters, NOW);
    console.log(`[clv] backtest on 100k supporters: ${(performance.now() - start).toFixed(0)} ms`);
    expect(backtest.bins).not.toBeNull();
    if (!backtest.bins) return;
    console.table(backtest.bins);
    expect(backtest.bins.map((b) => b.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    const customers = backtest.bins.reduce((s, b) => s + b.customers, 0);
    const actual = backtest.bins.reduce((s, b) => s + b.actualMean * b.customers, 0);
    const predicted = backtest.bins.reduce((s, b) => s + b.predictedMean * b.customers, 0);
    expect(customers).toBeGreaterThan(90_000);
    expect(relErr(predicted, actual)).toBeLessThan(0.1);
  });
});
