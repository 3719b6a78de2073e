import { describe, expect, it } from 'vitest';
import { binByRepeatCount } from './binByRepeatCount';
import { countHoldoutPurchases } from './countHoldoutPurchases';
import { parseCdnow } from './parseCdnow';
import { summariseTransactions } from './summariseTransactions';
import type { Transaction } from './types';

describe('summariseTransactions', () => {
  const tx = (customerId: string, day: number, value: number): Transaction => ({ customerId, day, value });

  it('merges same-day rows, counts repeats only and measures t_x, T from the first purchase', () => {
    const rows = [
      tx('a', 1, 10),
      tx('a', 1, 5), // same day as the first purchase: merged into it, not a repeat
      tx('a', 8, 20),
      tx('a', 8, 4), // same-day merge: one repeat worth 24
      tx('a', 15, 6),
      tx('a', 30, 100), // after calibration end
      tx('b', 3, 7),
      tx('c', 29, 9), // first purchase after calibration end: not in the cohort
    ];
    const summary = summariseTransactions(rows, { calibrationEnd: 22, timeUnit: 7 });
    expect(summary).toEqual([
      { customerId: 'a', x: 2, t_x: 14 / 7, T: 21 / 7, m_x: (24 + 6) / 2, firstDay: 1 },
      { customerId: 'b', x: 0, t_x: 0, T: 19 / 7, m_x: 0, firstDay: 3 },
    ]);
  });

  it('handles unsorted input and a first purchase on the calibration end day (T = 0)', () => {
    const summary = summariseTransactions([tx('a', 9, 1), tx('a', 5, 2), tx('z', 10, 3)], {
      calibrationEnd: 10,
    });
    expect(summary).toEqual([
      { customerId: 'a', x: 1, t_x: 4, T: 5, m_x: 1, firstDay: 5 },
      { customerId: 'z', x: 0, t_x: 0, T: 0, m_x: 0, firstDay: 10 },
    ]);
  });

  it('rejects a non-positive time unit and non-finite rows', () => {
    expect(() => summariseTransactions([], { calibrationEnd: 1, timeUnit: 0 })).toThrow(RangeError);
    expect(() => summariseTransactions([tx('a', Number.NaN, 1)], { calibrationEnd: 1 })).toThrow(RangeError);
  });
});

describe('countHoldoutPurchases', () => {
  it('counts distinct holdout days per cohort customer', () => {
    const rows: Transaction[] = [
      { customerId: 'a', day: 1, value: 1 },
      { customerId: 'a', day: 11, value: 1 },
      { customerId: 'a', day: 11, value: 1 }, // same day → one transaction
      { customerId: 'a', day: 12, value: 1 },
      { customerId: 'a', day: 21, value: 1 }, // after the holdout
      { customerId: 'b', day: 2, value: 1 }, // no holdout purchase → 0
      { customerId: 'c', day: 15, value: 1 }, // joined during the holdout: not in the cohort
    ];
    const counts = countHoldoutPurchases(rows, { calibrationEnd: 10, holdoutEnd: 20 });
    expect([...counts.entries()].sort()).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
  });
});

describe('binByRepeatCount', () => {
  it('always returns the eight bins 0..6, 7+ in order with means', () => {
    const bins = binByRepeatCount([
      { x: 0, actual: 1, predicted: 0.5 },
      { x: 0, actual: 0, predicted: 0.25 },
      { x: 3, actual: 2, predicted: 1.5 },
      { x: 7, actual: 4, predicted: 5 },
      { x: 42, actual: 10, predicted: 9 },
    ]);
    expect(bins.map((b) => b.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(bins[0]).toEqual({ x: '0', customers: 2, actualMean: 0.5, predictedMean: 0.375 });
    expect(bins[1]).toEqual({ x: '1', customers: 0, actualMean: 0, predictedMean: 0 });
    expect(bins[3]).toEqual({ x: '3', customers: 1, actualMean: 2, predictedMean: 1.5 });
    expect(bins[7]).toEqual({ x: '7+', customers: 2, actualMean: 7, predictedMean: 7 });
  });
});

describe('parseCdnow', () => {
  it('parses CRLF, whitespace-separated rows without a header and numbers days from 1997-01-01 = 1', () => {
    const text =
      ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970930  1   14.96\r\n 00021 0002 19980630  3   63.34\r\n';
    const rows = parseCdnow(text);
    expect(rows).toEqual([
      { masterId: '00004', sampleId: '0001', date: '19970101', day: 1, cds: 2, dollars: 29.33 },
      { masterId: '00004', sampleId: '0001', date: '19970930', day: 273, cds: 1, dollars: 14.96 },
      { masterId: '00021', sampleId: '0002', date: '19980630', day: 546, cds: 3, dollars: 63.34 },
    ]);
  });

  it('reports the line number of malformed input', () => {
    expect(() => parseCdnow(' 1 2 19970101 1\r\n')).toThrow(/line 1/);
    expect(() => parseCdnow('\r\n 1 2 19970231 1 1.00\r\n')).toThrow(/line 2: invalid date/);
    expect(() => parseCdnow(' 1 2 19970101 x 1.00')).toThrow(/cannot parse/);
  });
});
