import { lazy, Suspense, useEffect, useRef } from 'react';
import { formatRoute } from '../../../shared/routes/appRoute';
import { ActionDialog } from '../actions/ActionDialog';
import { ActivityView } from '../activity/ActivityView';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { alertsStore } from '../alerts/alertsStore';
import { InboxView } from '../inbox/InboxView';
import { NotificationPrompt } from '../notifications/NotificationPrompt';
import { MemorySearchView } from '../memory/MemorySearchView';
import { useWebNotifications } from '../notifications/useWebNotifications';
import { SettingsView } from '../settings/SettingsView';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { workspaceStore } from '../workspace/workspaceStore';
import { LeaveGuardDialog } from './LeaveGuardDialog';
import { ConnectionBanner } from './ConnectionBanner';
import { routeStore } from './routeStore';
import { Sidebar } from './Sidebar';
import { Toasts } from './Toasts';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import { useCoreEvents } from './useCoreEvents';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { WorkspaceBanners } from './WorkspaceBanners';

// The profile carries the charting library (recharts), the bulk of the bundle: loading it on first
// use keeps the inbox's first paint fast. Its module is fetched while the inbox is idle (below).
const ProfileView = lazy(() => import('../profile/ProfileView').then((module) => ({ default: module.ProfileView })));
// The model-quality report charts with recharts too, so it loads the same way.
const ModelQualityView = lazy(() => import('../model/ModelQualityView').then((module) => ({ default: module.ModelQualityView })));

export function App() {
  const route = routeStore((state) => state.route);
  const contentRef = useRef<HTMLElement>(null);
  const routeKey = formatRoute(route);
  useKeyboardShortcuts();
  useCoreEvents();
  // Browser host only: OS notifications for new alerts (the Electron shell shows its own).
  useWebNotifications();

  useEffect(() => {
    void workspaceStore.getState().load();
    void alertsStore.getState().refresh();
    // Warm the profile chunk when the browser is idle after the first screen, so opening a
    // supporter never waits on it and the fetch never competes with the inbox's first rows.
    const warm = window.requestIdleCallback(() => void import('../profile/ProfileView'), { timeout: 5000 });
    return () => window.cancelIdleCallback(warm);
  }, []);

  // A new page starts at its top: the scroll position of the page before (a long profile) is not its own.
  useEffect(() => {
    contentRef.current?.scrollTo({ top: 0 });
  }, [routeKey]);

  return (
    <div className="app">
      <Sidebar />
      <main className="content" ref={contentRef}>
        <ConnectionBanner />
        <WorkspaceBanners />
        <NotificationPrompt />
        <ViewErrorBoundary key={routeKey}>
          {route.page === 'inbox' && <InboxView tab={route.tab} />}
          {route.page === 'supporter' && (
            <Suspense fallback={<div className="state">Loading profile…</div>}>
              <ProfileView supporterId={route.supporterId} />
            </Suspense>
          )}
          {route.page === 'search' && <MemorySearchView />}
          {route.page === 'alerts' && <AlertsPanel />}
          {route.page === 'activity' && <ActivityView />}
          {route.page === 'settings' && <SettingsView />}
          {route.page === 'model' && (
            <Suspense fallback={<div className="state">Loading the model report…</div>}>
              <ModelQualityView />
            </Suspense>
          )}
        </ViewErrorBoundary>
      </main>
      <SyncStatusBar />
      <ActionDialog />
      <LeaveGuardDialog />
      <Toasts />
    </div>
  );
}
