import { alertActionIntent } from '../../../shared/domain/alertActionIntent';
import type { AlertView } from '../../../shared/domain/alertView';
import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';
import { actionAlertOf, actionStore } from '../actions/actionStore';
import { describeWindow } from '../actions/describeImpact';
import { formatDateTime, formatEstimatedTokens, formatRelativeTime } from '../app/formatters';
import { ALERT_TYPE_LABELS, PRIORITY_LABELS } from '../app/labels';
import { routeStore } from '../app/routeStore';
import { alertsStore } from './alertsStore';

/** The core marks an alert not actionable once acted on, expired, or when the same action ran in the last 24 hours. */
const NOT_ACTIONABLE = 'Already acted on, no longer live, or this action was taken in the last 24 hours.';

interface AlertRowProps {
  alert: AlertView;
  /** The supporter's handle is in the message; the dialog title uses it when the core sends one. */
  handle: string;
  blockedReason: string | null;
  now: number;
}

/** One alert: what happened, what it may be worth, and the three things the creator can do with it. */
export function AlertRow({ alert, handle, blockedReason, now }: AlertRowProps) {
  const unread = alert.readAt === null;
  // The message quotes the supporter's handle: outside text, so hidden and reordering characters are made visible.
  const message = neutralizeDisplayText(alert.message);
  const open = () => {
    if (unread) void alertsStore.getState().markRead(alert.id);
    routeStore.getState().navigate({ page: 'supporter', supporterId: alert.supporterId });
  };
  return (
    <li
      className={`alert-row priority-${alert.priority}${unread ? ' unread' : ''}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-priority={alert.priority}
      aria-label={`${PRIORITY_LABELS[alert.priority]} alert${unread ? ', unread' : ''}: ${message}`}
    >
      <span className={`badge priority-badge priority-${alert.priority}`} data-testid="alert-priority">
        {PRIORITY_LABELS[alert.priority]}
      </span>
      <div className="alert-main">
        <div className="alert-title">
          {unread && <span className="unread-dot" role="img" aria-label="Unread" />}
          <span className="alert-type">{ALERT_TYPE_LABELS[alert.type]}</span>
          <time className="muted" dateTime={alert.createdAt} title={formatDateTime(alert.createdAt)}>
            {formatRelativeTime(alert.createdAt, now)}
          </time>
          {alert.expiresAt && (
            <span className="muted" title={formatDateTime(alert.expiresAt)}>
              · expires {formatRelativeTime(alert.expiresAt, now)}
            </span>
          )}
        </div>
        <button type="button" className="link alert-message" onClick={open} title="Open this supporter’s profile">
          {message}
        </button>
        <div className="alert-meta muted" data-testid="alert-meta">
          {alert.metadata.conversionProbability}% chance · {formatEstimatedTokens(alert.metadata.estimatedRevenue)} · {describeWindow(alert.metadata.timeWindow)}
        </div>
      </div>
      <div className="alert-buttons">
        <button
          type="button"
          className="button primary"
          disabled={blockedReason !== null || !alert.actionable}
          title={blockedReason ?? (alert.actionable ? 'Runs the suggested action after showing its expected impact' : NOT_ACTIONABLE)}
          onClick={() => void actionStore.getState().open({ supporterId: alert.supporterId, handle, type: alert.suggestedAction, alert: actionAlertOf(alert) })}
        >
          {alertActionIntent(alert.type, alert.suggestedAction)}
        </button>
        {unread && (
          <button type="button" className="button" onClick={() => void alertsStore.getState().markRead(alert.id)}>
            Mark read
          </button>
        )}
        <button type="button" className="button" onClick={() => void alertsStore.getState().dismiss(alert.id)} aria-label={`Dismiss: ${message}`}>
          Dismiss
        </button>
      </div>
    </li>
  );
}
