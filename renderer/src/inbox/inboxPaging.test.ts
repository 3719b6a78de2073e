import { describe, expect, it } from 'vitest';
import { listLengthAfterPage, pagesForRange, pagesToEvict } from './inboxPaging';

describe('pagesForRange', () => {
  it('covers the visible rows with whole pages', () => {
    expect(pagesForRange(0, 20, 100, 100_000)).toEqual([0]);
    expect(pagesForRange(95, 110, 100, 100_000)).toEqual([0, 1]);
    expect(pagesForRange(99_990, 100_010, 100, 100_000)).toEqual([999]);
  });

  it('is empty for an empty list or an inverted range', () => {
    expect(pagesForRange(0, 10, 100, 0)).toEqual([]);
    expect(pagesForRange(10, 5, 100, 50)).toEqual([]);
  });

  it('clamps negative starts (overscan above the first row)', () => {
    expect(pagesForRange(-8, 12, 100, 30)).toEqual([0]);
  });
});

describe('pagesToEvict', () => {
  it('keeps everything under the limit', () => {
    expect(pagesToEvict([1, 2, 3], 2, 5)).toEqual([]);
  });

  it('drops the pages farthest from the one on screen', () => {
    expect(pagesToEvict([0, 1, 2, 3, 10, 11], 2, 4).sort((a, b) => a - b)).toEqual([10, 11]);
    expect(pagesToEvict([0, 5, 6, 7], 6, 3)).toEqual([0]);
  });
});

describe('listLengthAfterPage', () => {
  it('is the total when the page came back full or reached the end', () => {
    expect(listLengthAfterPage(1000, 0, 100, 100)).toBe(1000);
    expect(listLengthAfterPage(150, 100, 100, 50)).toBe(150);
  });

  it('stops at a short page that ends before the total (VIP tab limited to its size)', () => {
    expect(listLengthAfterPage(57, 0, 100, 10)).toBe(10);
  });
});
