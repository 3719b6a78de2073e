import { useEffect } from 'react';
import type { NowQueueEntry } from '../../../shared/domain/inboxEntry';
import { INBOX_VIEWS } from '../../../shared/domain/segments';
import { actionStore } from '../actions/actionStore';
import { inboxStore } from '../inbox/inboxStore';
import { rowMemoryStore, type RowMemoryMode } from '../inbox/rowMemoryStore';
import { handleLabel } from './HandleText';
import { refreshVisibleData } from './refreshVisibleData';
import { routeStore } from './routeStore';
import { toastStore } from './toastStore';

/** The Now queue's triage keys on the selected row (issue 17): its tags, a reminder, a snooze. */
const ROW_MEMORY_KEYS: Record<string, RowMemoryMode> = { t: 'tags', r: 'remind', s: 'snooze' };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}

/** Enter and Space already mean "press this" on buttons and links; the shortcut must not also fire. */
function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (isTyping(target) || target.closest('button, a, [role="tab"], summary') !== null);
}

function focusSearch(): void {
  document.querySelector<HTMLInputElement>('input.search')?.focus();
}

function focusMemorySearch(): void {
  document.querySelector<HTMLInputElement>('input.memory-search-input')?.focus();
}

/**
 * Keyboard-first navigation: j/k (or ↓/↑) rows, 1–6 views (Now, then the five tabs), Enter opens, / search (the inbox's
 * handle filter on the inbox, the search across handles, notes and tags elsewhere), Esc back,
 * F5 / Ctrl+R refresh. On the Now queue, triage: e runs the selected row's suggested action (after
 * the usual confirmation), s snoozes, r sets a reminder; t tags the selected row on any tab.
 * Nothing fires while a dialog is open: it owns the keyboard then.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const { route, navigate } = routeStore.getState();
      if (event.key === 'F5' || ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'r')) {
        // Refresh the data, not the page: a reload would lose the scroll position and the selection.
        event.preventDefault();
        refreshVisibleData();
        return;
      }
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else if (route.page !== 'inbox') navigate({ page: 'inbox', tab: inboxStore.getState().tab });
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const tabIndex = Number(event.key) - 1;
      if (/^[1-6]$/.test(event.key)) {
        navigate({ page: 'inbox', tab: INBOX_VIEWS[tabIndex] ?? 'now' });
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        // On the inbox, its own handle filter; anywhere else the search across handles, notes and
        // tags (SPEC §13). Its box mounts with the page; wait a frame when we just navigated there.
        if (route.page === 'inbox') requestAnimationFrame(focusSearch);
        else {
          if (route.page !== 'search') navigate({ page: 'search' });
          requestAnimationFrame(focusMemorySearch);
        }
        return;
      }
      if (route.page !== 'inbox') return;
      if (event.key === 'j' || (event.key === 'ArrowDown' && !isInteractive(event.target))) {
        event.preventDefault();
        inboxStore.getState().moveSelection(1);
      } else if (event.key === 'k' || (event.key === 'ArrowUp' && !isInteractive(event.target))) {
        event.preventDefault();
        inboxStore.getState().moveSelection(-1);
      } else if (event.key === 'Enter' && !isInteractive(event.target)) {
        const { selectedIndex, entryAt } = inboxStore.getState();
        const entry = entryAt(selectedIndex);
        if (entry) navigate({ page: 'supporter', supporterId: entry.supporterId });
      } else if (event.key === 'e' && route.tab === 'now') {
        const { selectedIndex, entryAt } = inboxStore.getState();
        const entry = entryAt(selectedIndex);
        if (!entry) return;
        event.preventDefault();
        // The Now queue's rows are `NowQueueEntry`s (route.tab is 'now').
        const suggestion = (entry as Partial<NowQueueEntry>).suggestedAction ?? null;
        if (suggestion === null) toastStore.getState().show(`No action is worth suggesting for ${handleLabel(entry.handle)} right now.`, 'info');
        else void actionStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, type: suggestion });
      } else if (event.key in ROW_MEMORY_KEYS && (event.key === 't' || route.tab === 'now')) {
        const { selectedIndex, entryAt } = inboxStore.getState();
        const entry = entryAt(selectedIndex);
        const mode = ROW_MEMORY_KEYS[event.key];
        if (!entry || mode === undefined) return;
        event.preventDefault();
        rowMemoryStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, tags: entry.tags }, mode);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
