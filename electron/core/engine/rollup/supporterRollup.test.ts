import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRecentKey, recentAtOf, recentKindOf } from './supporterRollup';

describe('windowed entry keys', () => {
  it('give back the time and the kind they were packed from, before 1970 too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 49), max: 2 ** 49 }), fc.integer({ min: 0, max: 7 }), (at, kind) => {
        const key = packRecentKey(at, kind);
        expect(recentAtOf(key)).toBe(at);
        expect(recentKindOf(key)).toBe(kind);
      }),
      { numRuns: 2000 },
    );
  });
});
