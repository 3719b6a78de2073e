import { create } from 'zustand';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { SearchMatch } from '../../../shared/domain/supporterMemory';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';

export const SEARCH_PAGE = 100;
const DEBOUNCE_MS = 200;

interface MemorySearchState {
  /** What is typed in the box. */
  text: string;
  /** What the results are for (trimmed, after the debounce). */
  query: string;
  offset: number;
  total: number;
  entries: InboxEntry[];
  /** Where each entry matched, by supporter. */
  matches: ReadonlyMap<string, SearchMatch>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  setText(text: string): void;
  /** Shows the page starting at `offset` for the current query. */
  showPage(offset: number): Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | null = null;
/** Only the latest request's answer is shown, however the answers arrive. */
let latest = 0;

/** Search across handles, notes and tags (SPEC §13): one page of at most 100 supporters. */
export const memorySearchStore = create<MemorySearchState>((set, get) => ({
  text: '',
  query: '',
  offset: 0,
  total: 0,
  entries: [],
  matches: new Map(),
  status: 'idle',
  error: null,
  setText(text) {
    set({ text });
    if (timer) clearTimeout(timer);
    // Typing "birthday" asks the core once, not eight times.
    timer = setTimeout(() => {
      const query = get().text.trim();
      if (query === get().query && get().status !== 'error') return;
      set({ query });
      void get().showPage(0);
    }, DEBOUNCE_MS);
  },
  async showPage(offset) {
    const { query } = get();
    const request = ++latest;
    if (query === '') {
      set({ offset: 0, total: 0, entries: [], matches: new Map(), status: 'idle', error: null });
      return;
    }
    set({ status: 'loading', error: null });
    try {
      const page = await callApi('search.supporters', { text: query, limit: SEARCH_PAGE, ...(offset > 0 ? { offset } : {}) });
      if (request === latest) {
        set({ offset, total: page.total, entries: page.entries, matches: new Map(page.matches.map((match) => [match.supporterId, match])), status: 'ready' });
      }
    } catch (error) {
      if (request === latest) set({ status: 'error', error: describeApiError(error) });
    }
  },
}));
