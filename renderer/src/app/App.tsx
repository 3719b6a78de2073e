import { useEffect } from 'react';
import { ActionDialog } from '../actions/ActionDialog';
import { ActivityView } from '../activity/ActivityView';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { alertsStore } from '../alerts/alertsStore';
import { InboxView } from '../inbox/InboxView';
import { ModelView } from '../model/ModelView';
import { ProfileView } from '../profile/ProfileView';
import { SettingsView } from '../settings/SettingsView';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { workspaceStore } from '../workspace/workspaceStore';
import { routeStore } from './routeStore';
import { Sidebar } from './Sidebar';
import { Toasts } from './Toasts';
import { useCoreEvents } from './useCoreEvents';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { WorkspaceBanners } from './WorkspaceBanners';

export function App() {
  const route = routeStore((state) => state.route);
  useKeyboardShortcuts();
  useCoreEvents();

  useEffect(() => {
    void workspaceStore.getState().load();
    void alertsStore.getState().refresh();
  }, []);

  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <WorkspaceBanners />
        {route.page === 'inbox' && <InboxView tab={route.tab} />}
        {route.page === 'supporter' && <ProfileView supporterId={route.supporterId} />}
        {route.page === 'alerts' && <AlertsPanel />}
        {route.page === 'activity' && <ActivityView />}
        {route.page === 'settings' && <SettingsView />}
        {route.page === 'model' && <ModelView />}
      </main>
      <SyncStatusBar />
      <ActionDialog />
      <Toasts />
    </div>
  );
}
