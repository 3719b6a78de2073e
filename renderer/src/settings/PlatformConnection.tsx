import { useState } from 'react';
import { formatDateTime } from '../app/formatters';
import { SYNC_STATE_TEXT } from '../sync/describeSyncState';
import { syncStore } from '../sync/syncStore';
import { workspaceStore } from '../workspace/workspaceStore';

/**
 * Where the creator's data comes from. The token is sent once to the core, which keeps it in the
 * OS keychain (or a 0600 file); it is never shown again or kept in the renderer.
 */
export function PlatformConnection() {
  const status = syncStore((state) => state.status);
  const busy = syncStore((state) => state.busy);
  const error = syncStore((state) => state.error);
  const connectError = syncStore((state) => state.connectError);
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const isDemo = workspaceStore((state) => state.info?.isDemo === true);
  const connected = status !== null && status.state !== 'not_configured' && !isDemo;

  const connect = async () => {
    if (!serverUrl.trim()) return setFormError('Enter the platform’s address, for example https://platform.example.com.');
    if (!token.trim()) return setFormError('Enter the access token from your platform account.');
    setFormError(null);
    // The core tests the connection before saving it (reachable, a platform, the token accepted)
    // and completes an address typed without https://; its refusal is shown as it words it.
    if (await syncStore.getState().connect(serverUrl.trim(), token.trim())) {
      setToken('');
      void workspaceStore.getState().load();
    }
  };

  return (
    <section className="card settings-group" aria-labelledby="connection-title">
      <h2 id="connection-title">Platform connection</h2>
      {connected && status ? (
        <>
          <dl className="figures">
            <div>
              <dt>Server</dt>
              <dd data-testid="connected-server">{status.serverUrl}</dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>{SYNC_STATE_TEXT[status.state].label}</dd>
            </div>
            <div>
              <dt>Last sync</dt>
              <dd>{formatDateTime(status.lastSyncedAt)}</dd>
            </div>
          </dl>
          {error && (
            <p role="alert" className="form-problem">
              {error.message}
            </p>
          )}
          <div className="form-buttons">
            <button type="button" className="button primary" disabled={busy !== null} onClick={() => void syncStore.getState().syncNow()}>
              {busy === 'syncing' ? 'Syncing…' : 'Sync now'}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void syncStore.getState().disconnect()}>
              {busy === 'disconnecting' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          </div>
        </>
      ) : (
        <form
          noValidate
          aria-label="Connect to the platform"
          onSubmit={(event) => {
            event.preventDefault();
            void connect();
          }}
        >
          <p className="muted">Connect to sync your real supporters. Until then the console works on the local cache{status ? '' : ' (checking…)'}.</p>
          {isDemo && (
            <p className="muted" data-testid="connect-from-demo-note">
              This workspace holds demo data. Connecting starts a fresh workspace that fills from your platform alone; the demo is set aside, never synced, and can be
              deleted.
            </p>
          )}
          <div className="field">
            <label htmlFor="server-url">Server URL</label>
            <input
              id="server-url"
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder="https://platform.example.com"
              value={serverUrl}
              onChange={(event) => setServerUrl(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="server-token">Access token</label>
            <input id="server-token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
          </div>
          {(formError ?? connectError) && (
            <p role="alert" className="form-problem">
              {formError ?? connectError?.message}
            </p>
          )}
          <div className="form-buttons">
            <button type="submit" className="button primary" disabled={busy !== null}>
              {busy === 'connecting' ? 'Testing the connection…' : 'Connect'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
