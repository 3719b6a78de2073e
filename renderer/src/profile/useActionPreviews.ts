import { useEffect, useState } from 'react';
import type { ExpectedImpact } from '../../../shared/contract/apiTypes';
import { CRM_ACTION_TYPES, type CrmActionType } from '../../../shared/domain/crmActions';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

export type ActionPreview = { state: 'loading' } | { state: 'ready'; impact: ExpectedImpact } | { state: 'unavailable'; problem: ErrorView };

/**
 * The expected impact of every action for one supporter, so the profile's buttons show what each
 * would bring before the creator clicks. `version` changes when the data does (refetch).
 */
export function useActionPreviews(supporterId: string, version: unknown): Record<CrmActionType, ActionPreview> {
  const [previews, setPreviews] = useState<Record<CrmActionType, ActionPreview>>(allLoading);
  useEffect(() => {
    let cancelled = false;
    for (const type of CRM_ACTION_TYPES) {
      callApi('actions.preview', { supporterId, type }).then(
        (impact) => !cancelled && setPreviews((current) => ({ ...current, [type]: { state: 'ready', impact } })),
        (error: unknown) => !cancelled && setPreviews((current) => ({ ...current, [type]: { state: 'unavailable', problem: describeApiError(error) } })),
      );
    }
    return () => {
      cancelled = true;
    };
  }, [supporterId, version]);
  return previews;
}

function allLoading(): Record<CrmActionType, ActionPreview> {
  return Object.fromEntries(CRM_ACTION_TYPES.map((type) => [type, { state: 'loading' }])) as Record<CrmActionType, ActionPreview>;
}
