import { CRM_ACTION_TYPES, IMPACT_RESULTS_NEEDED, type CrmActionType, type ImpactBasis } from '../../../shared/domain/crmActions';
import { estimatedTokensFor } from './expectedImpact';

/** SPEC §12: how many closed actions of a type it takes before the creator's own results count. */
export const RESULTS_NEEDED = IMPACT_RESULTS_NEEDED;
/** SPEC §12: how much weight §7's formula keeps against the results (as many actions' worth of evidence). */
export const PRIOR_WEIGHT = 10;

/** What the closed actions of one type achieved: the per-type summary §12 blends in. */
export interface ActionTypeResults {
  /** n: executed actions of the type whose window has closed and whose outcome is recorded. */
  closed: number;
  /** k: those whose supporter spent tokens inside the window. */
  converted: number;
  /** Tokens the converted ones spent inside their windows, summed (their mean is this / k). */
  convertedTokens: number;
}

export type ActionResultsByType = Readonly<Record<CrmActionType, ActionTypeResults>>;

export const NO_RESULTS: ActionTypeResults = Object.freeze({ closed: 0, converted: 0, convertedTokens: 0 });

/** Every type with nothing closed yet: the state of a new workspace. */
export function noResultsByType(): ActionResultsByType {
  return Object.fromEntries(CRM_ACTION_TYPES.map((type) => [type, NO_RESULTS])) as Record<CrmActionType, ActionTypeResults>;
}

/** The part of an expected impact that §12 decides: the figures and where they come from. */
export interface LearnedImpact {
  /** Percent, an integer 0–100 like §3's conversionProbability. */
  conversionProbability: number;
  estimatedTokens: number;
  basis: ImpactBasis;
  sampleSize: number;
}

/** The blended chance (0–1) for a type, or §7's own while fewer than `RESULTS_NEEDED` actions closed. */
export function blendedProbability(conversionProbability: number, results: ActionTypeResults): number {
  const p0 = conversionProbability / 100;
  if (results.closed < RESULTS_NEEDED) return p0;
  return (results.converted + PRIOR_WEIGHT * p0) / (results.closed + PRIOR_WEIGHT);
}

/**
 * SPEC §12 on top of §7: `conversionProbability` is §3's score for the supporter now, and
 * `averageWeeklySpend` their average spend per active week over the last 90 days (§7). With fewer
 * than 10 closed actions of the type the result is §7's formula; from 10 on, the chance is
 * `(k + 10 × p0) / (n + 10)` and the tokens that chance times the converted actions' mean spend
 * (§7's estimate while none of them converted).
 */
export function learnedImpact(conversionProbability: number, averageWeeklySpend: number, results: ActionTypeResults): LearnedImpact {
  const formulaTokens = estimatedTokensFor(conversionProbability, averageWeeklySpend);
  if (results.closed < RESULTS_NEEDED) {
    return { conversionProbability, estimatedTokens: formulaTokens, basis: 'formula', sampleSize: results.closed };
  }
  const p = blendedProbability(conversionProbability, results);
  const estimatedTokens = results.converted > 0 ? Math.round(p * (results.convertedTokens / results.converted)) : formulaTokens;
  return { conversionProbability: Math.round(p * 100), estimatedTokens, basis: 'your_results', sampleSize: results.closed };
}
