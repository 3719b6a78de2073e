import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../../../shared/domain/segments';
import { scoreSignature } from './scoreSignature';

type Signed = Parameters<typeof scoreSignature>[0];

const time = fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: null });
const amount = fc.integer({ min: 0, max: 10_000_000 });
const row: fc.Arbitrary<Signed> = fc.record({
  engineVersion: fc.integer({ min: 1, max: 20 }),
  edgeAt: time,
  segment: fc.constantFrom(...SEGMENTS),
  online: fc.boolean(),
  lifetimeTokens: amount,
  monthlyTokens: amount,
  lastActivityAt: time,
  firstPurchaseAt: time,
  unreadCount: amount,
  lastCreatorMessageAt: time,
  registeredListingIds: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  conversionProbability: fc.integer({ min: 0, max: 100 }),
  priorityScore: amount,
  fanClubActive: fc.boolean(),
});

const NULLABLE = new Set<keyof Signed>(['edgeAt', 'lastActivityAt', 'firstPurchaseAt', 'lastCreatorMessageAt']);
const FIELDS = Object.keys(fc.sample(row, { numRuns: 1, seed: 1 })[0] as Signed) as (keyof Signed)[];

/** The row with another value in one field. */
function changeOneField(original: Signed, field: keyof Signed, seed: number): Signed {
  const value = original[field];
  if (typeof value === 'boolean') return { ...original, [field]: !value };
  if (field === 'segment') return { ...original, segment: SEGMENTS[(SEGMENTS.indexOf(original.segment) + 1 + (seed % (SEGMENTS.length - 1))) % SEGMENTS.length] as Signed['segment'] };
  if (field === 'registeredListingIds') return { ...original, registeredListingIds: [...original.registeredListingIds, `x${seed}`] };
  if (value === null) return { ...original, [field]: seed };
  if (NULLABLE.has(field) && seed % 2 === 0) return { ...original, [field]: null };
  return { ...original, [field]: (value as number) + 1 + seed };
}

describe('scoreSignature', () => {
  it('is the same for equal rows and differs when any one field changes', () => {
    fc.assert(
      fc.property(row, fc.constantFrom(...FIELDS), fc.nat(1000), (original, field, seed) => {
        expect(scoreSignature({ ...original, registeredListingIds: [...original.registeredListingIds] })).toBe(scoreSignature(original));
        expect(scoreSignature(changeOneField(original, field, seed)), field).not.toBe(scoreSignature(original));
      }),
      { numRuns: 500 },
    );
  });

  it('tells listing ids apart however their characters are split', () => {
    const base = fc.sample(row, { numRuns: 1, seed: 1 })[0] as Signed;
    expect(scoreSignature({ ...base, registeredListingIds: ['ab', 'c'] })).not.toBe(scoreSignature({ ...base, registeredListingIds: ['a', 'bc'] }));
  });
});
