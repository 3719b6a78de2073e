import { useEffect } from 'react';
import { formatRelativeTime } from '../app/formatters';
import { routeStore } from '../app/routeStore';
import { alertsStore } from './alertsStore';

export function AlertsPanel() {
  const { alerts, status, error, unreadOnly } = alertsStore();
  const navigate = routeStore((state) => state.navigate);
  useEffect(() => {
    void alertsStore.getState().refresh();
  }, []);
  return (
    <section className="alerts" aria-label="Smart alerts">
      <div className="inbox-toolbar">
        <h1>Alerts</h1>
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(event) => alertsStore.getState().setUnreadOnly(event.target.checked)} /> Unread only
        </label>
      </div>
      {status === 'error' ? (
        <div className="state error-state" role="alert">
          <p>Could not load alerts: {error}</p>
          <button className="button" onClick={() => void alertsStore.getState().refresh()}>
            Try again
          </button>
        </div>
      ) : alerts.length === 0 ? (
        <div className="state empty-state">No alerts right now.</div>
      ) : (
        <ul className="alert-list">
          {alerts.map((alert) => (
            <li key={alert.id} className={`alert-row priority-${alert.priority}`} data-testid="alert-row">
              <span className={`badge priority-${alert.priority}`}>{alert.priority}</span>
              <button className="link" onClick={() => navigate({ page: 'supporter', supporterId: alert.supporterId })}>
                {alert.message}
              </button>
              <span className="muted">{formatRelativeTime(alert.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
