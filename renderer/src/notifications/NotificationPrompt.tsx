import { NOTIFICATION_PERMISSION_REASON, notificationPermissionStore } from './notificationPermissionStore';

/** Offered once, with the first alert, when the browser was never asked. */
export function NotificationPrompt() {
  const visible = notificationPermissionStore((store) => store.promptAtFirstAlert);
  if (!visible) return null;
  return (
    <div className="banner notification-prompt" role="region" aria-label="Desktop notifications" data-testid="notification-prompt">
      <span>
        <strong>Your first alert just arrived.</strong> {NOTIFICATION_PERMISSION_REASON}
      </span>
      <span className="banner-buttons">
        <button type="button" className="button primary small" onClick={() => void notificationPermissionStore.getState().request()}>
          Allow notifications
        </button>
        <button type="button" className="button small" onClick={() => notificationPermissionStore.getState().dismissPrompt()}>
          Not now
        </button>
      </span>
    </div>
  );
}
