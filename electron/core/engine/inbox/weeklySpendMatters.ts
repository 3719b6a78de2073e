import type { CrmActionType } from '../../../../shared/domain/crmActions';
import { RESULTS_NEEDED, type ActionResultsByType } from '../../actions/learnedImpact';

/**
 * Whether the supporter's weekly spend (SPEC §7) can change which action `suggestedAction` picks
 * among `validTypes`, so a page reads it only for the rows where it can. A type's estimate uses
 * the weekly spend while its own results do not count yet (fewer than 10 closed) or none of them
 * converted; otherwise it is the creator's results alone. When every valid type uses it, they all
 * estimate the same tokens and the tie decides; when none does, it plays no part; only a mix of
 * the two compares it with something else.
 */
export function weeklySpendMatters(validTypes: readonly CrmActionType[], results: ActionResultsByType): boolean {
  let uses = false;
  let ignores = false;
  for (const type of validTypes) {
    const own = results[type];
    if (own.closed < RESULTS_NEEDED || own.converted === 0) uses = true;
    else ignores = true;
  }
  return uses && ignores;
}
