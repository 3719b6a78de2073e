import { useEffect, useRef } from 'react';
import type { CoreConnectionState } from '../../../shared/contract/crmBridge';
import { connectionStore } from '../api/connectionStore';
import { alertActionIntent } from '../../../shared/domain/alertActionIntent';
import { formatDateTime, formatEstimatedTokens } from '../app/formatters';
import { HandleText } from '../app/HandleText';
import { ACTION_DESCRIPTIONS, ACTION_LABELS, ALERT_TYPE_LABELS } from '../app/labels';
import { actionStore } from './actionStore';
import { describeBasisInFull, describeWindow } from './describeImpact';

/**
 * The one confirmation dialog: what the action does, its expected impact and where that comes from,
 * then Confirm. Opened from an alert, it also says what the action is for ("Message reminder —
 * thank them") and shows the alert's own time window. A native modal <dialog> traps focus and
 * closes on Esc without any focus-management code of our own.
 */
const PREVIEW_WAIT: Record<CoreConnectionState, string> = {
  connected: 'Estimating the expected impact…',
  reconnecting: 'Waiting for the console to reconnect, then estimating the expected impact…',
  refused: 'The console no longer knows this page: open the address it printed to go on.',
};

export function ActionDialog() {
  const { request, phase, impact, problem } = actionStore();
  // A request made while the console's host is away waits for it: say so, instead of a spinner that never ends.
  const consoleState = connectionStore((store) => store.state);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal();
    if (!request && dialog.open) dialog.close();
  }, [request]);

  useEffect(() => {
    if (phase === 'confirm') confirmRef.current?.focus();
  }, [phase]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="action-dialog-title"
      aria-describedby="action-dialog-description"
      onCancel={(event) => {
        event.preventDefault();
        actionStore.getState().close();
      }}
    >
      {request && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void actionStore.getState().confirm();
          }}
        >
          <h2 id="action-dialog-title">
            {ACTION_LABELS[request.type]} for <HandleText handle={request.handle} />?
          </h2>
          <p id="action-dialog-description" className="muted">
            {ACTION_DESCRIPTIONS[request.type]} It affects <HandleText handle={request.handle} /> only.
          </p>
          {request.alert && (
            <p className="action-intent" data-testid="action-intent">
              {alertActionIntent(request.alert.type, request.type)}{' '}
              <span className="muted">(suggested by the “{ALERT_TYPE_LABELS[request.alert.type]}” alert)</span>
            </p>
          )}
          {phase === 'previewing' && (
            <p aria-busy="true" className="muted">
              {PREVIEW_WAIT[consoleState]}
            </p>
          )}
          {impact && phase !== 'unavailable' && (
            <section aria-label="Expected impact" className="impact">
              <h3>Expected impact</h3>
              <dl className="figures">
                <dt>Chance of converting</dt>
                <dd data-testid="impact-probability">{impact.conversionProbability}%</dd>
                <dt>Estimated tokens</dt>
                <dd data-testid="impact-tokens">{formatEstimatedTokens(impact.estimatedTokens)}</dd>
                <dt>Time window</dt>
                <dd data-testid="impact-window">
                  {request.alert
                    ? `${describeWindow(request.alert.timeWindow)}${request.alert.expiresAt ? ` (until ${formatDateTime(request.alert.expiresAt)})` : ''}`
                    : `${describeWindow(impact.timeWindow)}${impact.windowEndsAt ? ` (until ${formatDateTime(impact.windowEndsAt)})` : ''}`}
                </dd>
                <dt>Source</dt>
                <dd data-testid="impact-basis">{describeBasisInFull(request.type, impact)}</dd>
              </dl>
            </section>
          )}
          {problem && (
            <p role="alert" className="dialog-problem">
              {phase === 'unavailable' ? 'Not available right now: ' : 'Not done: '}
              {problem.message}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => actionStore.getState().close()}>
              {phase === 'unavailable' || phase === 'failed' ? 'Close' : 'Cancel'}
            </button>
            {phase !== 'unavailable' && phase !== 'failed' && (
              <button ref={confirmRef} type="submit" className="button primary" disabled={phase !== 'confirm'}>
                {phase === 'running' ? 'Working…' : `Confirm ${ACTION_LABELS[request.type].toLowerCase()}`}
              </button>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
}
