import { isCrmActionType, type CrmActionType } from '../../../shared/domain/crmActions';
import type { ActionLogStore } from '../store/actionLogStore';
import { noResultsByType, type ActionResultsByType, type ActionTypeResults } from './learnedImpact';

/**
 * SPEC §12's per-type summary as it stands at `now`: for each action type, its executed actions
 * whose window has closed (outcome recorded by the sweep, window end ≤ now), how many converted
 * (spent tokens inside the window) and what those spent. One grouped read of the action log; read
 * it once per request and hand it to `learnedImpact` / `suggestedAction` for every supporter.
 */
export function actionResultsByType(log: Pick<ActionLogStore, 'closedResultsByType'>, now: number): ActionResultsByType {
  const results: Record<CrmActionType, ActionTypeResults> = { ...noResultsByType() };
  for (const row of log.closedResultsByType(now)) {
    if (!isCrmActionType(row.type)) continue;
    results[row.type] = { closed: row.closed, converted: row.converted, convertedTokens: row.convertedTokens };
  }
  return results;
}
