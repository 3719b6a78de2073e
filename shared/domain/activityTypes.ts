/** Every activity type of the data contract (SPEC §1). String-literal union, not an enum. */
export const ACTIVITY_TYPES = [
  'chat_message',
  'creator_message',
  'gift',
  'live_attendance',
  'live_gift',
  'ppv_purchase',
  'fan_club_payment',
  'event_registration',
  'event_attendance',
  'profile_view',
  'like',
  'match',
  'presence',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export function isActivityType(value: unknown): value is ActivityType {
  return typeof value === 'string' && (ACTIVITY_TYPES as readonly string[]).includes(value);
}
