import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { InboxViewName } from '../../../shared/domain/segments';
import { actionAvailabilityStore, earliestLift } from '../actions/actionAvailabilityStore';
import { TAB_LABELS } from '../app/labels';
import { usePresenceAsOf } from '../app/OnlineDot';
import { routeStore } from '../app/routeStore';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { InboxRow, InboxRowPlaceholder } from './InboxRow';
import { INBOX_PAGE_SIZE, inboxStore, rememberedInboxScroll, rememberInboxScroll } from './inboxStore';

export const INBOX_ROW_HEIGHT = 60;
/**
 * Faster than this (rows per millisecond, about 60 rows a frame) the creator is dragging the
 * scrollbar, not reading: pages are fetched once the scroll slows or stops, not for every screen
 * flown past, which keeps each frame's work to moving placeholders.
 */
const SEEK_ROWS_PER_MS = 1;
const SEEK_SETTLE_MS = 80;
/** Availability is asked for once the rows on screen have stayed put this long. */
const AVAILABILITY_SETTLE_MS = 150;

/**
 * The virtualized rows: only what is on screen (plus a little overscan) is in the DOM, and pages of
 * 100 are fetched as they scroll into view, so 100,000 supporters scroll like 100.
 */
export function InboxList({ tab }: { tab: InboxViewName }) {
  const rowCount = inboxStore((state) => state.rowCount);
  const pages = inboxStore((state) => state.pages);
  const selectedIndex = inboxStore((state) => state.selectedIndex);
  const updatedAt = inboxStore((state) => state.updatedAt);
  const blockedReason = useActionsBlockedReason();
  const presenceAsOf = usePresenceAsOf();
  const availability = actionAvailabilityStore((state) => state.bySupporter);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => INBOX_ROW_HEIGHT,
    overscan: 4,
    initialOffset: rememberedInboxScroll,
    // Render in React's own task rather than synchronously inside each scroll event: the browser's
    // scroll handling and the rows' rendering stay separate, short tasks.
    useFlushSync: false,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const seek = useRef({ first: 0, at: 0, timer: null as ReturnType<typeof setTimeout> | null });
  useEffect(() => {
    const state = seek.current;
    const now = performance.now();
    const speed = Math.abs(first - state.first) / Math.max(1, now - state.at);
    state.first = first;
    state.at = now;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    if (speed > SEEK_ROWS_PER_MS) state.timer = setTimeout(() => inboxStore.getState().requestRange(first, last), SEEK_SETTLE_MS);
    else inboxStore.getState().requestRange(first, last);
  }, [first, last, rowCount]);
  useEffect(() => () => clearTimeout(seek.current.timer ?? undefined), []);

  // Which quick actions can run for the rows on screen, asked once the list settles (and again when
  // the data changes or a refusal's time comes), so a button is never offered only to be refused.
  const visibleIds = items.map((item) => pages[Math.floor(item.index / INBOX_PAGE_SIZE)]?.[item.index % INBOX_PAGE_SIZE]?.supporterId).filter((id) => id !== undefined);
  const visibleKey = visibleIds.join('\n');
  const [availabilityTick, setAvailabilityTick] = useState(0);
  useEffect(() => {
    if (visibleKey === '') return undefined;
    const timer = setTimeout(() => void actionAvailabilityStore.getState().load(visibleKey.split('\n')), AVAILABILITY_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [visibleKey, updatedAt, availabilityTick]);
  const nextLift = earliestLift(visibleKey === '' ? [] : visibleKey.split('\n').map((id) => availability[id] ?? {}));
  useEffect(() => {
    if (nextLift === null) return undefined;
    const timer = setTimeout(() => setAvailabilityTick((tick) => tick + 1), Math.min(Math.max(0, nextLift - Date.now()) + 1000, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [nextLift]);

  // Keep the keyboard selection on screen (j/k past the edge scrolls by one row, not a page).
  const scrolledSelection = useRef(selectedIndex);
  useLayoutEffect(() => {
    if (scrolledSelection.current === selectedIndex) return;
    scrolledSelection.current = selectedIndex;
    if (rowCount > 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, rowCount, virtualizer]);

  useEffect(() => {
    const element = scrollRef.current;
    return () => rememberInboxScroll(element?.scrollTop ?? 0);
  }, []);

  const onOpen = useCallback((index: number, supporterId: string) => {
    inboxStore.getState().select(index);
    routeStore.getState().navigate({ page: 'supporter', supporterId });
  }, []);

  // One clock per render so every row's "3 hours ago" agrees.
  const now = updatedAt ?? Date.now();
  return (
    <div className="inbox-table">
      <div className="inbox-header" aria-hidden="true">
        <span />
        <span>Supporter</span>
        <span className="number">Lifetime</span>
        <span className="number column-monthly">30 days</span>
        <span>{tab === 'new' ? 'First purchase' : 'Last active'}</span>
        <span>Unread</span>
        <span>Potential</span>
        <span className="number">Actions</span>
      </div>
      {/* Focusable so the keyboard can scroll it (the rows are not each a tab stop). */}
      <div ref={scrollRef} className="inbox-scroll" data-testid="inbox-scroll" tabIndex={0} role="region" aria-label={`${TAB_LABELS[tab]} list, scrollable`}>
        <div role="list" aria-label={`${TAB_LABELS[tab]} supporters`} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = pages[Math.floor(item.index / INBOX_PAGE_SIZE)]?.[item.index % INBOX_PAGE_SIZE];
            return entry ? (
              <InboxRow
                key={item.key}
                tab={tab}
                top={item.start}
                entry={entry}
                index={item.index}
                setSize={rowCount}
                selected={item.index === selectedIndex}
                blockedReason={blockedReason}
                availability={availability[entry.supporterId]}
                presenceAsOf={presenceAsOf}
                now={now}
                onOpen={onOpen}
              />
            ) : (
              <InboxRowPlaceholder key={item.key} top={item.start} index={item.index} setSize={rowCount} />
            );
          })}
        </div>
      </div>
    </div>
  );
}
