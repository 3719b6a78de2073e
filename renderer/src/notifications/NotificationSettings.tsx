import { useEffect } from 'react';
import type { NotificationPermissionState } from '../../../shared/contract/crmBridge';
import { NOTIFICATION_PERMISSION_REASON, notificationPermissionStore } from './notificationPermissionStore';

const STATE_TEXT: Record<NotificationPermissionState, string> = {
  granted: 'Allowed — alerts can reach you as desktop notifications.',
  default: 'Not asked yet.',
  denied: 'Blocked for this page. Allow notifications in the browser’s site settings (the icon left of the address), then come back here.',
  unsupported: 'This system cannot show desktop notifications; alerts still appear on the Alerts page.',
};

/** Settings' "Desktop notifications": why, the permission state, asking for it, and a test. */
export function NotificationSettings() {
  const state = notificationPermissionStore((store) => store.state);
  useEffect(() => {
    void notificationPermissionStore.getState().refresh();
  }, []);
  return (
    <section className="card settings-group notification-permission" aria-labelledby="notification-permission-title">
      <h2 id="notification-permission-title">Desktop notifications</h2>
      <p className="muted">{NOTIFICATION_PERMISSION_REASON}</p>
      <p data-testid="notification-permission-state" role="status">
        <strong>Permission:</strong> {state === null ? 'Checking…' : STATE_TEXT[state]}
      </p>
      <div className="form-buttons">
        {state === 'default' && (
          <button type="button" className="button primary" onClick={() => void notificationPermissionStore.getState().request()}>
            Allow desktop notifications
          </button>
        )}
        <button type="button" className="button" disabled={state !== 'granted'} onClick={() => void notificationPermissionStore.getState().sendTest()}>
          Send a test notification
        </button>
      </div>
    </section>
  );
}
