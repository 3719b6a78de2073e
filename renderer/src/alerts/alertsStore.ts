import { create } from 'zustand';
import type { AlertView } from '../../../shared/domain/alertView';
import { callApi } from '../api/callApi';

interface AlertsState {
  alerts: AlertView[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  unreadOnly: boolean;
  refresh(): Promise<void>;
  setUnreadOnly(unreadOnly: boolean): void;
}

export const alertsStore = create<AlertsState>((set, get) => ({
  alerts: [],
  status: 'idle',
  error: null,
  unreadOnly: false,
  async refresh() {
    set({ status: get().alerts.length > 0 ? 'ready' : 'loading' });
    try {
      const { alerts } = await callApi('alerts.list', { unreadOnly: get().unreadOnly });
      set({ alerts, status: 'ready', error: null });
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
    }
  },
  setUnreadOnly(unreadOnly) {
    set({ unreadOnly });
    void get().refresh();
  },
}));
