import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PurchaseRow } from '../store/clvStore';
import { backtestSupporterColumns } from './backtestSupporterColumns';
import { backtestSupporterModels } from './backtestSupporterModels';
import { createLocalDayKey } from './createLocalDayKey';
import { FORECAST_DAYS, fitSupporterColumns } from './fitSupporterColumns';
import { foldStoredPurchases, type StoredPurchaseSource } from './foldStoredPurchases';
import { fitSupporterModels } from './fitSupporterModels';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';
import { MS_PER_DAY, type SupporterSummary, summariseSupporterPurchases } from './summariseSupporterPurchases';
import { type FoldedPurchases, type PurchaseFoldMoments, SupporterPurchaseFolder } from './supporterPurchaseFolder';
import { supporterPurchaseHistory } from './supporterPurchaseHistory';
import type { SupporterSummaryColumns } from './supporterSummaryColumns';

const NOW = Date.parse('2026-03-15T10:00:00Z');
const HOUR_MS = 3_600_000;
const MOMENTS: PurchaseFoldMoments = { now: NOW, cutoff: NOW - FORECAST_DAYS * MS_PER_DAY, hotLeadAt: NOW - 7 * MS_PER_DAY };

/** One supporter as the comparison below reads them. */
interface FoldedSupporter extends SupporterSummary {
  lastPurchaseAt: number;
  atCutoff: SupporterSummary;
  holdoutPurchaseDays: number;
  tokensByHotLeadAt: number;
  boughtAfterHotLeadAt: boolean;
}

/**
 * The purchase index as a refit reads it (`ClvStore.purchasesAfter`), in memory: rows by supporter
 * id in binary order (plain ASCII ids here, so JavaScript's `<`), then time, ties in the order added.
 */
function purchaseIndexOf(rows: readonly PurchaseRow[]): StoredPurchaseSource {
  const indexed = rows
    .map((row, seq) => ({ row, seq: seq + 1 }))
    .sort((p, q) => (p.row[0] < q.row[0] ? -1 : p.row[0] > q.row[0] ? 1 : p.row[1] - q.row[1] || p.seq - q.seq));
  const upTo = (now: number, upToSeq: number) => indexed.filter(({ row, seq }) => row[1] <= now && seq <= upToSeq && row[2] > 0);
  return {
    purchasesAfter: (after, now, upToSeq, limit) => upTo(now, upToSeq).filter(({ row }) => row[0] > after).slice(0, limit).map(({ row }) => row),
    purchasesOf: (supporterId, now, upToSeq) => upTo(now, upToSeq).filter(({ row }) => row[0] === supporterId).map(({ row }) => row),
    maxActivitySeq: () => rows.length,
  };
}

/** The refit's way: the purchases read from their index in slices of `sliceRows`, folded as they come. */
function foldColumns(rows: readonly PurchaseRow[], timeZone: string, moments = MOMENTS, sliceRows = 7): FoldedPurchases {
  const steps = foldStoredPurchases(purchaseIndexOf(rows), moments, createLocalDayKey(timeZone), sliceRows);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function summaryAt(columns: SupporterSummaryColumns, i: number, supporterId: string): SupporterSummary {
  return {
    supporterId,
    purchaseDayCount: columns.purchaseDayCount[i] ?? -1,
    x: columns.x[i] ?? -1,
    t_x: columns.t_x[i] ?? -1,
    T: columns.T[i] ?? -1,
    m_x: columns.m_x[i] ?? -1,
  };
}

function fold(rows: readonly PurchaseRow[], timeZone: string, moments = MOMENTS, sliceRows = 7): FoldedSupporter[] {
  const folded = foldColumns(rows, timeZone, moments, sliceRows);
  expect(folded.atNow.length).toBe(folded.supporterIds.length);
  return folded.supporterIds.map((supporterId, i) => ({
    ...summaryAt(folded.atNow, i, supporterId),
    lastPurchaseAt: folded.lastPurchaseAt[i] ?? -1,
    atCutoff: summaryAt(folded.atCutoff, i, supporterId),
    holdoutPurchaseDays: folded.holdoutPurchaseDays[i] ?? -1,
    tokensByHotLeadAt: folded.tokensByHotLeadAt[i] ?? -1,
    boughtAfterHotLeadAt: folded.boughtAfterHotLeadAt[i] === 1,
  }));
}

/**
 * What the refit computed before the fold: every purchase row in memory, each supporter's purchase
 * days (`supporterPurchaseHistory`), summarised at now and at the cutoff, the holdout days as the
 * backtest counted them, and the Hot Lead check's lifetime spend and spenders from the raw rows.
 */
function reference(rows: readonly PurchaseRow[], timeZone: string, moments = MOMENTS): FoldedSupporter[] {
  const histories = supporterPurchaseHistory(rows, moments.now, createLocalDayKey(timeZone));
  const nowDay = moments.now / MS_PER_DAY;
  const cutoffDay = moments.cutoff / MS_PER_DAY;
  const atNow = summariseSupporterPurchases(histories, nowDay);
  const atCutoff = summariseSupporterPurchases(histories, cutoffDay);
  const lifetimeAt = new Map<string, number>();
  const spenders = new Set<string>();
  for (const [supporterId, at, tokens] of rows) {
    if (!(tokens > 0)) continue;
    if (at <= moments.hotLeadAt) lifetimeAt.set(supporterId, (lifetimeAt.get(supporterId) ?? 0) + tokens);
    else if (at <= moments.now) spenders.add(supporterId);
  }
  return histories.map((history, i) => ({
    ...(atNow[i] ?? { supporterId: '', purchaseDayCount: 0, x: 0, t_x: 0, T: 0, m_x: 0 }),
    lastPurchaseAt: history.lastPurchaseAt,
    atCutoff: atCutoff[i] ?? { supporterId: '', purchaseDayCount: 0, x: 0, t_x: 0, T: 0, m_x: 0 },
    holdoutPurchaseDays: new Set(history.purchaseDays.filter((day) => day > cutoffDay && day <= nowDay)).size,
    tokensByHotLeadAt: lifetimeAt.get(history.supporterId) ?? 0,
    boughtAfterHotLeadAt: spenders.has(history.supporterId),
  }));
}

const purchaseRows = fc.array(
  fc.tuple(
    // Few supporters, so each has many rows; ids that sort differently by case and length.
    fc.constantFrom('a', 'B', 'b', 'a1', 'a10', 'a2', 'zz', 'Z', 's001', 's010'),
    // Hours around now, the cutoff and the Hot Lead moment (whole hours make same-day and tied rows common).
    fc.oneof(
      fc.integer({ min: -120 * 24, max: 24 }).map((hours) => NOW + hours * HOUR_MS),
      fc.integer({ min: -48, max: 48 }).map((hours) => MOMENTS.cutoff + hours * HOUR_MS),
      fc.integer({ min: -48, max: 48 }).map((hours) => MOMENTS.hotLeadAt + hours * HOUR_MS + (hours % 3)),
    ),
    fc.integer({ min: 0, max: 40 }),
  ),
  { maxLength: 300 },
);

describe('SupporterPurchaseFolder', () => {
  it('gives exactly what the purchase histories and their summaries gave, whatever order the rows come in and however the reads are sliced', () => {
    fc.assert(
      fc.property(purchaseRows, fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham'), fc.integer({ min: 1, max: 40 }), (rows, timeZone, sliceRows) => {
        expect(fold(rows, timeZone, MOMENTS, sliceRows)).toEqual(reference(rows, timeZone));
      }),
      { numRuns: 300 },
    );
  });

  it('merges a creator’s calendar day across UTC midnight and ignores rows after now or without tokens', () => {
    // 23:30 and 00:30 UTC are one evening in New York but two days in UTC.
    const evening = NOW - 10 * MS_PER_DAY - 11 * HOUR_MS + 30 * 60_000;
    const rows: PurchaseRow[] = [
      ['a', evening + HOUR_MS, 5],
      ['a', evening, 7],
      ['a', NOW - 2 * MS_PER_DAY, 3],
      ['a', NOW + 60_000, 100],
      ['b', NOW - MS_PER_DAY, 0],
    ];
    const [newYork] = fold(rows, 'America/New_York');
    expect(fold(rows, 'America/New_York')).toHaveLength(1);
    expect(newYork).toMatchObject({ supporterId: 'a', purchaseDayCount: 2, x: 1, m_x: 3, lastPurchaseAt: NOW - 2 * MS_PER_DAY, holdoutPurchaseDays: 2 });
    expect(fold(rows, 'UTC')[0]).toMatchObject({ purchaseDayCount: 3, x: 2, m_x: 4 });
  });

  it('refuses a supporter’s rows out of time order (the purchase index is what puts them in order)', () => {
    const folder = new SupporterPurchaseFolder(MOMENTS, createLocalDayKey('UTC'), 1);
    folder.add('a', NOW - MS_PER_DAY, 5);
    expect(() => folder.add('a', NOW - 2 * MS_PER_DAY, 5)).toThrow(RangeError);
  });

  it('grows past the supporters it was sized for, keeping every one', () => {
    const rows: PurchaseRow[] = Array.from({ length: 3000 }, (_, i) => [`s${String(i).padStart(4, '0')}`, NOW - (i % 50) * MS_PER_DAY, 1 + (i % 9)]);
    const folder = new SupporterPurchaseFolder(MOMENTS, createLocalDayKey('UTC'), 2);
    for (const [supporterId, at, tokens] of rows) folder.add(supporterId, at, tokens);
    const folded = folder.finish();
    expect(folded.supporterIds).toEqual(rows.map(([supporterId]) => supporterId));
    expect(Array.from(folded.lastPurchaseAt)).toEqual(rows.map(([, at]) => at));
    expect(Array.from(folded.tokensByHotLeadAt)).toEqual(rows.map(([, at, tokens]) => (at <= MOMENTS.hotLeadAt ? tokens : 0)));
  });
});

describe('fitSupporterColumns and backtestSupporterColumns', () => {
  it('give the very numbers fitSupporterModels and backtestSupporterModels give on the same purchases', () => {
    const rows: PurchaseRow[] = [];
    simulateBgNbdPurchases({
      params: { r: 0.8, alpha: 12, a: 0.6, b: 3 },
      customers: 400,
      seed: 5,
      firstPurchaseSpan: 150,
      observationEnd: 200,
      spend: { p: 4, q: 4, gamma: 30 },
    }).forEach((customer, i) => {
      customer.purchaseTimes.forEach((t, k) => {
        rows.push([`c${i}`, NOW - 200 * MS_PER_DAY + Math.round(t * MS_PER_DAY), Math.max(1, Math.round(customer.purchaseValues[k] ?? 1))]);
      });
    });
    const histories = supporterPurchaseHistory(rows, NOW, createLocalDayKey('Europe/Berlin'));
    const folded = foldColumns(rows, 'Europe/Berlin');

    const fitted = fitSupporterColumns(folded.atNow, folded.supporterIds);
    const expected = fitSupporterModels(histories, NOW);
    expect(fitted.models).not.toBeNull();
    expect(fitted.models).toEqual(expected.models);
    const predictions = fitted.predictions;
    expect(
      folded.supporterIds.map((supporterId, i) =>
        predictions?.scored[i] === 1
          ? {
              supporterId,
              notEnoughData: false,
              chanceActive: predictions.chanceActive[i],
              expectedPurchases30d: predictions.expectedPurchases30d[i],
              expectedTokens30d: predictions.expectedTokens30d[i],
            }
          : { supporterId, notEnoughData: true },
      ),
    ).toEqual(expected.supporters);
    const backtest = backtestSupporterColumns(folded.atCutoff, folded.holdoutPurchaseDays, NOW);
    expect(backtest.bins).not.toBeNull();
    expect(backtest).toEqual(backtestSupporterModels(histories, NOW));
  });
});
