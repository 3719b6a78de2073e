import { create } from 'zustand';
import type { AlertCursor, AlertPage } from '../../../shared/domain/alertPage';
import type { AlertView } from '../../../shared/domain/alertView';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';
import { ALERT_TYPE_LABELS } from '../app/labels';
import { routeStore } from '../app/routeStore';
import { toastStore } from '../app/toastStore';
import { isUnread, NO_ALERT_FILTERS, type AlertFilters } from './filterAlerts';

/** What the core says about every open alert, whatever is loaded: the counts, the badge, how many match. */
export type AlertTotals = Omit<AlertPage, 'alerts' | 'nextBefore'>;

interface AlertsState {
  /** The pages loaded so far of the open alerts matching `filters`, newest first (100 a page, SPEC §9). */
  alerts: AlertView[];
  /** The counts over every open alert (not the loaded pages); null until the first answer. */
  totals: AlertTotals | null;
  /** Where "Show older alerts" continues; null when the loaded pages reach the oldest match. */
  nextBefore: AlertCursor | null;
  status: 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  /** "Show older alerts": its own state, so a failure keeps the loaded list on screen. */
  older: { status: 'idle' | 'loading' | 'error'; error: ErrorView | null };
  filters: AlertFilters;
  /** The filters `alerts` and `totals` were read under: until the core answers a change, they are the previous ones. */
  loadedFilters: AlertFilters | null;
  updatedAt: number | null;
  /** Reads again every page loaded so far (and whatever arrived on top), in place; `fromTop` reads only the first page (new filters). */
  refresh(fromTop?: boolean): Promise<void>;
  /** Loads the next page of older alerts under the current filters. */
  loadOlder(): Promise<void>;
  setFilters(filters: Partial<AlertFilters>): void;
  markRead(alertId: string): Promise<void>;
  /** Marks read every unread alert matching the filters, up to the newest one shown (all pages, not just the loaded ones). */
  markAllRead(): Promise<void>;
  /** Dismisses, with a toast whose Undo brings the alert back. */
  dismiss(alertId: string): Promise<void>;
  undismiss(alertId: string): Promise<void>;
}

/** The page size the core answers with (SPEC §9: a list is shown a page of at most 100 at a time). */
export const ALERT_PAGE_SIZE = 100;

let requestSerial = 0;

function withReadAt(alerts: readonly AlertView[], ids: ReadonlySet<string>, readAt: string): AlertView[] {
  return alerts.map((alert) => (ids.has(alert.id) && alert.readAt === null ? { ...alert, readAt } : alert));
}

/** True when `alert` sorts at or after `other` in newest-first (createdAt, id) order: it is no newer. */
function isNoNewerThan(alert: AlertView, other: AlertView): boolean {
  const at = Date.parse(alert.createdAt);
  const otherAt = Date.parse(other.createdAt);
  return at < otherAt || (at === otherAt && alert.id <= other.id);
}

function pageInput(filters: AlertFilters, before: AlertCursor | null) {
  return { show: filters.show, type: filters.type, priority: filters.priority, limit: ALERT_PAGE_SIZE, ...(before ? { before } : {}) };
}

/** The badge follows a change at once; the core's next answer gives every count again. */
function lessUnread(totals: AlertTotals | null, unread: number, open = 0): AlertTotals | null {
  return totals === null ? null : { ...totals, unread: Math.max(0, totals.unread - unread), open: Math.max(0, totals.open - open) };
}

/** Open smart alerts (expired ones leave the default view, SPEC §8) a page at a time, the panel's filters, and the creator's read/dismiss/undo. */
export const alertsStore = create<AlertsState>((set, get) => ({
  alerts: [],
  totals: null,
  nextBefore: null,
  status: 'loading',
  error: null,
  older: { status: 'idle', error: null },
  filters: NO_ALERT_FILTERS,
  loadedFilters: null,
  updatedAt: null,

  async refresh(fromTop = false) {
    const serial = ++requestSerial;
    const { filters, alerts: loaded } = get();
    // Away from the Alerts page only the first page is kept fresh (the badge needs its counts): the
    // older pages loaded there are let go rather than read again on every sync.
    const onAlertsPage = routeStore.getState().route.page === 'alerts';
    const oldestLoaded = fromTop || !onAlertsPage ? undefined : loaded.at(-1);
    try {
      // Page on until the oldest alert already on screen is reached again, so a refresh never takes
      // back what "Show older alerts" loaded (alerts raised meanwhile are added on top).
      const alerts: AlertView[] = [];
      let page = await callApi('alerts.page', pageInput(filters, null));
      alerts.push(...page.alerts);
      while (page.nextBefore && oldestLoaded && !alerts.some((alert) => isNoNewerThan(alert, oldestLoaded))) {
        page = await callApi('alerts.page', pageInput(filters, page.nextBefore));
        if (serial !== requestSerial) return;
        alerts.push(...page.alerts);
      }
      if (serial !== requestSerial) return;
      const { alerts: _alerts, nextBefore, ...totals } = page;
      set({ alerts, totals, nextBefore, loadedFilters: filters, status: 'ready', error: null, older: { status: 'idle', error: null }, updatedAt: Date.now() });
    } catch (error) {
      if (serial !== requestSerial) return;
      set({ status: 'error', error: describeApiError(error) });
    }
  },

  async loadOlder() {
    const { nextBefore, filters, older } = get();
    if (nextBefore === null || older.status === 'loading') return;
    const serial = requestSerial;
    set({ older: { status: 'loading', error: null } });
    try {
      const { alerts: page, nextBefore: next, ...totals } = await callApi('alerts.page', pageInput(filters, nextBefore));
      // A refresh or a change of filters since then answers for the list: this page may not fit it.
      if (serial !== requestSerial) return;
      const known = new Set(get().alerts.map((alert) => alert.id));
      set({ alerts: [...get().alerts, ...page.filter((alert) => !known.has(alert.id))], nextBefore: next, totals, older: { status: 'idle', error: null } });
    } catch (error) {
      if (serial !== requestSerial) return;
      set({ older: { status: 'error', error: describeApiError(error) } });
    }
  },

  setFilters(filters) {
    // The loaded alerts narrow at once (filterAlerts); the core's first page under the new filters replaces them.
    set({ filters: { ...get().filters, ...filters }, nextBefore: null, older: { status: 'idle', error: null } });
    void get().refresh(true);
  },

  async markRead(alertId) {
    const before = get().alerts;
    const target = before.find((alert) => alert.id === alertId);
    // Optimistic: the bold "unread" style and the badge go at once; the core's answer confirms it.
    set({ alerts: withReadAt(before, new Set([alertId]), new Date().toISOString()), totals: lessUnread(get().totals, target && isUnread(target) ? 1 : 0) });
    // Whatever started before this write would answer with the alert still unread: let it be ignored.
    requestSerial += 1;
    try {
      const { alert } = await callApi('alerts.markRead', { alertId });
      set({ alerts: get().alerts.map((item) => (item.id === alert.id ? alert : item)) });
    } catch (error) {
      set({ alerts: get().alerts.map((item) => (item.id === alertId && target ? target : item)) });
      toastStore.getState().show(`Could not mark the alert as read: ${describeApiError(error).message}`, 'error');
    }
    await get().refresh();
  },

  async markAllRead() {
    const { alerts: before, filters, totals } = get();
    const newestShown = before[0];
    if (!newestShown) return;
    const unreadShown = new Set(before.filter(isUnread).map((alert) => alert.id));
    set({ alerts: withReadAt(before, unreadShown, new Date().toISOString()), totals: lessUnread(totals, totals?.counts.show.unread ?? 0) });
    requestSerial += 1;
    try {
      await callApi('alerts.markMatchingRead', { type: filters.type, priority: filters.priority, upTo: { createdAt: newestShown.createdAt, id: newestShown.id } });
    } catch (error) {
      set({ alerts: get().alerts.map((alert) => (unreadShown.has(alert.id) ? (before.find((old) => old.id === alert.id) ?? alert) : alert)), totals });
      toastStore.getState().show(`Could not mark the alerts as read: ${describeApiError(error).message}`, 'error');
    }
    await get().refresh();
  },

  async dismiss(alertId) {
    const before = get().alerts;
    const dismissed = before.find((alert) => alert.id === alertId);
    set({ alerts: before.filter((alert) => alert.id !== alertId), totals: lessUnread(get().totals, dismissed && isUnread(dismissed) ? 1 : 0, dismissed ? 1 : 0) });
    requestSerial += 1;
    try {
      await callApi('alerts.dismiss', { alertId });
    } catch (error) {
      set({ alerts: before });
      toastStore.getState().show(`Could not dismiss the alert: ${describeApiError(error).message}`, 'error');
      await get().refresh();
      return;
    }
    const about = dismissed ? `${ALERT_TYPE_LABELS[dismissed.type]}: ${dismissed.message}` : 'the alert';
    toastStore.getState().show(`Dismissed — ${about}`, 'info', {
      label: 'Undo',
      description: `Undo dismissing ${about}`,
      run: () => void get().undismiss(alertId),
    });
    await get().refresh();
  },

  async undismiss(alertId) {
    requestSerial += 1;
    try {
      const { alert } = await callApi('alerts.undismiss', { alertId });
      // Back where it was (the list is newest first), if it falls within what is loaded; the refresh below confirms.
      const loaded = get().alerts;
      const oldest = loaded.at(-1);
      if (oldest && isNoNewerThan(oldest, alert)) {
        const others = loaded.filter((item) => item.id !== alertId);
        set({ alerts: [...others, alert].sort((a, b) => (isNoNewerThan(a, b) ? (a.id === b.id ? 0 : 1) : -1)) });
      }
    } catch (error) {
      toastStore.getState().show(`Could not bring the alert back: ${describeApiError(error).message}`, 'error');
    }
    await get().refresh();
  },
}));
