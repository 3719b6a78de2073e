import { create } from 'zustand';
import type { ActivityLogEntry, CrmMetrics, SafetyLogEntry } from '../../../shared/contract/apiTypes';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: ErrorView };

interface ActivityState {
  days: 7 | 30;
  metrics: Loadable<CrmMetrics>;
  log: Loadable<ActivityLogEntry[]>;
  safety: Loadable<SafetyLogEntry[]>;
  load(): Promise<void>;
  setDays(days: 7 | 30): void;
}

/** The last 100 actions, what they brought, and what the safety rules refused (each loads on its own). */
export const activityStore = create<ActivityState>((set, get) => {
  const settle = async <T,>(key: 'metrics' | 'log' | 'safety', request: () => Promise<T>) => {
    try {
      const value = await request();
      set({ [key]: { state: 'ready', value } } as Partial<ActivityState>);
    } catch (error) {
      set({ [key]: { state: 'error', error: describeApiError(error) } } as Partial<ActivityState>);
    }
  };
  return {
    days: 30,
    metrics: { state: 'loading' },
    log: { state: 'loading' },
    safety: { state: 'loading' },
    async load() {
      await Promise.all([
        settle('metrics', () => callApi('actions.metrics', { days: get().days })),
        settle('log', async () => (await callApi('actions.log', { limit: 100 })).entries),
        settle('safety', async () => (await callApi('safety.log', { limit: 100 })).entries),
      ]);
    },
    setDays(days) {
      set({ days });
      void settle('metrics', () => callApi('actions.metrics', { days }));
    },
  };
});
