import { create } from 'zustand';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { callApi } from '../api/callApi';

interface ProfileState {
  supporterId: string | null;
  profile: SupporterProfile | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(supporterId: string): Promise<void>;
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
      if (get().supporterId === supporterId) set({ status: 'error', error: (error as Error).message });
    }
  },
}));
