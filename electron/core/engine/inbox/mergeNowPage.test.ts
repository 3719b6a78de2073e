import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNowPage } from './mergeNowPage';
import { compareNowOrder, compareAsSqliteText, type NowOrderKey } from './nowOrder';

const key = fc.record({
  supporterId: fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'é', '\uE000', '😀') }),
  nowScore: fc.integer({ min: -30, max: 10 }),
  priorityScore: fc.integer({ min: 0, max: 5 }),
});

describe('mergeNowPage', () => {
  it('property: any page equals the same rows of the whole queue sorted by nowScore desc, priorityScore desc, id', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { selector: (entry) => entry.supporterId, maxLength: 60 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 1, max: 25 }),
        (everyone, movedShare, offset, limit) => {
          const split = Math.floor((everyone.length * movedShare) / 100);
          const moved = everyone.slice(0, split).sort(compareNowOrder);
          const stored = everyone.slice(split).sort(compareNowOrder);
          let reads = 0;
          const readStored = (from: number, count: number): NowOrderKey[] => {
            reads += 1;
            return stored.slice(from, from + count);
          };
          const page = mergeNowPage(moved, readStored, stored.length, offset, limit);
          expect(page).toEqual([...everyone].sort(compareNowOrder).slice(offset, offset + limit));
          // The stored order is read once per page, a window, never the whole queue from the top.
          expect(reads).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('orders ids as SQLite does (code points), not as UTF-16 units', () => {
    expect(compareAsSqliteText('\uE000', '😀')).toBeLessThan(0);
    expect('\uE000' < '😀').toBe(false);
    expect(compareAsSqliteText('a', 'ab')).toBeLessThan(0);
  });
});
