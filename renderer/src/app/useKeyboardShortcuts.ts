import { useEffect } from 'react';
import { INBOX_TABS } from '../../../shared/domain/segments';
import { inboxStore } from '../inbox/inboxStore';
import { routeStore } from './routeStore';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

/** Keyboard-first navigation: j/k rows, 1–5 tabs, Enter opens, / search, Esc back, F5 / Ctrl+R refresh. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { route, navigate } = routeStore.getState();
      if (event.key === 'F5' || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'r')) {
        event.preventDefault();
        void inboxStore.getState().refresh();
        return;
      }
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else if (route.page !== 'inbox') navigate({ page: 'inbox', tab: inboxStore.getState().tab });
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const tabIndex = Number(event.key) - 1;
      if (Number.isInteger(tabIndex) && tabIndex >= 0 && tabIndex < INBOX_TABS.length) {
        navigate({ page: 'inbox', tab: INBOX_TABS[tabIndex] ?? 'vip' });
        return;
      }
      if (route.page !== 'inbox') return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        inboxStore.getState().moveSelection(1);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        inboxStore.getState().moveSelection(-1);
      } else if (event.key === 'Enter') {
        const { entries, selectedIndex } = inboxStore.getState();
        const entry = entries[selectedIndex];
        if (entry) navigate({ page: 'supporter', supporterId: entry.supporterId });
      } else if (event.key === '/') {
        event.preventDefault();
        document.querySelector<HTMLInputElement>('input.search')?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
