import { CRM_ACTION_TYPES, type CrmActionType } from '../../../shared/domain/crmActions';
import { learnedImpact, type ActionResultsByType } from './learnedImpact';

/** SPEC §8 suggests this action for every alert; §12 lets it win a tie. */
export const TIE_BREAK_ACTION: CrmActionType = 'dm_reminder';

/** Ties after §8's suggestion fall to the order the types are listed in (SPEC §7), so the answer never depends on input order. */
const PREFERENCE: readonly CrmActionType[] = [TIE_BREAK_ACTION, ...CRM_ACTION_TYPES.filter((type) => type !== TIE_BREAK_ACTION)];

export interface SuggestedActionInput {
  /** The action types that are valid for this supporter now (today's quick-action rules). */
  validTypes: readonly CrmActionType[];
  /** §3's conversionProbability (0–100): the prior p0 × 100. */
  conversionProbability: number;
  /** §7: the supporter's average spend per active week over the last 90 days. */
  averageWeeklySpend: number;
  /** The per-type summary of closed actions, read once per request (`actionResultsByType`). */
  results: ActionResultsByType;
}

/**
 * SPEC §11/§12 `suggestedAction`: of the valid action types, the one with the highest estimated
 * tokens (§12's learned estimate); ties go to §8's suggestion (dm_reminder), then to SPEC §7's order.
 * Null when no type is valid. Pure: the Now queue calls it for each entry of a page.
 */
export function suggestedAction({ validTypes, conversionProbability, averageWeeklySpend, results }: SuggestedActionInput): CrmActionType | null {
  const valid = new Set(validTypes);
  let best: CrmActionType | null = null;
  let bestTokens = -Infinity;
  for (const type of PREFERENCE) {
    if (!valid.has(type)) continue;
    const tokens = learnedImpact(conversionProbability, averageWeeklySpend, results[type]).estimatedTokens;
    if (tokens > bestTokens) {
      best = type;
      bestTokens = tokens;
    }
  }
  return best;
}
