import { describe, expect, it } from 'vitest';
import { backtestSupporterModels } from './backtestSupporterModels';
import { fitSupporterModels, type SupporterPrediction } from './fitSupporterModels';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';

const NOW_DAY = 20_000;
const NOW = NOW_DAY * MS_PER_DAY;

const supporter = (id: string, days: number[], tokens?: number[]): SupporterPurchases => ({
  supporterId: id,
  purchaseDays: days,
  purchaseTokens: tokens ?? days.map(() => 10),
});

/** A realistic small creator: a few hundred supporters simulated in days. */
function simulatedCreator(count: number, seed: number): SupporterPurchases[] {
  return simulateBgNbdPurchases({
    params: { r: 0.6, alpha: 15, a: 0.7, b: 3 },
    customers: count,
    seed,
    firstPurchaseSpan: 300,
    observationEnd: 365,
    spend: { p: 5, q: 4, gamma: 20 },
  }).map((c, i) => {
    const byDay = new Map<number, number>();
    c.purchaseTimes.forEach((t, k) => {
      const day = NOW_DAY - 365 + Math.floor(t);
      byDay.set(day, (byDay.get(day) ?? 0) + Math.max(1, Math.round(c.purchaseValues[k] ?? 1)));
    });
    return supporter(`s${i}`, [...byDay.keys()], [...byDay.values()]);
  });
}

const scored = (p: SupporterPrediction | undefined) => {
  if (!p || p.notEnoughData) throw new Error('expected a scored supporter');
  return p;
};

describe('summariseSupporterPurchases', () => {
  it('counts repeat days, rounds t_x and T to whole days and averages repeat tokens only', () => {
    const [s] = summariseSupporterPurchases(
      [supporter('a', [NOW_DAY - 10.2, NOW_DAY - 3.7, NOW_DAY - 1.1], [100, 6, 8])],
      NOW_DAY,
    );
    expect(s).toEqual({ supporterId: 'a', purchaseDayCount: 3, x: 2, t_x: 9, T: 10, m_x: 7 });
  });

  it('ignores future purchases and non-positive tokens, and merges duplicate days', () => {
    const [s] = summariseSupporterPurchases(
      [supporter('a', [NOW_DAY - 5, NOW_DAY - 2, NOW_DAY - 2, NOW_DAY - 1, NOW_DAY + 3], [5, 1, 2, 0, 9])],
      NOW_DAY,
    );
    expect(s).toEqual({ supporterId: 'a', purchaseDayCount: 2, x: 1, t_x: 3, T: 5, m_x: 3 });
  });

  it('represents a supporter without purchases as an empty history', () => {
    expect(summariseSupporterPurchases([supporter('a', [])], NOW_DAY)[0]?.purchaseDayCount).toBe(0);
  });

  it('rejects mismatched arrays', () => {
    expect(() => summariseSupporterPurchases([supporter('a', [1, 2], [1])], NOW_DAY)).toThrow(RangeError);
  });
});

describe('fitSupporterModels', () => {
  it('returns null models with reason "not enough data" below 20 repeat supporters', () => {
    const supporters = [
      ...Array.from({ length: 19 }, (_, i) => supporter(`r${i}`, [NOW_DAY - 40, NOW_DAY - 20 + i])),
      ...Array.from({ length: 100 }, (_, i) => supporter(`o${i}`, [NOW_DAY - 50 + (i % 40)])),
    ];
    const result = fitSupporterModels(supporters, NOW);
    expect(result.models).toBeNull();
    expect(result.reason).toBe('not enough data');
    if (result.models === null) expect(result.detail).toMatch(/19 supporters with a repeat purchase/);
    expect(result.supporters).toHaveLength(supporters.length);
    expect(result.supporters.every((s) => s.notEnoughData)).toBe(true);
  });

  it('scores repeat supporters and flags single-purchase supporters as notEnoughData', () => {
    const supporters = simulatedCreator(600, 3);
    const result = fitSupporterModels(supporters, NOW);
    expect(result.models).not.toBeNull();
    expect(result.reason).toBeNull();
    result.supporters.forEach((p, i) => {
      const days = supporters[i]?.purchaseDays.length ?? 0;
      expect(p.notEnoughData).toBe(days < 2);
      if (!p.notEnoughData) {
        expect(p.chanceActive).toBeGreaterThanOrEqual(0);
        expect(p.chanceActive).toBeLessThanOrEqual(1);
        expect(p.expectedPurchases30d).toBeGreaterThanOrEqual(0);
        expect(p.expectedTokens30d).toBeGreaterThanOrEqual(0);
      }
    });
  });

  it('ranks a recently active supporter above one who went quiet, and spends follow tokens', () => {
    const base = simulatedCreator(400, 9);
    const active = supporter('active', [NOW_DAY - 100, NOW_DAY - 60, NOW_DAY - 30, NOW_DAY - 2], [5, 5, 5, 5]);
    const lapsed = supporter('lapsed', [NOW_DAY - 300, NOW_DAY - 290, NOW_DAY - 280, NOW_DAY - 270], [5, 5, 5, 5]);
    const whale = supporter('whale', [NOW_DAY - 100, NOW_DAY - 60, NOW_DAY - 30, NOW_DAY - 2], [500, 500, 500, 500]);
    const result = fitSupporterModels([...base, active, lapsed, whale], NOW);
    const [a, l, w] = result.supporters.slice(-3).map(scored);
    if (!a || !l || !w) throw new Error('missing predictions');
    expect(a.chanceActive).toBeGreaterThan(l.chanceActive);
    expect(a.expectedPurchases30d).toBeGreaterThan(l.expectedPurchases30d);
    expect(w.expectedPurchases30d).toBeCloseTo(a.expectedPurchases30d, 12);
    expect(w.expectedTokens30d).toBeGreaterThan(a.expectedTokens30d * 5);
  });

  it('does not crash when every supporter is identical', () => {
    const supporters = Array.from({ length: 30 }, (_, i) =>
      supporter(`s${i}`, [NOW_DAY - 60, NOW_DAY - 30, NOW_DAY - 10], [10, 10, 10]),
    );
    const result = fitSupporterModels(supporters, NOW);
    expect(result.supporters).toHaveLength(30);
    if (result.models) {
      for (const p of result.supporters.map(scored)) {
        expect(Number.isFinite(p.expectedTokens30d)).toBe(true);
      }
    } else {
      expect(result.reason).toBe('not enough data');
    }
  });

  it('handles an empty creator', () => {
    const result = fitSupporterModels([], NOW);
    expect(result.models).toBeNull();
    expect(result.supporters).toEqual([]);
  });
});

describe('backtestSupporterModels', () => {
  it('compares predicted and actual purchases in the last 30 days by earlier repeat count', () => {
    const supporters = simulatedCreator(3000, 21);
    const result = backtestSupporterModels(supporters, NOW);
    expect(result.cutoff).toBe(NOW - 30 * MS_PER_DAY);
    expect(result.bins).not.toBeNull();
    if (!result.bins) return;
    expect(result.bins.map((b) => b.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    // Cohort = supporters with a purchase on or before the cutoff.
    const cutoffDay = NOW_DAY - 30;
    const cohort = supporters.filter((s) => s.purchaseDays.some((d) => d <= cutoffDay)).length;
    expect(result.bins.reduce((s, b) => s + b.customers, 0)).toBe(cohort);
    // Actual = purchase days after the cutoff, exactly.
    const actual = supporters
      .filter((s) => s.purchaseDays.some((d) => d <= cutoffDay))
      .reduce((s, sup) => s + sup.purchaseDays.filter((d) => d > cutoffDay && d <= NOW_DAY).length, 0);
    expect(result.bins.reduce((s, b) => s + b.actualMean * b.customers, 0)).toBeCloseTo(actual, 6);
    const predicted = result.bins.reduce((s, b) => s + b.predictedMean * b.customers, 0);
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.2);
  });

  it('reports not enough data instead of bins for a tiny creator', () => {
    const result = backtestSupporterModels([supporter('a', [NOW_DAY - 90, NOW_DAY - 40, NOW_DAY - 5])], NOW);
    expect(result.models).toBeNull();
    expect(result.bins).toBeNull();
    expect(result.reason).toBe('not enough data');
  });
});
