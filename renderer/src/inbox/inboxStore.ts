import { create } from 'zustand';
import type { InboxEntry, TabCounts } from '../../../shared/domain/inboxEntry';
import type { InboxViewName } from '../../../shared/domain/segments';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';
import { listLengthAfterPage, pagesForRange, pagesToEvict } from './inboxPaging';

/** The contract's maximum page (SPEC §9: no list shows more than 100 rows per request). */
export const INBOX_PAGE_SIZE = 100;
/** Enough pages to scroll back a few screens without refetching, bounded so 100k rows never sit in memory. */
const MAX_CACHED_PAGES = 30;
/** Pages fetched at once; a fast scroll skips pages it has already left instead of queueing them. */
const MAX_IN_FLIGHT = 2;
const SEARCH_DEBOUNCE_MS = 200;

/** How the All tab is ordered: by last activity (SPEC §5), or by the customer-base model's figures. */
export type AllTabSort = 'default' | 'chance_active' | 'expected_tokens';

interface InboxState {
  allTabSort: AllTabSort;
  setAllTabSort(sort: AllTabSort): void;
  tab: InboxViewName;
  /** The tag every view is narrowed to (SPEC §13: a view only), or null for everyone; kept across tabs. */
  tag: string | null;
  setTag(tag: string | null): void;
  /** "Show all VIPs": the VIP tab without its cut to the top `vipTabSize`; back off on leaving the tab. */
  allVips: boolean;
  setAllVips(allVips: boolean): void;
  /** What is typed in the search box. */
  search: string;
  /** The search the list currently shows (trimmed, after the debounce). */
  query: string;
  counts: TabCounts | null;
  /** What the API counts for the tab and search. */
  total: number;
  /** Rows the list can show (fewer than `total` on the VIP tab, which lists only the top `vipTabSize`). */
  rowCount: number;
  /** Sparse cache: page index → up to 100 entries. */
  pages: Record<number, InboxEntry[]>;
  status: 'loading' | 'ready' | 'error';
  error: ErrorView | null;
  refreshing: boolean;
  updatedAt: number | null;
  /** Keyboard selection, an index into the whole list (not only the loaded rows). */
  selectedIndex: number;
  /** Data changed while the inbox was not on screen: refresh when it is shown again. */
  stale: boolean;
  showTab(tab: InboxViewName): void;
  markStale(): void;
  setSearch(search: string): void;
  refresh(): Promise<void>;
  /** The virtualized list reports the rows on screen; missing pages are fetched. */
  requestRange(first: number, last: number): void;
  moveSelection(delta: number): void;
  select(index: number): void;
  entryAt(index: number): InboxEntry | undefined;
}

/**
 * Everything that only drives fetching, kept outside the store because no component renders it.
 * `generation` changes whenever the rows on screen stop being valid (tab, search or refresh), so
 * answers to older requests are dropped instead of mixing two lists.
 */
const loader = {
  generation: 0,
  visible: { first: 0, last: 30 },
  inFlight: new Set<number>(),
  searchTimer: null as ReturnType<typeof setTimeout> | null,
  /** Where the list was scrolled when the creator opened a profile, so Back returns to the same rows. */
  scrollOffset: 0,
  /** A refresh asked for while one is on its way (a sync announcing pages every second): run once after it. */
  refreshQueued: false,
  /**
   * The supporter selected when the creator came back from a profile: the refresh that follows
   * (the queue may have reordered meanwhile) selects them where they now are, so Back returns to
   * the same person. Within the list the selection stays by position, so it moves on to the next
   * supporter after an action or a snooze.
   */
  returnToSupporterId: null as string | null,
};

export function rememberInboxScroll(offset: number): void {
  loader.scrollOffset = offset;
}

export function rememberedInboxScroll(): number {
  return loader.scrollOffset;
}

function pageRequest(state: Pick<InboxState, 'tab' | 'query' | 'allTabSort' | 'tag' | 'allVips'>, page: number) {
  const { tab, query, allTabSort, tag, allVips } = state;
  return {
    tab,
    limit: INBOX_PAGE_SIZE,
    offset: page * INBOX_PAGE_SIZE,
    ...(query ? { search: query } : {}),
    ...(tab === 'all' && allTabSort !== 'default' && tag === null ? { sort: allTabSort } : {}),
    ...(tag !== null ? { tag } : {}),
    ...(tab === 'vip' && allVips ? { allVips } : {}),
  };
}

export const inboxStore = create<InboxState>((set, get) => {
  /** Rows the list can show once `page` arrived with `received` entries out of `total`. */
  const rowCountAfter = (total: number, page: number, received: number) =>
    listLengthAfterPage(total, page * INBOX_PAGE_SIZE, INBOX_PAGE_SIZE, received);

  const fetchPage = async (page: number) => {
    const generation = loader.generation;
    loader.inFlight.add(page);
    try {
      const result = await callApi('inbox.page', pageRequest(get(), page));
      if (generation !== loader.generation) return;
      const pages = { ...get().pages, [page]: result.entries };
      const centerPage = Math.floor(loader.visible.first / INBOX_PAGE_SIZE);
      for (const old of pagesToEvict(Object.keys(pages).map(Number), centerPage, MAX_CACHED_PAGES)) delete pages[old];
      const rowCount = rowCountAfter(result.total, page, result.entries.length);
      set({ pages, total: result.total, rowCount, status: 'ready', error: null });
    } catch (error) {
      if (generation === loader.generation) set({ status: 'error', error: describeApiError(error) });
    } finally {
      if (generation === loader.generation) loader.inFlight.delete(page);
    }
    if (generation === loader.generation) pump();
  };

  /** Starts fetches for the visible pages that are neither cached nor on their way. */
  const pump = () => {
    const { pages, rowCount, status } = get();
    if (status === 'error') return;
    const wanted = pagesForRange(loader.visible.first, loader.visible.last, INBOX_PAGE_SIZE, rowCount);
    for (const page of wanted) {
      if (loader.inFlight.size >= MAX_IN_FLIGHT) return;
      if (pages[page] || loader.inFlight.has(page)) continue;
      void fetchPage(page);
    }
  };

  /** Forgets the rows on screen and loads the first page of the current tab and search. */
  const restart = () => {
    loader.generation += 1;
    loader.inFlight.clear();
    loader.visible = { first: 0, last: 30 };
    loader.scrollOffset = 0;
    loader.refreshQueued = false;
    set({ pages: {}, total: 0, rowCount: 0, status: 'loading', error: null, selectedIndex: 0, refreshing: false });
    void get().refresh();
  };

  return {
    tab: 'now',
    tag: null,
    allVips: false,
    allTabSort: 'default',
    search: '',
    query: '',
    counts: null,
    total: 0,
    rowCount: 0,
    pages: {},
    status: 'loading',
    error: null,
    refreshing: false,
    updatedAt: null,
    selectedIndex: 0,
    stale: false,

    showTab(tab) {
      if (tab === get().tab && get().updatedAt !== null) {
        // Same tab as before (back from a profile): keep the rows and the scroll position.
        if (get().stale) {
          loader.returnToSupporterId = get().entryAt(get().selectedIndex)?.supporterId ?? null;
          void get().refresh();
        }
        return;
      }
      set({ tab, allVips: false });
      restart();
    },

    setTag(tag) {
      if (tag === get().tag) return;
      set({ tag });
      restart();
    },

    setAllVips(allVips) {
      if (allVips === get().allVips) return;
      set({ allVips });
      restart();
    },

    setAllTabSort(allTabSort) {
      if (allTabSort === get().allTabSort) return;
      set({ allTabSort });
      restart();
    },

    markStale() {
      set({ stale: true });
    },

    setSearch(search) {
      set({ search });
      if (loader.searchTimer) clearTimeout(loader.searchTimer);
      // Typing "anna" should ask the core once, not four times.
      loader.searchTimer = setTimeout(() => {
        const query = get().search.trim();
        if (query === get().query) return;
        set({ query });
        restart();
      }, SEARCH_DEBOUNCE_MS);
    },

    async refresh() {
      // Coalesce: a burst of change events while a refresh is in flight becomes one more refresh.
      if (get().refreshing) {
        loader.refreshQueued = true;
        return;
      }
      loader.generation += 1;
      loader.inFlight.clear();
      const generation = loader.generation;
      const request = get();
      set({ refreshing: true, stale: false });
      // Refetch what is on screen (at least the first page), then swap it in at once: the rows
      // never blink empty while a refresh is on its way.
      const known = get().rowCount > 0 ? get().rowCount : INBOX_PAGE_SIZE;
      const visiblePages = pagesForRange(loader.visible.first, loader.visible.last, INBOX_PAGE_SIZE, known);
      const wanted = visiblePages.length > 0 ? visiblePages : [0];
      try {
        const [counts, ...results] = await Promise.all([
          callApi('inbox.counts', {}),
          ...wanted.map((page) => callApi('inbox.page', pageRequest(request, page))),
        ]);
        if (generation !== loader.generation) return;
        const pages: Record<number, InboxEntry[]> = {};
        let total = 0;
        let rowCount = Number.POSITIVE_INFINITY;
        results.forEach((result, index) => {
          const page = wanted[index] ?? 0;
          pages[page] = result.entries;
          total = result.total;
          // Each page bounds the length: a short page before the total ends the list there.
          rowCount = Math.min(rowCount, rowCountAfter(result.total, page, result.entries.length));
        });
        set({
          counts: counts.counts,
          pages,
          total,
          rowCount,
          status: 'ready',
          error: null,
          refreshing: false,
          updatedAt: Date.now(),
          selectedIndex: followedIndex(pages, loader.returnToSupporterId) ?? Math.min(get().selectedIndex, Math.max(0, rowCount - 1)),
        });
        loader.returnToSupporterId = null;
        pump();
      } catch (error) {
        if (generation !== loader.generation) return;
        set({ status: 'error', error: describeApiError(error), refreshing: false });
      }
      if (loader.refreshQueued) {
        loader.refreshQueued = false;
        void get().refresh();
      }
    },

    requestRange(first, last) {
      loader.visible = { first, last };
      pump();
    },

    moveSelection(delta) {
      const { rowCount, selectedIndex } = get();
      if (rowCount === 0) return;
      set({ selectedIndex: Math.max(0, Math.min(rowCount - 1, selectedIndex + delta)) });
    },

    select(index) {
      set({ selectedIndex: Math.max(0, Math.min(get().rowCount - 1, index)) });
    },

    entryAt(index) {
      return get().pages[Math.floor(index / INBOX_PAGE_SIZE)]?.[index % INBOX_PAGE_SIZE];
    },
  };
});

/** Where this supporter is among the loaded pages, or null (not loaded, or nobody to follow). */
function followedIndex(pages: Record<number, InboxEntry[]>, supporterId: string | null): number | null {
  if (supporterId === null) return null;
  for (const [page, entries] of Object.entries(pages)) {
    const at = entries.findIndex((entry) => entry.supporterId === supporterId);
    if (at !== -1) return Number(page) * INBOX_PAGE_SIZE + at;
  }
  return null;
}
