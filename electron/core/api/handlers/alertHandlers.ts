import { actOnAlert, dismissAlert, listAlerts, markAlertRead } from '../../alerts/alertService';
import type { RequestHandlers } from '../requestHandler';

export const alertHandlers: RequestHandlers<'alerts.list' | 'alerts.markRead' | 'alerts.dismiss' | 'alerts.act'> = {
  'alerts.list': ({ core }, input) => ({ alerts: listAlerts(core, input) }),
  'alerts.markRead': ({ core }, { alertId }) => ({ alert: markAlertRead(core, alertId) }),
  'alerts.dismiss': ({ core }, { alertId }) => ({ alert: dismissAlert(core, alertId) }),
  'alerts.act': ({ core }, { alertId }) => actOnAlert(core, alertId),
};
