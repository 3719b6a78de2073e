import { ALERT_PRIORITIES, ALERT_TYPES, type AlertPriority, type AlertType } from '../../../shared/domain/alerts';
import type { AlertView } from '../../../shared/domain/alertView';

/** The panel's filters: which alerts (all or unread), of which type, of which priority. */
export interface AlertFilters {
  show: 'all' | 'unread';
  type: AlertType | 'all';
  priority: AlertPriority | 'all';
}

export const NO_ALERT_FILTERS: AlertFilters = { show: 'all', type: 'all', priority: 'all' };

/** What the panel shows and every count it says, all from the same list so they add up. */
export interface FilteredAlerts {
  visible: AlertView[];
  /** Unread among `visible`: what "Mark all read" marks. */
  visibleUnread: AlertView[];
  /** "All" and "Unread" under the current type and priority. */
  showCounts: Record<AlertFilters['show'], number>;
  /** Per type under the current show and priority filters; `all` is their sum. */
  typeCounts: Record<AlertType | 'all', number>;
  /** Per priority under the current show and type filters; `all` is their sum. */
  priorityCounts: Record<AlertPriority | 'all', number>;
}

export function isUnread(alert: AlertView): boolean {
  return alert.readAt === null && alert.dismissedAt === null;
}

export function isFiltered(filters: AlertFilters): boolean {
  return filters.show !== 'all' || filters.type !== 'all' || filters.priority !== 'all';
}

/**
 * Applies the filters to the loaded alerts and counts each choice against the other two filters,
 * so "All types (12)" is the sum of the types listed, the priority groups add up to what is shown,
 * and with no type or priority chosen "Unread" is the sidebar's badge.
 */
export function filterAlerts(alerts: readonly AlertView[], filters: AlertFilters): FilteredAlerts {
  const byShow = (alert: AlertView) => filters.show === 'all' || isUnread(alert);
  const byType = (alert: AlertView) => filters.type === 'all' || alert.type === filters.type;
  const byPriority = (alert: AlertView) => filters.priority === 'all' || alert.priority === filters.priority;

  const typeCounts = zeroCounts(ALERT_TYPES);
  const priorityCounts = zeroCounts(ALERT_PRIORITIES);
  const showCounts = { all: 0, unread: 0 };
  const visible: AlertView[] = [];
  for (const alert of alerts) {
    const show = byShow(alert);
    const type = byType(alert);
    const priority = byPriority(alert);
    if (show && priority) typeCounts[alert.type] += 1;
    if (show && type) priorityCounts[alert.priority] += 1;
    if (type && priority) {
      showCounts.all += 1;
      if (isUnread(alert)) showCounts.unread += 1;
    }
    if (show && type && priority) visible.push(alert);
  }
  typeCounts.all = ALERT_TYPES.reduce((sum, type) => sum + typeCounts[type], 0);
  priorityCounts.all = ALERT_PRIORITIES.reduce((sum, priority) => sum + priorityCounts[priority], 0);
  return { visible, visibleUnread: visible.filter(isUnread), showCounts, typeCounts, priorityCounts };
}

function zeroCounts<Key extends string>(keys: readonly Key[]): Record<Key | 'all', number> {
  return Object.fromEntries([...keys, 'all'].map((key) => [key, 0])) as Record<Key | 'all', number>;
}
