import { describe, expect, it } from 'vitest';
import { bestContactHours, confidenceWord, heatmapLevel, heatmapMax, heatmapTotal } from './heatmapScale';

describe('heatmapLevel', () => {
  it('is 0 only for no activity', () => {
    expect(heatmapLevel(0, 10)).toBe(0);
    expect(heatmapLevel(1, 100)).toBe(1);
    expect(heatmapLevel(3, 0)).toBe(0);
  });

  it('grows in quarters of the busiest cell', () => {
    expect(heatmapLevel(30, 100)).toBe(2);
    expect(heatmapLevel(60, 100)).toBe(3);
    expect(heatmapLevel(100, 100)).toBe(4);
  });
});

describe('bestContactHours', () => {
  it('wraps around midnight', () => {
    expect(bestContactHours(0)).toEqual([23, 0, 1]);
    expect(bestContactHours(23)).toEqual([22, 23, 0]);
    expect(bestContactHours(18)).toEqual([17, 18, 19]);
  });
});

describe('heatmap totals', () => {
  it('finds the maximum and the sum', () => {
    const grid = [
      [0, 2, 1],
      [5, 0, 0],
    ];
    expect(heatmapMax(grid)).toBe(5);
    expect(heatmapTotal(grid)).toBe(8);
    expect(heatmapMax([])).toBe(0);
  });
});

describe('confidenceWord', () => {
  it('buckets the percentage', () => {
    expect(confidenceWord(10)).toBe('Low');
    expect(confidenceWord(30)).toBe('Medium');
    expect(confidenceWord(70)).toBe('High');
  });
});
