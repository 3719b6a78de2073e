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
    const loadPreferences = async () => {
      try {
        const [settings, info] = await Promise.all([callApi('settings.get', {}), callApi('workspace.info', {})]);
        if (active) controller.setPreferences(settings.notifications, info.creator?.timezone ?? null);
      } catch {
        // The defaults (high and above, no quiet hours) stay until the settings can be read.
      }
    };
    void loadPreferences();
    // Permission is never asked on load: Settings asks, or the prompt offered with the first alert
    // (notificationPermissionStore), each saying why.
    const stopEvents = bridge.onEvent((event) => {
      if (event.kind === 'alerts_raised') {
        controller.alertsRaised(event.payload);
        notificationPermissionStore.getState().alertArrived();
      }
      else if (event.kind === 'data_changed' && (event.reason === 'settings' || event.reason === 'import' || event.reason === 'sync')) void loadPreferences();
    });
    return () => {
      active = false;
      stopEvents();
      controller.dispose();
    };
  }, []);
}
