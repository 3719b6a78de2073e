import { ApiFailure } from '../../../../shared/contract/apiResult';
import type { AlertView } from '../../../../shared/domain/alertView';
import { actOnAlert, dismissAlert, listAlerts, markAlertRead, toAlertViews } from '../../alerts/alertService';
import { markMatchingAlertsRead } from '../../alerts/markMatchingAlertsRead';
import { readAlertPage } from '../../alerts/readAlertPage';
import type { CrmCore } from '../../crmCore';
import type { AlertRecord } from '../../store/alertStore';
import type { RequestHandlers } from '../requestHandler';

export const alertHandlers: RequestHandlers<'alerts.list' | 'alerts.markRead' | 'alerts.dismiss' | 'alerts.act' | 'alerts.undismiss' | 'alerts.markAllRead' | 'alerts.page' | 'alerts.markMatchingRead'> = {
  'alerts.list': ({ core }, input) => ({ alerts: listAlerts(core, input) }),
  'alerts.page': ({ core }, input) => readAlertPage(core, input),
  'alerts.markMatchingRead': ({ core }, input) => markMatchingAlertsRead(core, input),
  'alerts.markRead': ({ core }, { alertId }) => ({ alert: markAlertRead(core, alertId) }),
  'alerts.dismiss': ({ core }, { alertId }) => ({ alert: dismissAlert(core, alertId) }),
  'alerts.act': ({ core }, { alertId }) => actOnAlert(core, alertId),
  'alerts.undismiss': ({ core }, { alertId }) => {
    existingAlerts(core, [alertId]);
    core.stores.alerts.undismiss(alertId);
    core.emit({ kind: 'data_changed', reason: 'alerts' });
    return { alert: currentViews(core, [alertId])[0] as AlertView };
  },
  'alerts.markAllRead': ({ core }, { alertIds }) => {
    const ids = [...new Set(alertIds)];
    const now = core.clock();
    // All or none: an unknown id refuses the whole request before anything is marked.
    core.db
      .transaction(() => {
        existingAlerts(core, ids);
        for (const id of ids) core.stores.alerts.markRead(id, now);
      })
      .immediate();
    core.emit({ kind: 'data_changed', reason: 'alerts' });
    return { alerts: currentViews(core, ids, now) };
  },
};

/** The stored alerts for `alertIds`, or a not-found refusal naming the first that does not exist. */
function existingAlerts(core: CrmCore, alertIds: readonly string[]): AlertRecord[] {
  return alertIds.map((alertId) => {
    const record = core.stores.alerts.get(alertId);
    if (!record) throw new ApiFailure('not_found', `There is no alert "${alertId.slice(0, 60)}".`);
    return record;
  });
}

function currentViews(core: CrmCore, alertIds: readonly string[], now = core.clock()): AlertView[] {
  return toAlertViews(core, existingAlerts(core, alertIds), now);
}
