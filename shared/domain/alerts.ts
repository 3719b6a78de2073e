/** Smart alert types and priorities (SPEC §8; `follow_up_due` is the creator's own reminder, SPEC §13). */
export const ALERT_TYPES = [
  'vip_online',
  'hot_lead_active',
  'dormant_reactivation',
  'spending_spike',
  'fan_club_renewal_due',
  'event_rsvp',
  'milestone_reached',
  'follow_up_due',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Most urgent first; the index is the rank used for "at or above" comparisons. */
export const ALERT_PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export function isAtOrAbovePriority(priority: AlertPriority, threshold: AlertPriority): boolean {
  return ALERT_PRIORITIES.indexOf(priority) <= ALERT_PRIORITIES.indexOf(threshold);
}
