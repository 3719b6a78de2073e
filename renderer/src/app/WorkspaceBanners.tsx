import { formatDateTime } from './formatters';
import { routeStore } from './routeStore';
import { workspaceStore } from '../workspace/workspaceStore';

/** Conditions the creator must know about before trusting or acting on what they see. */
export function WorkspaceBanners() {
  const info = workspaceStore((state) => state.info);
  if (!info) return null;
  return (
    <>
      {info.isDemo && (
        <div className="banner demo-banner" role="status">
          <strong>Demo data</strong> — these supporters are generated, not real.{' '}
          <button type="button" className="link" onClick={() => routeStore.getState().navigate({ page: 'settings' })}>
            Connect your platform account in Settings
          </button>{' '}
          to see yours.
        </div>
      )}
      {info.creator && !info.creator.earnOn && (
        <div className="banner earn-off-banner" role="alert" data-testid="earn-off-banner">
          <strong>Earning is switched off</strong> for this account, so CRM actions are unavailable. Turn earning on in the platform to act on supporters; everything else still works.
        </div>
      )}
      {info.lastRecovery && (
        <div className="banner recovery-banner" role="status">
          The local cache was damaged and rebuilt on {formatDateTime(info.lastRecovery.at)} ({info.lastRecovery.reason}). The old copy was kept at {info.lastRecovery.movedTo}.
        </div>
      )}
    </>
  );
}
