import { useEffect } from 'react';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import { ErrorState } from '../app/ErrorState';
import { plural } from '../app/formatters';
import { ALERT_TYPE_LABELS, PRIORITY_LABELS } from '../app/labels';
import { UpdatedAt } from '../app/UpdatedAt';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { AlertRow } from './AlertRow';
import { alertsStore, type AlertTotals } from './alertsStore';
import { filterAlerts, isFiltered, NO_ALERT_FILTERS, type AlertFilters } from './filterAlerts';
import { groupAlertsByPriority } from './groupAlertsByPriority';

/**
 * Smart alerts, most urgent first, each group in its own colour: every open alert is reachable, the
 * newest 100 first and "Show older alerts" for the next 100; filters by read state, type and
 * priority (the core pages by them) whose counts are the core's over every open alert (and "Unread"
 * is the sidebar's badge); "Mark all read" for every alert the filters match; Undo after a
 * dismissal. Refreshes itself as alerts arrive.
 */
export function AlertsPanel() {
  const alerts = alertsStore((state) => state.alerts);
  const totals = alertsStore((state) => state.totals);
  const nextBefore = alertsStore((state) => state.nextBefore);
  const older = alertsStore((state) => state.older);
  const status = alertsStore((state) => state.status);
  const error = alertsStore((state) => state.error);
  const filters = alertsStore((state) => state.filters);
  const loadedFilters = alertsStore((state) => state.loadedFilters);
  const updatedAt = alertsStore((state) => state.updatedAt);
  const blockedReason = useActionsBlockedReason();

  useEffect(() => {
    void alertsStore.getState().refresh();
  }, []);

  const filtered = filterAlerts(alerts, filters);
  const groups = groupAlertsByPriority(filtered.visible);
  const narrowed = isFiltered(filters);
  // Until the core answers a change of filters, the counts it gave are for the previous ones.
  const settled = loadedFilters === filters;
  const now = updatedAt ?? Date.now();
  const setFilters = (next: Partial<AlertFilters>) => alertsStore.getState().setFilters(next);
  const openCount = totals?.open ?? 0;
  // "Mark all read" marks the unread alerts of this type and priority, loaded or not.
  const unreadMatching = totals?.counts.show.unread ?? 0;
  const showOlder = async () => {
    const loadedBefore = alertsStore.getState().alerts.length;
    await alertsStore.getState().loadOlder();
    const state = alertsStore.getState();
    // The button goes with the last page: keyboard focus moves to the first alert it brought.
    const first = state.alerts[loadedBefore];
    if (state.nextBefore === null && first) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(first.id)}"] .alert-message`)?.focus());
    }
  };
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <div className="page-toolbar">
        <h1 id="alerts-title">Alerts</h1>
        <span className="muted" data-testid="alerts-summary" role="status">
          {status === 'ready' && settled && totals ? summaryText(totals, filtered.visible.length, narrowed) : ''}
        </span>
        {updatedAt !== null && <UpdatedAt at={updatedAt} testId="alerts-updated-at" />}
      </div>
      {totals && openCount > 0 && status !== 'error' && (
        <div className="alert-filters" role="group" aria-label="Filter alerts">
          <div className="show-toggle" role="radiogroup" aria-label="Show">
            {(['all', 'unread'] as const).map((show) => (
              <label key={show} className={filters.show === show ? 'show-option selected' : 'show-option'}>
                <input type="radio" name="alert-show" value={show} checked={filters.show === show} onChange={() => setFilters({ show })} />
                {show === 'all' ? 'All' : 'Unread'} <span className="count">({totals.counts.show[show]})</span>
              </label>
            ))}
          </div>
          <CountedSelect
            label="Type"
            value={filters.type}
            options={[['all', 'All types'], ...ALERT_TYPES.map((type) => [type, ALERT_TYPE_LABELS[type]] as const)]}
            counts={totals.counts.type}
            onChange={(type) => setFilters({ type })}
          />
          <CountedSelect
            label="Priority"
            value={filters.priority}
            options={[['all', 'All priorities'], ...ALERT_PRIORITIES.map((priority) => [priority, PRIORITY_LABELS[priority]] as const)]}
            counts={totals.counts.priority}
            onChange={(priority) => setFilters({ priority })}
          />
          {narrowed && (
            <button type="button" className="button small" onClick={() => setFilters(NO_ALERT_FILTERS)}>
              Clear filters
            </button>
          )}
          <span className="status-spacer" />
          {/* Only when there is something to mark: never "Mark 0 … read". */}
          {settled && unreadMatching > 0 && filtered.visible.length > 0 && (
            <button
              type="button"
              className="button small"
              title={
                narrowed
                  ? 'Marks every unread alert of this type and priority as read, older ones not loaded yet included (not alerts that arrive after the newest one shown)'
                  : 'Marks every open alert as read, older ones not loaded yet included (not alerts that arrive after the newest one shown)'
              }
              onClick={() => void alertsStore.getState().markAllRead()}
            >
              {narrowed ? `Mark ${plural(unreadMatching, 'matching alert')} read` : 'Mark all read'}
            </button>
          )}
        </div>
      )}
      {status === 'error' && error ? (
        <ErrorState title="Could not load alerts" error={error} onRetry={() => void alertsStore.getState().refresh()} />
      ) : status === 'loading' || (!settled && groups.length === 0) ? (
        <div className="state" aria-busy="true">
          Loading alerts…
        </div>
      ) : openCount === 0 ? (
        <div className="state empty-state" data-testid="empty-state">
          <h2>No alerts right now</h2>
          <p>You will be alerted when a VIP comes online, a hot lead is active, a dormant supporter returns, and more.</p>
        </div>
      ) : groups.length === 0 ? (
        <div className="state empty-state" data-testid="empty-state">
          <h2>{filters.show === 'unread' && filters.type === 'all' && filters.priority === 'all' ? 'No unread alerts' : 'No alerts match these filters'}</h2>
          <p>
            <button type="button" className="link" onClick={() => setFilters(NO_ALERT_FILTERS)}>
              Show all {plural(openCount, 'alert')}
            </button>
          </p>
        </div>
      ) : (
        <>
          {groups.map((group) => {
            const total = settled ? (totals?.counts.priority[group.priority] ?? 0) : 0;
            return (
              <section key={group.priority} className={`alert-group priority-${group.priority}`} aria-labelledby={`alerts-${group.priority}`} data-testid={`alert-group-${group.priority}`}>
                <h2 id={`alerts-${group.priority}`} className="alert-group-title">
                  <span className={`priority-swatch priority-${group.priority}`} aria-hidden="true" />
                  {PRIORITY_LABELS[group.priority]}{' '}
                  <span className="muted">({group.alerts.length < total ? `${group.alerts.length} of ${total}` : group.alerts.length})</span>
                </h2>
                <ul className="alert-list">
                  {group.alerts.map((alert) => (
                    <AlertRow key={alert.id} alert={alert} handle={handleFromMessage(alert.message)} blockedReason={blockedReason} now={now} />
                  ))}
                </ul>
              </section>
            );
          })}
          {settled && nextBefore !== null && totals && (
            <div className="alerts-older" data-testid="alerts-older">
              {older.status === 'error' && older.error && (
                <p className="alerts-older-error" role="alert">
                  Could not load older alerts: {older.error.message}
                </p>
              )}
              <button type="button" className="button" aria-busy={older.status === 'loading'} onClick={() => void showOlder()}>
                {older.status === 'loading'
                  ? 'Loading older alerts…'
                  : `${older.status === 'error' ? 'Try again: show' : 'Show'} older alerts (${Math.max(0, totals.matching - filtered.visible.length)} more)`}
              </button>
            </div>
          )}
        </>
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

/**
 * "37 alerts, 12 unread" over every open alert (the badge); when narrowed, how many match; while
 * older ones are not loaded yet, how many of them are shown.
 */
function summaryText(totals: AlertTotals, shown: number, narrowed: boolean): string {
  const base = `${plural(totals.open, 'alert')}, ${totals.unread} unread`;
  const reach = narrowed ? totals.matching : totals.open;
  if (shown < reach) return `${base} · showing the newest ${shown} of ${reach}`;
  return narrowed ? `${base} · showing ${reach}` : base;
}

/** Alert messages name the supporter by handle (SPEC §8); the first @handle (any script) or word is a good dialog title. */
function handleFromMessage(message: string): string {
  const at = /@(\S+)/u.exec(message);
  if (at?.[1]) return at[1];
  return message.split(/\s+/)[0] ?? 'this supporter';
}
