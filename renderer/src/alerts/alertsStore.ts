import { create } from 'zustand';
import type { AlertView } from '../../../shared/domain/alertView';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';
import { ALERT_TYPE_LABELS } from '../app/labels';
import { toastStore } from '../app/toastStore';
import { NO_ALERT_FILTERS, type AlertFilters } from './filterAlerts';

interface AlertsState {
  /** The live alerts, newest first: one page of at most 100 (SPEC §9). Filters never change it, so the badge and every count come from it. */
  alerts: AlertView[];
  status: 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  filters: AlertFilters;
  updatedAt: number | null;
  refresh(): Promise<void>;
  setFilters(filters: Partial<AlertFilters>): void;
  markRead(alertId: string): Promise<void>;
  /** Marks these (the unread alerts shown) read in one request. */
  markAllRead(alertIds: readonly string[]): Promise<void>;
  /** Dismisses, with a toast whose Undo brings the alert back. */
  dismiss(alertId: string): Promise<void>;
  undismiss(alertId: string): Promise<void>;
}

/** The page size the core answers with; a full page means there may be older alerts beyond it. */
export const ALERT_PAGE_SIZE = 100;

let requestSerial = 0;

function withReadAt(alerts: readonly AlertView[], ids: ReadonlySet<string>, readAt: string): AlertView[] {
  return alerts.map((alert) => (ids.has(alert.id) && alert.readAt === null ? { ...alert, readAt } : alert));
}

/** Current smart alerts (expired ones leave the default view, SPEC §8), the panel's filters, and the creator's read/dismiss/undo. */
export const alertsStore = create<AlertsState>((set, get) => ({
  alerts: [],
  status: 'loading',
  error: null,
  filters: NO_ALERT_FILTERS,
  updatedAt: null,

  async refresh() {
    const serial = ++requestSerial;
    try {
      const { alerts } = await callApi('alerts.list', {});
      if (serial !== requestSerial) return;
      set({ alerts, status: 'ready', error: null, updatedAt: Date.now() });
    } catch (error) {
      if (serial !== requestSerial) return;
      set({ status: 'error', error: describeApiError(error) });
    }
  },

  setFilters(filters) {
    set({ filters: { ...get().filters, ...filters } });
  },

  async markRead(alertId) {
    await get().markAllRead([alertId]);
  },

  async markAllRead(alertIds) {
    if (alertIds.length === 0) return;
    const ids = new Set(alertIds);
    const before = get().alerts;
    // Optimistic: the bold "unread" style and the badge go at once; the core's answer confirms it.
    set({ alerts: withReadAt(before, ids, new Date().toISOString()) });
    // Whatever started before this write would answer with the alerts still unread: let it be ignored.
    requestSerial += 1;
    try {
      const { alerts: marked } =
        alertIds.length === 1 ? { alerts: [(await callApi('alerts.markRead', { alertId: alertIds[0] as string })).alert] } : await callApi('alerts.markAllRead', { alertIds: [...alertIds] });
      const answered = new Map(marked.map((alert) => [alert.id, alert]));
      set({ alerts: get().alerts.map((alert) => answered.get(alert.id) ?? alert) });
    } catch (error) {
      set({ alerts: get().alerts.map((alert) => (ids.has(alert.id) ? (before.find((old) => old.id === alert.id) ?? alert) : alert)) });
      const what = alertIds.length === 1 ? 'the alert' : `${alertIds.length} alerts`;
      toastStore.getState().show(`Could not mark ${what} as read: ${describeApiError(error).message}`, 'error');
    }
  },

  async dismiss(alertId) {
    const before = get().alerts;
    const dismissed = before.find((alert) => alert.id === alertId);
    set({ alerts: before.filter((alert) => alert.id !== alertId) });
    requestSerial += 1;
    try {
      await callApi('alerts.dismiss', { alertId });
    } catch (error) {
      set({ alerts: before });
      toastStore.getState().show(`Could not dismiss the alert: ${describeApiError(error).message}`, 'error');
      return;
    }
    const about = dismissed ? `${ALERT_TYPE_LABELS[dismissed.type]}: ${dismissed.message}` : 'the alert';
    toastStore.getState().show(`Dismissed — ${about}`, 'info', {
      label: 'Undo',
      description: `Undo dismissing ${about}`,
      run: () => void get().undismiss(alertId),
    });
  },

  async undismiss(alertId) {
    requestSerial += 1;
    try {
      const { alert } = await callApi('alerts.undismiss', { alertId });
      // Back where it was: the list is newest first.
      const others = get().alerts.filter((item) => item.id !== alertId);
      const alerts = [...others, alert].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id));
      set({ alerts: alerts.slice(0, ALERT_PAGE_SIZE) });
    } catch (error) {
      toastStore.getState().show(`Could not bring the alert back: ${describeApiError(error).message}`, 'error');
    }
  },
}));
