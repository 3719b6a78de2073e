import type { AlertChoiceCounts, AlertPageFilters } from '../../../shared/domain/alertPage';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import type { OpenAlertTally } from '../store/alertStore';

/**
 * Counts each filter choice against the other two filters, over every open alert: "Event RSVP (105)"
 * is how many alerts choosing it would show. So "All types" is the sum of the types listed, the chosen
 * type's count is what the page reaches, and with no type or priority chosen "Unread" is the badge.
 */
export function countAlertChoices(tally: readonly OpenAlertTally[], filters: AlertPageFilters): AlertChoiceCounts {
  const show = { all: 0, unread: 0 };
  const type = zeroCounts(ALERT_TYPES);
  const priority = zeroCounts(ALERT_PRIORITIES);
  for (const group of tally) {
    const byShow = filters.show === 'all' || group.unread;
    const byType = filters.type === 'all' || group.type === filters.type;
    const byPriority = filters.priority === 'all' || group.priority === filters.priority;
    if (byShow && byPriority) type[group.type] += group.count;
    if (byShow && byType) priority[group.priority] += group.count;
    if (byType && byPriority) {
      show.all += group.count;
      if (group.unread) show.unread += group.count;
    }
  }
  type.all = ALERT_TYPES.reduce((sum, key) => sum + type[key], 0);
  priority.all = ALERT_PRIORITIES.reduce((sum, key) => sum + priority[key], 0);
  return { show, type, priority };
}

function zeroCounts<Key extends string>(keys: readonly Key[]): Record<Key | 'all', number> {
  return Object.fromEntries([...keys, 'all'].map((key) => [key, 0])) as Record<Key | 'all', number>;
}
