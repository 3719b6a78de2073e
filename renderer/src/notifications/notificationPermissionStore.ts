import { create } from 'zustand';
import type { NotificationPermissionState } from '../../../shared/contract/crmBridge';
import { TEST_NOTIFICATION } from '../../../shared/notifications/testNotification';
import { crmBridge } from '../api/crmBridge';
import { routeStore } from '../app/routeStore';

/** Why the console asks, said wherever it asks (Settings, the first alert). */
export const NOTIFICATION_PERMISSION_REASON =
  'Desktop notifications tell you when a VIP comes online or a hot lead is active, so you can answer while they are still there — even when this window is in the background.';

const PROMPT_DISMISSED_KEY = 'supporter-crm.notification-prompt-dismissed';

interface BrowserNotificationApi {
  permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: { body?: string }): { onclick: ((event: Event) => void) | null; close(): void };
}

function browserApi(): BrowserNotificationApi | null {
  const api = (window as { Notification?: BrowserNotificationApi }).Notification;
  return typeof api === 'function' ? api : null;
}

interface NotificationPermissionStore {
  state: NotificationPermissionState | null;
  /** The first alert arrived while permission was never asked: offer it in context, once. */
  promptAtFirstAlert: boolean;
  refresh(): Promise<void>;
  /** Asks the browser (a click is the gesture it needs); Electron needs no prompt. */
  request(): Promise<void>;
  sendTest(): Promise<void>;
  alertArrived(): void;
  dismissPrompt(): void;
}

/**
 * Notification permission in context: never asked on load, only from Settings or from the prompt
 * shown with the first alert, always with the reason; the state is shown in Settings. In Electron
 * the shell's notification service answers (OS notifications need no prompt there).
 */
export const notificationPermissionStore = create<NotificationPermissionStore>((set, get) => ({
  state: null,
  promptAtFirstAlert: false,
  async refresh() {
    const shell = crmBridge().notifications;
    if (shell) {
      set({ state: await shell.status().catch(() => 'unsupported' as const) });
      return;
    }
    set({ state: browserApi()?.permission ?? 'unsupported' });
  },
  async request() {
    const api = browserApi();
    if (!api || crmBridge().notifications) return get().refresh();
    const answer = await api.requestPermission().catch(() => api.permission);
    set({ state: answer, promptAtFirstAlert: false });
  },
  async sendTest() {
    const shell = crmBridge().notifications;
    if (shell) {
      set({ state: await shell.sendTest().catch(() => 'unsupported' as const) });
      return;
    }
    const api = browserApi();
    if (!api || api.permission !== 'granted') return get().refresh();
    const notification = new api(TEST_NOTIFICATION.title, { body: TEST_NOTIFICATION.body });
    notification.onclick = () => {
      window.focus();
      routeStore.getState().navigate({ page: 'settings' });
      notification.close();
    };
  },
  alertArrived() {
    if (crmBridge().notifications || browserApi()?.permission !== 'default') return;
    let dismissed = false;
    try {
      dismissed = window.localStorage.getItem(PROMPT_DISMISSED_KEY) === '1';
    } catch {
      // No storage: offer it again next time.
    }
    if (!dismissed) set({ promptAtFirstAlert: true, state: 'default' });
  },
  dismissPrompt() {
    try {
      window.localStorage.setItem(PROMPT_DISMISSED_KEY, '1');
    } catch {
      // Not remembered; it is only offered again with a later first alert.
    }
    set({ promptAtFirstAlert: false });
  },
}));
