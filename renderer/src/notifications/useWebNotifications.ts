import { useEffect } from 'react';
import { callApi } from '../api/callApi';
import { crmBridge } from '../api/crmBridge';
import { routeStore } from '../app/routeStore';
import { notificationPermissionStore } from './notificationPermissionStore';
import { createWebNotificationController, type WebNotificationApi } from './webNotificationController';

/**
 * Alert notifications in the browser host (SPEC §8): the creator's notification preferences drive
 * the Web Notifications API, and a click opens that supporter's profile. In the Electron app the
 * shell shows OS notifications instead, so this does nothing there. Call it once, from `App`.
 */
export function useWebNotifications(): void {
  useEffect(() => {
    const bridge = crmBridge();
    const NotificationApi = (window as { Notification?: WebNotificationApi }).Notification;
    if (bridge.transport !== 'browser' || typeof NotificationApi !== 'function') return undefined;
    const controller = createWebNotificationController({
      NotificationApi,
      navigate: (route) => routeStore.getState().navigate(route),
      focus: () => window.focus(),
    });
    let active = true;
    // Until the workspace says otherwise, what arrives may be a first run's catch-up (the core
    // raises the history's alerts before it answers anything): held, then summed up or let go.
    controller.beginCatchUp('opening', { settleMs: null });
    const loadPreferences = async () => {
      try {
        const [settings, info] = await Promise.all([callApi('settings.get', {}), callApi('workspace.info', {})]);
        if (active) controller.setPreferences(settings.notifications, info.creator?.timezone ?? null);
        return info;
      } catch {
        // The defaults (high and above, no quiet hours) stay until the settings can be read.
        return null;
      }
    };
    const start = async () => {
      const [info, status] = await Promise.all([loadPreferences(), callApi('sync.status', {}).catch(() => null)]);
      if (!active) return;
      if (status) controller.syncStatusChanged(status);
      // A first run: the core has not finished its first pass over the workspace, so the alerts it
      // raises now are the history's. Summed up when that pass ends ('segmentation'), else let go.
      if (info === null || info.lastSegmentationAt !== null) controller.endCatchUp({ summarize: false });
    };
    void start();
    // Permission is never asked on load: Settings asks, or the prompt offered with the first alert
    // (notificationPermissionStore), each saying why.
    const stopEvents = bridge.onEvent((event) => {
      if (event.kind === 'alerts_raised') {
        controller.alertsRaised(event.payload);
        notificationPermissionStore.getState().alertArrived();
      } else if (event.kind === 'sync_status') {
        controller.syncStatusChanged(event.payload);
      } else if (event.kind === 'data_changed') {
        if (event.reason === 'segmentation' && controller.catchingUp() === 'opening') controller.endCatchUp();
        if (event.reason === 'settings' || event.reason === 'import' || event.reason === 'sync') void loadPreferences();
      }
    });
    return () => {
      active = false;
      stopEvents();
      controller.dispose();
    };
  }, []);
}
