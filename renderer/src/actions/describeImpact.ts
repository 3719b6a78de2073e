import type { ExpectedImpact } from '../../../shared/contract/apiTypes';
import { CRM_ACTION_PLURALS, IMPACT_RESULTS_NEEDED, type CrmActionType } from '../../../shared/domain/crmActions';
import { impactBasisText } from '../../../shared/domain/impactBasisText';
import { formatEstimatedTokens } from '../app/formatters';

/**
 * "Expected: 72% chance, ≈ 140 tokens within 24 hours (estimate from this supporter’s activity)." —
 * the one-line impact shown after an action. `timeWindow` replaces the action's own window when the
 * action answers an alert, whose window is what the creator was shown.
 */
export function describeImpact(type: CrmActionType, impact: ExpectedImpact, timeWindow = impact.timeWindow): string {
  return `Expected: ${impact.conversionProbability}% chance, ${formatEstimatedTokens(impact.estimatedTokens)} ${describeWindow(timeWindow)} (${impactBasisText(type, impact)}).`;
}

/**
 * The basis with what is still to come while the formula shows: "estimate from this supporter’s
 * activity; your own results count from 10 closed message reminders (4 so far)". A formula
 * estimate of 0 tokens beside a high chance reads like a mistake, so it says why: SPEC §7 scales
 * the chance by the supporter's spend per active week of the last 90 days, which is (about) none.
 */
export function describeBasisInFull(type: CrmActionType, impact: Pick<ExpectedImpact, 'basis' | 'sampleSize' | 'estimatedTokens'>): string {
  const basis = impactBasisText(type, impact);
  if (impact.basis === 'your_results') return basis;
  const why = impact.estimatedTokens === 0 ? ' (little or no spending in the last 90 days, so no tokens to expect)' : '';
  return `${basis}${why}; your own results count from ${IMPACT_RESULTS_NEEDED} closed ${CRM_ACTION_PLURALS[type]} (${impact.sampleSize} so far)`;
}

/**
 * The core sends a duration ("24 hours", "7 days", or compact "24h") or a phrase ("until the stream
 * ends", "while online, at most 2 hours"); durations read as "within …", phrases as they are.
 */
export function describeWindow(timeWindow: string): string {
  const text = timeWindow.trim();
  const match = /^(\d+)\s*(h|d|m)$/i.exec(text);
  if (!match) return /^\d/.test(text) ? `within ${text}` : text;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'h').toLowerCase();
  const word = unit === 'h' ? 'hour' : unit === 'd' ? 'day' : 'minute';
  return `within ${amount} ${amount === 1 ? word : `${word}s`}`;
}
