import type { CrmActionType } from '../../../../shared/domain/crmActions';
import type { FanClubTier } from '../../../../shared/domain/fanClubTiers';

export interface QuickActionContext {
  /** A stream is scheduled or live now. */
  hasInvitableStream: boolean;
  /** A listing starts after now. */
  hasUpcomingListing: boolean;
}

/**
 * The CRM actions whose preconditions hold for this supporter now (SPEC §5, §7), in the contract's
 * order. Rate limits and the 24-hour repeat rule are checked when an action runs, not here: they
 * depend on the creator's recent actions, and the buttons should not flicker with them.
 */
export function quickActionsFor(fanClubTier: FanClubTier | null, context: QuickActionContext): CrmActionType[] {
  const actions: CrmActionType[] = ['dm_reminder'];
  if (context.hasInvitableStream) actions.push('invite_to_live');
  if (fanClubTier !== 'royal_elite') actions.push('offer_fan_club');
  if (context.hasUpcomingListing) actions.push('event_early_access');
  actions.push('prioritize_reply');
  return actions;
}
