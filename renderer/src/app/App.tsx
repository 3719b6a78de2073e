import { useEffect } from 'react';
import { parseRoute } from '../../../shared/routes/appRoute';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { alertsStore } from '../alerts/alertsStore';
import { crmBridge } from '../api/crmBridge';
import { InboxView } from '../inbox/InboxView';
import { inboxStore } from '../inbox/inboxStore';
import { ProfileView } from '../profile/ProfileView';
import { workspaceStore } from '../workspace/workspaceStore';
import { routeStore } from './routeStore';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

export function App() {
  const route = routeStore((state) => state.route);
  const navigate = routeStore((state) => state.navigate);
  const info = workspaceStore((state) => state.info);
  useKeyboardShortcuts();

  useEffect(() => {
    void workspaceStore.getState().load();
    const bridge = crmBridge();
    const stopEvents = bridge.onEvent((event) => {
      // New data from a sync, an import or a recompute: refresh what is on screen.
      if (event.kind === 'data_changed') {
        void inboxStore.getState().refresh();
        void alertsStore.getState().refresh();
        void workspaceStore.getState().load();
      }
    });
    const stopNavigate = bridge.onNavigate((text) => {
      const target = parseRoute(text);
      if (target) navigate(target);
    });
    return () => {
      stopEvents();
      stopNavigate();
    };
  }, [navigate]);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Supporter CRM</div>
        <button className={route.page === 'inbox' ? 'nav active' : 'nav'} onClick={() => navigate({ page: 'inbox', tab: inboxStore.getState().tab })}>
          Inbox
        </button>
        <button className={route.page === 'alerts' ? 'nav active' : 'nav'} onClick={() => navigate({ page: 'alerts' })}>
          Alerts
        </button>
        <div className="sidebar-footer muted">{info?.creator ? `@${info.creator.handle}` : ''}</div>
      </nav>
      <main className="content">
        {info?.isDemo && (
          <div className="demo-banner" role="status">
            Demo data — these supporters are generated, not real. Connect your platform account in Settings to see yours.
          </div>
        )}
        {info?.creator && !info.creator.earnOn && (
          <div className="earn-off-banner" role="alert">
            Earning is switched off for this account, so CRM actions are unavailable. Turn earning on in the platform to act on supporters.
          </div>
        )}
        {route.page === 'inbox' && <InboxView tab={route.tab} />}
        {route.page === 'supporter' && <ProfileView supporterId={route.supporterId} />}
        {route.page === 'alerts' && <AlertsPanel />}
        {(route.page === 'settings' || route.page === 'activity' || route.page === 'model') && (
          <div className="state">This view is coming soon.</div>
        )}
      </main>
    </div>
  );
}
