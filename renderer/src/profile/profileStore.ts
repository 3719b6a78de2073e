import { create } from 'zustand';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

interface ProfileState {
  supporterId: string | null;
  profile: SupporterProfile | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  load(supporterId: string): Promise<void>;
  /** Reloads the open profile in place (after a sync or an action), keeping it on screen meanwhile. */
  reload(): Promise<void>;
}

export const profileStore = create<ProfileState>((set, get) => ({
  supporterId: null,
  profile: null,
  status: 'idle',
  error: null,
  async load(supporterId) {
    const keep = get().supporterId === supporterId && get().profile !== null;
    set({ supporterId, status: keep ? 'ready' : 'loading', error: null, ...(keep ? {} : { profile: null }) });
    try {
      const profile = await callApi('profile.get', { supporterId });
      if (get().supporterId === supporterId) set({ profile, status: 'ready' });
    } catch (error) {
      if (get().supporterId === supporterId) set({ status: 'error', error: describeApiError(error) });
    }
  },
  async reload() {
    const { supporterId } = get();
    if (supporterId) await get().load(supporterId);
  },
}));
