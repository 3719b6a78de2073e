/** One-to-one CRM actions (SPEC §7). */
export const CRM_ACTION_TYPES = [
  'dm_reminder',
  'invite_to_live',
  'offer_fan_club',
  'event_early_access',
  'prioritize_reply',
] as const;
export type CrmActionType = (typeof CRM_ACTION_TYPES)[number];

/**
 * Each action's short name in the creator's words: what every screen and every refusal says, never
 * the type id. The two creator-side actions are named after what differs: a reminder on one chat
 * versus a place in the reply queue.
 */
export const CRM_ACTION_NAMES: Record<CrmActionType, string> = {
  dm_reminder: 'Message reminder',
  invite_to_live: 'Invite to live',
  offer_fan_club: 'Offer fan club',
  event_early_access: 'Event early access',
  prioritize_reply: 'Priority reply',
};

/**
 * What each action really does (SPEC §7), one line each, shown beside the name wherever an action is
 * offered. Kept true to the core: dm_reminder and prioritize_reply only mark things for the creator
 * (the flag clears on the creator's next message); the other three send the supporter something.
 */
export const CRM_ACTION_PURPOSES: Record<CrmActionType, string> = {
  dm_reminder: 'Flags this chat with a reply reminder until you next write. They aren’t told.',
  invite_to_live: 'Sends them an invitation to your live or next scheduled stream.',
  offer_fan_club: 'Offers them the fan club tier above theirs, at its usual price.',
  event_early_access: 'Gives them early access to your next event, and tells them.',
  prioritize_reply: 'Puts them in your priority reply queue until you next write. They aren’t told.',
};

/** Many actions of a type, as a count reads: "based on your last 37 live invites". */
export const CRM_ACTION_PLURALS: Record<CrmActionType, string> = {
  dm_reminder: 'message reminders',
  invite_to_live: 'live invites',
  offer_fan_club: 'fan club offers',
  event_early_access: 'event early-access invites',
  prioritize_reply: 'priority replies',
};

/**
 * Where an expected impact comes from (SPEC §12): §7's formula on this supporter's activity, or
 * that blended with what the creator's own closed actions of the type achieved.
 */
export const IMPACT_BASES = ['formula', 'your_results'] as const;
export type ImpactBasis = (typeof IMPACT_BASES)[number];

/** SPEC §12: the creator's own results count once this many actions of a type have a closed window. */
export const IMPACT_RESULTS_NEEDED = 10;

/** Requests that are always refused, whatever the supporter (SPEC §7). */
export const FORBIDDEN_ACTION_TYPES = [
  'bulk_messaging',
  'export_supporter_list',
  'offline_meetup_planning',
  'identity_revelation',
  'contact_info_exchange',
] as const;

export function isCrmActionType(value: unknown): value is CrmActionType {
  return typeof value === 'string' && (CRM_ACTION_TYPES as readonly string[]).includes(value);
}

export type ActionStatus = 'pending' | 'executed' | 'failed' | 'rejected';
