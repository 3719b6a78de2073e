import { create } from 'zustand';
import type { AlertView } from '../../../shared/domain/alertView';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';
import { toastStore } from '../app/toastStore';

interface AlertsState {
  alerts: AlertView[];
  status: 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  unreadOnly: boolean;
  updatedAt: number | null;
  refresh(): Promise<void>;
  setUnreadOnly(unreadOnly: boolean): void;
  markRead(alertId: string): Promise<void>;
  dismiss(alertId: string): Promise<void>;
}

let requestSerial = 0;

/** Current smart alerts (expired ones leave the default view, SPEC §8) and the creator's read/dismiss. */
export const alertsStore = create<AlertsState>((set, get) => ({
  alerts: [],
  status: 'loading',
  error: null,
  unreadOnly: false,
  updatedAt: null,

  async refresh() {
    const serial = ++requestSerial;
    try {
      const { alerts } = await callApi('alerts.list', { unreadOnly: get().unreadOnly });
      if (serial !== requestSerial) return;
      set({ alerts, status: 'ready', error: null, updatedAt: Date.now() });
    } catch (error) {
      if (serial !== requestSerial) return;
      set({ status: 'error', error: describeApiError(error) });
    }
  },

  setUnreadOnly(unreadOnly) {
    set({ unreadOnly });
    void get().refresh();
  },

  async markRead(alertId) {
    const before = get().alerts;
    // Optimistic: the bold "unread" style goes at once; the core's answer confirms it.
    const readAt = new Date().toISOString();
    set({ alerts: before.map((alert) => (alert.id === alertId ? { ...alert, readAt } : alert)) });
    try {
      const { alert } = await callApi('alerts.markRead', { alertId });
      const alerts = get().alerts.map((item) => (item.id === alertId ? alert : item));
      set({ alerts: get().unreadOnly ? alerts.filter((item) => item.readAt === null) : alerts });
    } catch (error) {
      set({ alerts: before });
      toastStore.getState().show(`Could not mark the alert as read: ${describeApiError(error).message}`, 'error');
    }
  },

  async dismiss(alertId) {
    const before = get().alerts;
    set({ alerts: before.filter((alert) => alert.id !== alertId) });
    try {
      await callApi('alerts.dismiss', { alertId });
    } catch (error) {
      set({ alerts: before });
      toastStore.getState().show(`Could not dismiss the alert: ${describeApiError(error).message}`, 'error');
    }
  },
}));
