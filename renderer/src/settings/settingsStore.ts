import { create } from 'zustand';
import type { CrmSettings } from '../../../shared/contract/crmSettings';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

interface SettingsState {
  settings: CrmSettings | null;
  status: 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  saving: boolean;
  load(): Promise<void>;
  /** Saves a validated whole; the core validates again and answers with what it stored. */
  save(settings: CrmSettings): Promise<ErrorView | null>;
}

export const settingsStore = create<SettingsState>((set) => ({
  settings: null,
  status: 'loading',
  error: null,
  saving: false,
  async load() {
    try {
      set({ settings: await callApi('settings.get', {}), status: 'ready', error: null });
    } catch (error) {
      set({ status: 'error', error: describeApiError(error) });
    }
  },
  async save(settings) {
    set({ saving: true });
    try {
      set({ settings: await callApi('settings.update', settings), saving: false });
      return null;
    } catch (error) {
      set({ saving: false });
      return describeApiError(error);
    }
  },
}));
