import { useState } from 'react';
import type { OutboxRecoveryReport, SetAsideDemo } from '../../../shared/contract/apiTypes';
import { callApi } from '../api/callApi';
import { describeApiError } from '../api/describeApiError';
import { formatDateTime, plural } from './formatters';
import { routeStore } from './routeStore';
import { toastStore } from './toastStore';
import { workspaceStore } from '../workspace/workspaceStore';

/** Conditions the creator must know about before trusting or acting on what they see. */
export function WorkspaceBanners() {
  const info = workspaceStore((state) => state.info);
  if (!info) return null;
  return (
    <>
      {info.isDemo && (
        <div className="banner demo-banner" role="status" data-testid="demo-banner">
          <strong>Demo data</strong> — these supporters are generated, not real, and nothing here is ever sent to a platform.{' '}
          <button type="button" className="link" onClick={() => routeStore.getState().navigate({ page: 'settings' })}>
            Connect your platform account in Settings
          </button>{' '}
          to see yours: they start in a fresh workspace, and this demo is set aside.
        </div>
      )}
      {info.setAsideDemo && <SetAsideDemoBanner demo={info.setAsideDemo} />}
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
      {info.lastOutboxRecovery && <OutboxRecoveryBanner report={info.lastOutboxRecovery} />}
    </>
  );
}

/** The demo set aside when the workspace was connected: where it is, what of it was never sent, and a way to delete it. */
function SetAsideDemoBanner({ demo }: { demo: SetAsideDemo }) {
  const [deleting, setDeleting] = useState(false);
  const deleteDemo = async () => {
    setDeleting(true);
    try {
      await callApi('workspace.deleteDemo', {});
      toastStore.getState().show('Demo data deleted.', 'success');
      await workspaceStore.getState().load();
    } catch (error) {
      toastStore.getState().show(`The demo data could not be deleted: ${describeApiError(error).message}`, 'error');
    } finally {
      setDeleting(false);
    }
  };
  return (
    <div className="banner demo-banner" role="status" data-testid="set-aside-demo-banner">
      Your demo data was set aside when you connected{demo.at ? ` on ${formatDateTime(demo.at)}` : ''}: it is kept at {demo.path} and never synced
      {demo.unsentActions > 0 ? ` (its ${plural(demo.unsentActions, 'demo action')} ${demo.unsentActions === 1 ? 'was' : 'were'} never sent)` : ''}.{' '}
      <button type="button" className="button small" disabled={deleting} onClick={() => void deleteDemo()}>
        {deleting ? 'Deleting…' : 'Delete demo data'}
      </button>
    </div>
  );
}

/** What salvaging a damaged outbox kept and what it could not: the numbers, and what the creator should do about them. */
function OutboxRecoveryBanner({ report }: { report: OutboxRecoveryReport }) {
  return (
    <div className="banner recovery-banner" role="status" data-testid="outbox-recovery-banner">
      The file of queued actions was damaged and repaired on {formatDateTime(report.at)} ({report.reason}); the damaged copy was kept at {report.movedTo}.{' '}
      {plural(report.recovered, 'action')} could be read back ({report.waiting} still waiting to be sent).{' '}
      {report.notRecovered === null
        ? 'The activity log held no actions to compare with, so any actions lost in the damaged part could not be counted.'
        : report.notRecovered === 0
          ? 'Every action in the activity log was read back.'
          : `${plural(report.notRecovered, 'action')} in the activity log could not be read back and will not be sent: take again any that had not reached the platform yet.`}
    </div>
  );
}
