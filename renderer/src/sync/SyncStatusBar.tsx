import { useEffect, useState } from 'react';
import { formatDateTime, formatRelativeTime, formatTokens, plural } from '../app/formatters';
import { Icon } from '../app/Icon';
import { routeStore } from '../app/routeStore';
import { connectionStore } from '../api/connectionStore';
import { workspaceStore } from '../workspace/workspaceStore';
import { CONSOLE_DISCONNECTED_TEXT, DEMO_STATE_TEXT, SYNC_STATE_TEXT } from './describeSyncState';
import { syncStore } from './syncStore';

/**
 * Always visible at the bottom: whether the console is in step with the platform, when it last
 * synced, what is waiting to be sent, and which records were set aside (with their reasons).
 */
export function SyncStatusBar() {
  const status = syncStore((state) => state.status);
  const busy = syncStore((state) => state.busy);
  const error = syncStore((state) => state.error);
  // The banner and this bar say the same thing: a demo workspace is never synced.
  const info = workspaceStore((state) => state.info);
  const isDemo = info?.isDemo === true;
  const connection = connectionStore((state) => state.state);
  const [showQuarantine, setShowQuarantine] = useState(false);
  const [, setTick] = useState(0);

  useEffect(() => {
    void syncStore.getState().load();
    // "Last sync 3 minutes ago" should not freeze at "just now".
    const timer = setInterval(() => setTick((tick) => tick + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    // The workspace info is reloaded on every data change (an action, an import, a swap to a
    // fresh workspace): the counts here follow it, so an action queued offline shows at once.
    if (info) void syncStore.getState().load();
  }, [info]);

  if (!status) {
    return (
      <footer className="status-bar" aria-label="Sync status">
        <span className="muted">{error ? `Sync status unavailable: ${error.message}` : 'Checking the platform connection…'}</span>
      </footer>
    );
  }
  const configured = status.state !== 'not_configured' && !isDemo;
  // While the console's own host is away the last status is stale: never claim "Online" then.
  const away = connection !== 'connected';
  // "Sync now" shows syncing until its run ends, unless the core says meanwhile that the platform
  // cannot be reached (the run then keeps retrying, which can take half a minute).
  const syncingNow = busy === 'syncing' && status.state !== 'offline';
  const state = away ? CONSOLE_DISCONNECTED_TEXT : isDemo ? DEMO_STATE_TEXT : syncingNow ? SYNC_STATE_TEXT.syncing : SYNC_STATE_TEXT[status.state];
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span className={`sync-state tone-${state.tone}`} data-testid="sync-state" role="status">
        <span className="sync-dot" aria-hidden="true" />
        {state.label}
      </span>
      {configured && (
        <span className="muted" data-testid="last-sync" title={status.lastSyncedAt ? formatDateTime(status.lastSyncedAt) : undefined}>
          Last sync: {status.lastSyncedAt ? formatRelativeTime(status.lastSyncedAt) : 'never'}
        </span>
      )}
      {status.lastError && status.state !== 'online' && (
        <span className="sync-error" title={status.lastError}>
          {status.lastError}
        </span>
      )}
      {error && (
        <span className="sync-error" role="alert">
          {error.message}
        </span>
      )}
      <span className="muted" data-testid="pending-actions">
        {isDemo
          ? status.pendingActions === 0
            ? 'Demo actions are never sent'
            : `${plural(status.pendingActions, 'demo action')} (never sent)`
          : status.pendingActions === 0
            ? 'No actions waiting'
            : `${plural(status.pendingActions, 'action')} waiting to send`}
      </span>
      {configured && !isDemo && status.pendingMemoryChanges > 0 && (
        <span className="muted" data-testid="pending-memory" title="Notes, tags, follow-ups and snoozes written here that your other machines get once they reach the platform">
          {plural(status.pendingMemoryChanges, 'note or tag change')} waiting to send
        </span>
      )}
      {status.quarantine.total > 0 && (
        <span className="quarantine">
          <button type="button" className="link" aria-expanded={showQuarantine} onClick={() => setShowQuarantine(!showQuarantine)} data-testid="quarantine-toggle">
            <Icon name="warning" size={13} /> {plural(status.quarantine.total, 'record')} quarantined
          </button>
          {showQuarantine && (
            <div className="popover" role="dialog" aria-label="Quarantined records">
              <p className="muted">These records could not be applied and were set aside; everything else synced.</p>
              <ul>
                {status.quarantine.byReason.map((row) => (
                  <li key={row.reason}>
                    <strong>{formatTokens(row.count)}</strong> × {row.reason}
                  </li>
                ))}
              </ul>
              {status.quarantine.dropped > 0 && (
                <p className="muted" data-testid="quarantine-dropped">
                  {plural(status.quarantine.dropped, 'older record')} dropped from the quarantine to keep it small.
                </p>
              )}
            </div>
          )}
        </span>
      )}
      <span className="status-spacer" />
      {configured ? (
        <button type="button" className="button small" disabled={busy !== null || away} onClick={() => void syncStore.getState().syncNow()}>
          {busy === 'syncing' ? 'Syncing…' : 'Sync now'}
        </button>
      ) : (
        <button type="button" className="button small" onClick={() => routeStore.getState().navigate({ page: 'settings' })}>
          Connect…
        </button>
      )}
    </footer>
  );
}
