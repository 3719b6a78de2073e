import { create } from 'zustand';

const STORAGE_KEY = 'supporter-crm.sidebar';
/** Below this window width the sidebar starts as icons only, so the inbox keeps its columns. */
export const SIDEBAR_AUTO_COLLAPSE_BELOW_PX = 1200;

type SidebarChoice = 'collapsed' | 'expanded' | null;

function readChoice(): SidebarChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'collapsed' || stored === 'expanded' ? stored : null;
  } catch {
    return null;
  }
}

interface SidebarState {
  /** The creator's own choice on this machine, or null to follow the window's width. */
  choice: SidebarChoice;
  narrowWindow: boolean;
  toggle(): void;
}

/** Whether the sidebar shows labels or icons only: the creator's choice, else the window's width decides. */
export const sidebarStore = create<SidebarState>((set, get) => {
  const query = window.matchMedia(`(max-width: ${SIDEBAR_AUTO_COLLAPSE_BELOW_PX - 1}px)`);
  query.addEventListener('change', (event) => set({ narrowWindow: event.matches }));
  return {
    choice: readChoice(),
    narrowWindow: query.matches,
    toggle() {
      const next = isSidebarCollapsed(get()) ? 'expanded' : 'collapsed';
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but applied for this session.
      }
      set({ choice: next });
    },
  };
});

export function isSidebarCollapsed(state: Pick<SidebarState, 'choice' | 'narrowWindow'>): boolean {
  return state.choice === null ? state.narrowWindow : state.choice === 'collapsed';
}
