import type { ApiInput } from '../../../shared/contract/apiContract';
import type { CrmCore } from '../crmCore';
import { cursorPosition } from './readAlertPage';

/**
 * "Mark all read" on the Alerts page: every open unread alert matching the type and priority
 * filters, up to and including `upTo` — the newest alert the creator was shown — however many pages
 * that is. An alert raised after they looked is newer than `upTo` and stays unread. One UPDATE, so
 * it is all or nothing.
 */
export function markMatchingAlertsRead(core: CrmCore, input: ApiInput<'alerts.markMatchingRead'>, now = core.clock()): { marked: number } {
  const upTo = cursorPosition(input.upTo, 'upTo');
  const marked = core.stores.alerts.markMatchingRead({ now, type: narrowing(input.type), priority: narrowing(input.priority), upTo, at: now });
  if (marked > 0) core.emit({ kind: 'data_changed', reason: 'alerts' });
  return { marked };
}

function narrowing<Value extends string>(filter: Value | 'all' | undefined): Value | null {
  return filter === undefined || filter === 'all' ? null : filter;
}
