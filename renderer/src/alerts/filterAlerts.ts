import type { AlertPageFilters } from '../../../shared/domain/alertPage';
import type { AlertView } from '../../../shared/domain/alertView';

/** The panel's filters: which alerts (all or unread), of which type, of which priority (the core pages by them). */
export type AlertFilters = AlertPageFilters;

export const NO_ALERT_FILTERS: AlertFilters = { show: 'all', type: 'all', priority: 'all' };

/** The loaded alerts the filters keep. */
export interface FilteredAlerts {
  visible: AlertView[];
}

export function isUnread(alert: AlertView): boolean {
  return alert.readAt === null && alert.dismissedAt === null;
}

export function isFiltered(filters: AlertFilters): boolean {
  return filters.show !== 'all' || filters.type !== 'all' || filters.priority !== 'all';
}

/**
 * Applies the filters to the loaded alerts. The core already pages by them, so this only matters
 * between a change on screen and the core's answer: an alert marked read leaves "Unread" at once,
 * and a new filter narrows what is shown before its first page arrives. The counts are the core's.
 */
export function filterAlerts(alerts: readonly AlertView[], filters: AlertFilters): FilteredAlerts {
  const visible = alerts.filter(
    (alert) =>
      (filters.show === 'all' || isUnread(alert)) &&
      (filters.type === 'all' || alert.type === filters.type) &&
      (filters.priority === 'all' || alert.priority === filters.priority),
  );
  return { visible };
}
