import { create } from 'zustand';
import type { ModelQuality } from '../../../shared/domain/modelQuality';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

interface ModelQualityState {
  quality: ModelQuality | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  /** A refit asked for by the creator is running. */
  refitting: boolean;
  load(): Promise<void>;
  refit(): Promise<void>;
}

/** The customer-base models' quality report (`model.quality`); a refit keeps the old report on screen until the new one arrives. */
export const modelQualityStore = create<ModelQualityState>((set, get) => {
  const fetch = async (refit: boolean) => {
    try {
      const quality = await callApi('model.quality', refit ? { refit: true } : {});
      set({ quality, status: 'ready', error: null });
    } catch (error) {
      set({ status: 'error', error: describeApiError(error) });
    }
  };
  return {
    quality: null,
    status: 'idle',
    error: null,
    refitting: false,
    async load() {
      set({ status: get().quality ? 'ready' : 'loading', error: null });
      await fetch(false);
    },
    async refit() {
      if (get().refitting) return;
      set({ refitting: true, error: null });
      try {
        await fetch(true);
      } finally {
        set({ refitting: false });
      }
    },
  };
});
