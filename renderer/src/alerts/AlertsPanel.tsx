import { useEffect } from 'react';
import { ErrorState } from '../app/ErrorState';
import { PRIORITY_LABELS } from '../app/labels';
import { UpdatedAt } from '../app/UpdatedAt';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { AlertRow } from './AlertRow';
import { alertsStore } from './alertsStore';
import { countUnread, groupAlertsByPriority } from './groupAlertsByPriority';

/** Smart alerts, most urgent first, each group in its own colour. Refreshes itself as alerts arrive. */
export function AlertsPanel() {
  const alerts = alertsStore((state) => state.alerts);
  const status = alertsStore((state) => state.status);
  const error = alertsStore((state) => state.error);
  const unreadOnly = alertsStore((state) => state.unreadOnly);
  const updatedAt = alertsStore((state) => state.updatedAt);
  const blockedReason = useActionsBlockedReason();

  useEffect(() => {
    void alertsStore.getState().refresh();
  }, []);

  const groups = groupAlertsByPriority(alerts);
  const unread = countUnread(alerts);
  const now = updatedAt ?? Date.now();
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <div className="page-toolbar">
        <h1 id="alerts-title">Alerts</h1>
        <span className="muted" data-testid="alerts-summary">
          {status === 'ready' ? `${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}, ${unread} unread` : ''}
        </span>
        <label className="toggle">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => alertsStore.getState().setUnreadOnly(event.target.checked)} /> Unread only
        </label>
        {updatedAt !== null && <UpdatedAt at={updatedAt} testId="alerts-updated-at" />}
      </div>
      {status === 'error' && error ? (
        <ErrorState title="Could not load alerts" error={error} onRetry={() => void alertsStore.getState().refresh()} />
      ) : status === 'loading' ? (
        <div className="state" aria-busy="true">
          Loading alerts…
        </div>
      ) : groups.length === 0 ? (
        <div className="state empty-state" data-testid="empty-state">
          <h2>{unreadOnly ? 'No unread alerts' : 'No alerts right now'}</h2>
          <p>You will be alerted when a VIP comes online, a hot lead is active, a dormant supporter returns, and more.</p>
        </div>
      ) : (
        groups.map((group) => (
          <section key={group.priority} className={`alert-group priority-${group.priority}`} aria-labelledby={`alerts-${group.priority}`} data-testid={`alert-group-${group.priority}`}>
            <h2 id={`alerts-${group.priority}`} className="alert-group-title">
              <span className={`priority-swatch priority-${group.priority}`} aria-hidden="true" />
              {PRIORITY_LABELS[group.priority]} <span className="muted">({group.alerts.length})</span>
            </h2>
            <ul className="alert-list">
              {group.alerts.map((alert) => (
                <AlertRow key={alert.id} alert={alert} handle={handleFromMessage(alert.message)} blockedReason={blockedReason} now={now} />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

/** Alert messages name the supporter by handle (SPEC §8); the first @handle (any script) or word is a good dialog title. */
function handleFromMessage(message: string): string {
  const at = /@(\S+)/u.exec(message);
  if (at?.[1]) return at[1];
  return message.split(/\s+/)[0] ?? 'this supporter';
}
