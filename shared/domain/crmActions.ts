/** One-to-one CRM actions (SPEC §7). */
export const CRM_ACTION_TYPES = [
  'dm_reminder',
  'invite_to_live',
  'offer_fan_club',
  'event_early_access',
  'prioritize_reply',
] as const;
export type CrmActionType = (typeof CRM_ACTION_TYPES)[number];

/** Each action's name in the creator's words: what every screen and every refusal says, never the type id. */
export const CRM_ACTION_NAMES: Record<CrmActionType, string> = {
  dm_reminder: 'Message reminder',
  invite_to_live: 'Invite to live',
  offer_fan_club: 'Offer fan club',
  event_early_access: 'Event early access',
  prioritize_reply: 'Prioritize reply',
};

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
