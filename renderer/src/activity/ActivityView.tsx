import { useEffect } from 'react';
import { formatRoute } from '../../../shared/routes/appRoute';
import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';
import { describeWindow } from '../actions/describeImpact';
import { ErrorState } from '../app/ErrorState';
import { formatDateTime, formatEstimatedTokens, formatPercent, formatRelativeTime, formatTokenAmount, formatTokens, humanize } from '../app/formatters';
import { HandleText } from '../app/HandleText';
import { ACTION_LABELS } from '../app/labels';
import { activityStore } from './activityStore';

/** CRM metrics per action type, the activity log of every action, and the safety log. */
export function ActivityView() {
  const { days, metrics, log, safety } = activityStore();
  useEffect(() => {
    void activityStore.getState().load();
  }, []);
  const retry = () => void activityStore.getState().load();
  return (
    <section className="activity" aria-labelledby="activity-title">
      <div className="page-toolbar">
        <h1 id="activity-title">Activity</h1>
      </div>

      <section className="card" aria-labelledby="metrics-title">
        <div className="card-toolbar">
          <h2 id="metrics-title">CRM metrics</h2>
          <div role="radiogroup" aria-label="Period" className="segmented">
            {([7, 30] as const).map((option) => (
              <button key={option} type="button" role="radio" aria-checked={days === option} className={days === option ? 'active' : ''} onClick={() => activityStore.getState().setDays(option)}>
                Last {option} days
              </button>
            ))}
          </div>
        </div>
        {metrics.state === 'error' ? (
          <ErrorState title="Could not load the metrics" error={metrics.error} onRetry={retry} />
        ) : metrics.state === 'loading' ? (
          <p aria-busy="true" className="muted">
            Loading…
          </p>
        ) : metrics.value.rows.length === 0 ? (
          <p className="muted">No actions in the last {days} days.</p>
        ) : (
          <table className="data-table" data-testid="metrics-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col" className="number">
                  Actions
                </th>
                <th scope="col" className="number">
                  Converted
                </th>
                <th scope="col" className="number">
                  Conversion rate
                </th>
                <th scope="col" className="number">
                  Tokens brought
                </th>
                <th scope="col" className="number">
                  Tokens expected
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.value.rows.map((row) => (
                <tr key={row.type}>
                  <th scope="row">{ACTION_LABELS[row.type]}</th>
                  <td className="number">{formatTokens(row.actions)}</td>
                  <td className="number">{formatTokens(row.converted)}</td>
                  <td className="number">{formatPercent(row.conversionRate)}</td>
                  <td className="number">{formatTokens(row.tokensAttributed)}</td>
                  <td className="number">{formatTokens(row.expectedTokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">Activity log</h2>
        {log.state === 'error' ? (
          <ErrorState title="Could not load the activity log" error={log.error} onRetry={retry} />
        ) : log.state === 'loading' ? (
          <p aria-busy="true" className="muted">
            Loading…
          </p>
        ) : log.value.length === 0 ? (
          <p className="muted">No actions yet. Actions you take on supporters are recorded here with their outcome.</p>
        ) : (
          <table className="data-table" data-testid="activity-log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Supporter</th>
                <th scope="col">Action</th>
                <th scope="col">Status</th>
                <th scope="col">Expected</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {log.value.map((entry) => (
                <tr key={entry.id}>
                  <td title={formatDateTime(entry.requestedAt)}>{formatRelativeTime(entry.requestedAt)}</td>
                  <td>
                    <a href={`#/${formatRoute({ page: 'supporter', supporterId: entry.supporterId })}`}>
                      <HandleText handle={entry.handle ?? entry.supporterId} fit="middle" />
                    </a>
                  </td>
                  <td>{ACTION_LABELS[entry.type]}</td>
                  <td>
                    <span className={`badge status-${entry.status}`}>{humanize(entry.status)}</span>
                    {entry.reason && <span className="muted"> — {neutralizeDisplayText(entry.reason)}</span>}
                  </td>
                  <td>
                    {entry.expectedImpact
                      ? `${entry.expectedImpact.conversionProbability}% · ${formatEstimatedTokens(entry.expectedImpact.estimatedTokens)} · ${describeWindow(entry.expectedImpact.timeWindow)}`
                      : '—'}
                  </td>
                  <td>{entry.outcomeTokens === null ? (entry.status === 'executed' ? 'Window still open' : '—') : formatTokenAmount(entry.outcomeTokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="safety-title">
        <h2 id="safety-title">Safety log</h2>
        <p className="muted">Refused requests and identity fields removed from incoming data (field names only, never values).</p>
        {safety.state === 'error' ? (
          <ErrorState title="Could not load the safety log" error={safety.error} onRetry={retry} />
        ) : safety.state === 'loading' ? (
          <p aria-busy="true" className="muted">
            Loading…
          </p>
        ) : safety.value.length === 0 ? (
          <p className="muted">Nothing refused or removed.</p>
        ) : (
          <ul className="plain-list" data-testid="safety-log">
            {safety.value.map((entry) => (
              <li key={entry.id}>
                <span className="muted">{formatDateTime(entry.at)}</span> <strong>{humanize(entry.kind)}</strong> — {entry.detail}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
