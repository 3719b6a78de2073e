import type { AlertType } from './alerts';
import { CRM_ACTION_NAMES, type CrmActionType } from './crmActions';

/**
 * Why each alert suggests its action, in the creator's words (SPEC §8's suggested-action column:
 * thank for a spending spike, confirm an event RSVP, celebrate a milestone; the others say what the
 * moment is for). Every alert suggests a message reminder, so the intent is what tells them apart.
 * Short, because the alert row's button says it beside the message.
 */
export const ALERT_ACTION_INTENTS: Record<AlertType, string> = {
  vip_online: 'greet them',
  hot_lead_active: 'reply now',
  dormant_reactivation: 'welcome them back',
  spending_spike: 'thank them',
  fan_club_renewal_due: 'check in before renewal',
  event_rsvp: 'confirm their place',
  milestone_reached: 'celebrate with them',
  follow_up_due: 'follow up as planned',
};

/** "Message reminder — thank them": the alert's suggested action with its intent. */
export function alertActionIntent(alertType: AlertType, action: CrmActionType): string {
  return `${CRM_ACTION_NAMES[action]} — ${ALERT_ACTION_INTENTS[alertType]}`;
}
