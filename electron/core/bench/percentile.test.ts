import { describe, expect, it } from 'vitest';
import { median, percentile } from './percentile';

describe('percentile (nearest rank)', () => {
  it('picks a measured sample: the smallest with at least p % of the samples at or below it', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(twenty, 100)).toBe(20);
    expect(percentile(twenty, 0)).toBe(1);
    expect(percentile([5, 1, 4], 50)).toBe(4);
    expect(median([3, 1, 2, 10])).toBe(2);
  });

  it('leaves its input alone and answers 0 for no samples', () => {
    const samples = [3, 1, 2];
    percentile(samples, 95);
    expect(samples).toEqual([3, 1, 2]);
    expect(percentile([], 95)).toBe(0);
  });
});
