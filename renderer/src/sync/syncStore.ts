import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract/apiTypes';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

interface SyncState {
  status: SyncStatus | null;
  /** The last request's problem (status unavailable, sync failed to start…): the status bar and settings show it. */
  error: ErrorView | null;
  /**
   * Why the last connection attempt was refused: shown on the connect form only. Nothing was
   * saved, so it is not the workspace's sync state and the status bar does not carry it.
   */
  connectError: ErrorView | null;
  busy: 'connecting' | 'disconnecting' | 'syncing' | null;
  load(): Promise<void>;
  /** The core pushes status changes (`sync_status` events); they replace what we have. */
  receive(status: SyncStatus): void;
  syncNow(): Promise<void>;
  connect(serverUrl: string, token: string): Promise<boolean>;
  disconnect(): Promise<void>;
}

/** The platform connection and the last sync, for the status bar and the settings page. */
export const syncStore = create<SyncState>((set, get) => {
  const run = async (busy: NonNullable<SyncState['busy']>, request: () => Promise<SyncStatus>): Promise<boolean> => {
    const problemKey = busy === 'connecting' ? 'connectError' : 'error';
    set({ busy, [problemKey]: null });
    try {
      set({ status: await request(), busy: null });
      return true;
    } catch (error) {
      set({ [problemKey]: describeApiError(error), busy: null });
      return false;
    }
  };
  return {
    status: null,
    error: null,
    connectError: null,
    busy: null,
    async load() {
      try {
        set({ status: await callApi('sync.status', {}) });
      } catch (error) {
        set({ error: describeApiError(error) });
      }
    },
    receive(status) {
      set({ status });
    },
    async syncNow() {
      await run('syncing', () => callApi('sync.now', {}));
    },
    connect(serverUrl, token) {
      return run('connecting', () => callApi('sync.connect', { serverUrl, token }));
    },
    async disconnect() {
      await run('disconnecting', () => callApi('sync.disconnect', {}));
      void get().load();
    },
  };
});
