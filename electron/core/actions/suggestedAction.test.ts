import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRM_ACTION_TYPES, type CrmActionType } from '../../../shared/domain/crmActions';
import { learnedImpact, noResultsByType, type ActionResultsByType, type ActionTypeResults } from './learnedImpact';
import { suggestedAction } from './suggestedAction';

const typeResults: fc.Arbitrary<ActionTypeResults> = fc
  .integer({ min: 0, max: 60 })
  .chain((closed) => fc.integer({ min: 0, max: closed }).map((converted) => ({ closed, converted })))
  .chain(({ closed, converted }) => fc.integer({ min: converted, max: converted * 400 }).map((convertedTokens) => ({ closed, converted, convertedTokens })));

const resultsByType: fc.Arbitrary<ActionResultsByType> = fc.tuple(...CRM_ACTION_TYPES.map(() => typeResults)).map(
  (values) => Object.fromEntries(CRM_ACTION_TYPES.map((type, index) => [type, values[index]])) as Record<CrmActionType, ActionTypeResults>,
);

const validTypes = fc.subarray([...CRM_ACTION_TYPES]).chain((types) => fc.shuffledSubarray(types, { minLength: types.length }));

describe('suggestedAction (SPEC §11, §12)', () => {
  it('with no evidence every type estimates the same, so §8’s suggestion wins: dm_reminder when valid', () => {
    const input = { conversionProbability: 81, averageWeeklySpend: 896, results: noResultsByType() };
    expect(suggestedAction({ ...input, validTypes: [...CRM_ACTION_TYPES].reverse() })).toBe('dm_reminder');
    // The 24-hour rule took dm_reminder: the tie falls to SPEC §7's order.
    expect(suggestedAction({ ...input, validTypes: ['prioritize_reply', 'offer_fan_club'] })).toBe('offer_fan_club');
    expect(suggestedAction({ ...input, validTypes: [] })).toBeNull();
  });

  it('picks the type the creator’s own results say earns most', () => {
    const results: ActionResultsByType = {
      ...noResultsByType(),
      // 40 live invites, 30 converted at 200 tokens each: well above a message reminder's formula.
      invite_to_live: { closed: 40, converted: 30, convertedTokens: 6000 },
      // 20 fan club offers, none converted: §7's tokens, the same as the formula types.
      offer_fan_club: { closed: 20, converted: 0, convertedTokens: 0 },
    };
    const input = { conversionProbability: 50, averageWeeklySpend: 100, results };
    expect(suggestedAction({ ...input, validTypes: CRM_ACTION_TYPES })).toBe('invite_to_live');
    expect(suggestedAction({ ...input, validTypes: ['offer_fan_club', 'prioritize_reply'] })).toBe('offer_fan_club');
  });

  it('is always a valid type with the highest estimate, dm_reminder on a tie, null only when nothing is valid (property)', () => {
    fc.assert(
      fc.property(validTypes, fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 5000, noNaN: true }), resultsByType, (valid, p, spend, results) => {
        const chosen = suggestedAction({ validTypes: valid, conversionProbability: p, averageWeeklySpend: spend, results });
        if (valid.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        expect(valid).toContain(chosen);
        const tokens = (type: CrmActionType) => learnedImpact(p, spend, results[type]).estimatedTokens;
        const best = Math.max(...valid.map(tokens));
        expect(tokens(chosen as CrmActionType)).toBe(best);
        if (valid.includes('dm_reminder') && tokens('dm_reminder') === best) expect(chosen).toBe('dm_reminder');
      }),
    );
  });

  it('does not depend on the order the valid types are given in (property)', () => {
    fc.assert(
      fc.property(validTypes, fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 5000, noNaN: true }), resultsByType, (valid, p, spend, results) => {
        const input = { conversionProbability: p, averageWeeklySpend: spend, results };
        expect(suggestedAction({ ...input, validTypes: [...valid].reverse() })).toBe(suggestedAction({ ...input, validTypes: valid }));
      }),
    );
  });
});
