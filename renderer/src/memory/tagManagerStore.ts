import { create } from 'zustand';
import type { TagCount } from '../../../shared/domain/supporterMemory';
import { callApi } from '../api/callApi';
import { describeApiError } from '../api/describeApiError';

interface TagManagerState {
  isOpen: boolean;
  tags: TagCount[];
  total: number;
  problem: string | null;
  open(): Promise<void>;
  close(): void;
  /** Loads the first page again, or the next one (`more`). */
  load(more?: boolean): Promise<void>;
}

const PAGE = 100;

/** The "All tags" dialog: every tag in use with its count, a page of 100 at a time. */
export const tagManagerStore = create<TagManagerState>((set, get) => ({
  isOpen: false,
  tags: [],
  total: 0,
  problem: null,
  async open() {
    set({ isOpen: true, problem: null });
    await get().load();
  },
  close() {
    set({ isOpen: false });
  },
  async load(more = false) {
    try {
      const offset = more ? get().tags.length : 0;
      const page = await callApi('tags.list', { limit: PAGE, offset });
      set({ tags: more ? [...get().tags, ...page.tags] : page.tags, total: page.total, problem: null });
    } catch (error) {
      set({ problem: describeApiError(error).message });
    }
  },
}));
