import { create } from 'zustand';
import type { InboxEntry, TabCounts } from '../../../shared/domain/inboxEntry';
import type { InboxTab } from '../../../shared/domain/segments';
import { callApi } from '../api/callApi';

interface InboxState {
  tab: InboxTab;
  counts: TabCounts | null;
  entries: InboxEntry[];
  total: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selectedIndex: number;
  search: string;
  showTab(tab: InboxTab): void;
  setSearch(search: string): void;
  refresh(): Promise<void>;
  moveSelection(delta: number): void;
}

const PAGE_SIZE = 100;
let requestSerial = 0;

/** The inbox: the open tab's page, the counts of every tab, and the keyboard selection. */
export const inboxStore = create<InboxState>((set, get) => ({
  tab: 'vip',
  counts: null,
  entries: [],
  total: 0,
  status: 'idle',
  error: null,
  selectedIndex: 0,
  search: '',
  showTab(tab) {
    if (tab === get().tab && get().status !== 'idle') return;
    set({ tab, entries: [], total: 0, selectedIndex: 0 });
    void get().refresh();
  },
  setSearch(search) {
    set({ search, selectedIndex: 0 });
    void get().refresh();
  },
  async refresh() {
    const serial = ++requestSerial;
    const { tab, search } = get();
    set({ status: get().entries.length > 0 ? 'ready' : 'loading', error: null });
    try {
      const [counts, page] = await Promise.all([
        callApi('inbox.counts', {}),
        callApi('inbox.page', { tab, limit: PAGE_SIZE, ...(search.trim() ? { search: search.trim() } : {}) }),
      ]);
      // A slower answer for a tab the creator already left must not overwrite the new one.
      if (serial !== requestSerial) return;
      set({
        counts: counts.counts,
        entries: page.entries,
        total: page.total,
        status: 'ready',
        selectedIndex: Math.min(get().selectedIndex, Math.max(0, page.entries.length - 1)),
      });
    } catch (error) {
      if (serial !== requestSerial) return;
      set({ status: 'error', error: (error as Error).message });
    }
  },
  moveSelection(delta) {
    const { entries, selectedIndex } = get();
    if (entries.length === 0) return;
    set({ selectedIndex: Math.max(0, Math.min(entries.length - 1, selectedIndex + delta)) });
  },
}));
