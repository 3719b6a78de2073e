import type { ApiInput } from '../../../shared/contract/apiContract';
import { ApiFailure } from '../../../shared/contract/apiResult';
import type { AlertCursor, AlertPage, AlertPageFilters } from '../../../shared/domain/alertPage';
import type { CrmCore } from '../crmCore';
import { ALERT_PAGE_LIMIT, toAlertViews } from './alertService';
import { countAlertChoices } from './countAlertChoices';

/**
 * A page of the Alerts page: open alerts (not dismissed, not expired, created by `now`) matching
 * the filters, newest first, after the `before` cursor; with the counts over every open alert, so
 * nothing the creator can filter for is out of reach or miscounted.
 */
export function readAlertPage(core: CrmCore, input: ApiInput<'alerts.page'>, now = core.clock()): AlertPage {
  const filters: AlertPageFilters = { show: input.show ?? 'all', type: input.type ?? 'all', priority: input.priority ?? 'all' };
  const limit = input.limit ?? ALERT_PAGE_LIMIT;
  const before = input.before === undefined ? null : cursorPosition(input.before, 'before');
  // One more than asked says whether an older page exists without counting it.
  const records = core.stores.alerts.openAlertPage({
    now,
    unreadOnly: filters.show === 'unread',
    type: filters.type === 'all' ? null : filters.type,
    priority: filters.priority === 'all' ? null : filters.priority,
    before,
    limit: limit + 1,
  });
  const alerts = toAlertViews(core, records.slice(0, limit), now);
  const last = alerts.at(-1);
  const tally = core.stores.alerts.openAlertTally(now);
  const counts = countAlertChoices(tally, filters);
  return {
    alerts,
    nextBefore: records.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    matching: counts.show[filters.show],
    counts,
    open: tally.reduce((sum, group) => sum + group.count, 0),
    unread: tally.reduce((sum, group) => sum + (group.unread ? group.count : 0), 0),
  };
}

/** A cursor as the store reads it (epoch ms and id), or a refusal that says which field is wrong. */
export function cursorPosition(cursor: AlertCursor, field: string): { at: number; id: string } {
  const at = Date.parse(cursor.createdAt);
  if (!Number.isFinite(at)) {
    throw new ApiFailure('invalid_input', `${field}.createdAt must be an ISO 8601 time such as "2025-12-03T10:00:00.000Z" (an alert's createdAt).`);
  }
  return { at, id: cursor.id };
}
