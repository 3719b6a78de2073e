import { connectionStore } from '../api/connectionStore';

/**
 * Shown while the console's host is away, so nothing on screen claims to be live: the page
 * rejoins on its own when the host is back on the same workspace and port.
 */
export function ConnectionBanner() {
  const state = connectionStore((store) => store.state);
  if (state === 'connected') return null;
  return (
    <div className="banner connection-banner" role="alert" data-testid="connection-banner">
      {state === 'reconnecting' ? (
        <>
          <strong>Console disconnected</strong> — reconnecting… What you see may be out of date until it is back.
        </>
      ) : (
        <>
          <strong>Console disconnected</strong> — the console is running again but no longer knows this page. Open the address it printed (the one with
          the access token) to sign in again.
        </>
      )}
    </div>
  );
}
