import { ALERT_PRIORITIES, type AlertPriority } from '../../../shared/domain/alerts';
import type { AlertView } from '../../../shared/domain/alertView';

export interface AlertGroup {
  priority: AlertPriority;
  alerts: AlertView[];
}

/** Urgent first, then high, medium, low; newest first inside a group; empty groups left out. */
export function groupAlertsByPriority(alerts: readonly AlertView[]): AlertGroup[] {
  return ALERT_PRIORITIES.map((priority) => ({
    priority,
    alerts: alerts
      .filter((alert) => alert.priority === priority)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id)),
  })).filter((group) => group.alerts.length > 0);
}
