import { create } from 'zustand';
import type { WorkspaceInfo } from '../../../shared/contract/apiTypes';
import { callApi } from '../api/callApi';

interface WorkspaceState {
  info: WorkspaceInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const workspaceStore = create<WorkspaceState>((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await callApi('workspace.info', {}), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));
