import { useEffect } from 'react';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import { ErrorState } from '../app/ErrorState';
import { plural } from '../app/formatters';
import { ALERT_TYPE_LABELS, PRIORITY_LABELS } from '../app/labels';
import { UpdatedAt } from '../app/UpdatedAt';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { AlertRow } from './AlertRow';
import { ALERT_PAGE_SIZE, alertsStore } from './alertsStore';
import { filterAlerts, isFiltered, NO_ALERT_FILTERS, type AlertFilters } from './filterAlerts';
import { countUnread, groupAlertsByPriority } from './groupAlertsByPriority';

/**
 * Smart alerts, most urgent first, each group in its own colour: filters by read state, type and
 * priority whose counts add up (and "Unread" is the sidebar's badge), "Mark all read" for what is
 * shown, and Undo after a dismissal. Refreshes itself as alerts arrive.
 */
export function AlertsPanel() {
  const alerts = alertsStore((state) => state.alerts);
  const status = alertsStore((state) => state.status);
  const error = alertsStore((state) => state.error);
  const filters = alertsStore((state) => state.filters);
  const updatedAt = alertsStore((state) => state.updatedAt);
  const blockedReason = useActionsBlockedReason();

  useEffect(() => {
    void alertsStore.getState().refresh();
  }, []);

  const filtered = filterAlerts(alerts, filters);
  const groups = groupAlertsByPriority(filtered.visible);
  const narrowed = isFiltered(filters);
  const now = updatedAt ?? Date.now();
  const setFilters = (next: Partial<AlertFilters>) => alertsStore.getState().setFilters(next);
  const unreadShown = filtered.visibleUnread.length;
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <div className="page-toolbar">
        <h1 id="alerts-title">Alerts</h1>
        <span className="muted" data-testid="alerts-summary" role="status">
          {status === 'ready' ? summaryText(alerts.length, countUnread(alerts), filtered.visible.length, narrowed) : ''}
        </span>
        {updatedAt !== null && <UpdatedAt at={updatedAt} testId="alerts-updated-at" />}
      </div>
      {status === 'ready' && alerts.length > 0 && (
        <div className="alert-filters" role="group" aria-label="Filter alerts">
          <div className="show-toggle" role="radiogroup" aria-label="Show">
            {(['all', 'unread'] as const).map((show) => (
              <label key={show} className={filters.show === show ? 'show-option selected' : 'show-option'}>
                <input type="radio" name="alert-show" value={show} checked={filters.show === show} onChange={() => setFilters({ show })} />
                {show === 'all' ? 'All' : 'Unread'} <span className="count">({filtered.showCounts[show]})</span>
              </label>
            ))}
          </div>
          <CountedSelect
            label="Type"
            value={filters.type}
            options={[['all', 'All types'], ...ALERT_TYPES.map((type) => [type, ALERT_TYPE_LABELS[type]] as const)]}
            counts={filtered.typeCounts}
            onChange={(type) => setFilters({ type })}
          />
          <CountedSelect
            label="Priority"
            value={filters.priority}
            options={[['all', 'All priorities'], ...ALERT_PRIORITIES.map((priority) => [priority, PRIORITY_LABELS[priority]] as const)]}
            counts={filtered.priorityCounts}
            onChange={(priority) => setFilters({ priority })}
          />
          {narrowed && (
            <button type="button" className="button small" onClick={() => setFilters(NO_ALERT_FILTERS)}>
              Clear filters
            </button>
          )}
          <span className="status-spacer" />
          <button
            type="button"
            className="button small"
            disabled={unreadShown === 0}
            title={narrowed ? 'Marks the unread alerts these filters show as read' : 'Marks every alert in this list as read'}
            onClick={() => void alertsStore.getState().markAllRead(filtered.visibleUnread.map((alert) => alert.id))}
          >
            {narrowed ? `Mark ${plural(unreadShown, 'shown alert')} read` : 'Mark all read'}
          </button>
        </div>
      )}
      {status === 'error' && error ? (
        <ErrorState title="Could not load alerts" error={error} onRetry={() => void alertsStore.getState().refresh()} />
      ) : status === 'loading' ? (
        <div className="state" aria-busy="true">
          Loading alerts…
        </div>
      ) : alerts.length === 0 ? (
        <div className="state empty-state" data-testid="empty-state">
          <h2>No alerts right now</h2>
          <p>You will be alerted when a VIP comes online, a hot lead is active, a dormant supporter returns, and more.</p>
        </div>
      ) : groups.length === 0 ? (
        <div className="state empty-state" data-testid="empty-state">
          <h2>{filters.show === 'unread' && filters.type === 'all' && filters.priority === 'all' ? 'No unread alerts' : 'No alerts match these filters'}</h2>
          <p>
            <button type="button" className="link" onClick={() => setFilters(NO_ALERT_FILTERS)}>
              Show all {plural(alerts.length, 'alert')}
            </button>
          </p>
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

/** A filter as a labelled select whose every choice says how many alerts it would show: "Spending spike (4)". */
function CountedSelect<Value extends string>(props: {
  label: string;
  value: Value;
  options: readonly (readonly [Value, string])[];
  counts: Record<Value, number>;
  onChange(value: Value): void;
}) {
  return (
    <label className="filter-select">
      <span className="muted">{props.label}</span>
      <select value={props.value} onChange={(event) => props.onChange(event.target.value as Value)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text} ({props.counts[value]})
          </option>
        ))}
      </select>
    </label>
  );
}

/** "37 alerts, 12 unread" (the badge) — and when narrowed, how many of them are shown; a full page says it is the newest. */
function summaryText(total: number, unread: number, shown: number, narrowed: boolean): string {
  const all = total >= ALERT_PAGE_SIZE ? `The newest ${total} alerts` : plural(total, 'alert');
  const base = `${all}, ${unread} unread`;
  return narrowed ? `${base} · showing ${shown}` : base;
}

/** Alert messages name the supporter by handle (SPEC §8); the first @handle (any script) or word is a good dialog title. */
function handleFromMessage(message: string): string {
  const at = /@(\S+)/u.exec(message);
  if (at?.[1]) return at[1];
  return message.split(/\s+/)[0] ?? 'this supporter';
}
