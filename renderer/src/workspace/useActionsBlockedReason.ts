import { workspaceStore } from './workspaceStore';

/**
 * Why CRM actions cannot run at all right now, or null. The core refuses them too (SPEC §9); the UI
 * says so up front instead of letting the creator find out from a rejected request.
 */
export function useActionsBlockedReason(): string | null {
  const creator = workspaceStore((state) => state.info?.creator);
  if (creator && !creator.earnOn) return 'Earning is switched off for this account, so CRM actions are unavailable.';
  return null;
}
