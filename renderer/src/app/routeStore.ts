import { create } from 'zustand';
import { formatRoute, parseRoute, type AppRoute } from '../../../shared/routes/appRoute';

interface RouteState {
  route: AppRoute;
  /** Set by a page with unsaved changes (what to say); leaving it then asks first. */
  leaveGuard: string | null;
  /** Where the creator asked to go while the guard was up, waiting for "leave" or "stay". */
  pendingLeave: AppRoute | null;
  navigate(route: AppRoute): void;
  setLeaveGuard(message: string | null): void;
  /** Leaves for the pending route, dropping the unsaved changes. */
  confirmLeave(): void;
  cancelLeave(): void;
}

function routeFromHash(): AppRoute {
  return parseRoute(location.hash) ?? { page: 'inbox', tab: 'now' };
}

function showRoute(route: AppRoute): void {
  const hash = `#/${formatRoute(route)}`;
  if (location.hash !== hash) location.hash = hash;
}

/** The hash router: the address bar is the source of truth, so Back/Forward and reloads keep the page. */
export const routeStore = create<RouteState>((set, get) => ({
  route: routeFromHash(),
  leaveGuard: null,
  pendingLeave: null,
  navigate(route) {
    const current = get().route;
    if (get().leaveGuard !== null && route.page !== current.page) {
      set({ pendingLeave: route });
      return;
    }
    showRoute(route);
    set({ route });
  },
  setLeaveGuard(message) {
    set({ leaveGuard: message });
  },
  confirmLeave() {
    const target = get().pendingLeave;
    set({ leaveGuard: null, pendingLeave: null });
    if (target) get().navigate(target);
  },
  cancelLeave() {
    set({ pendingLeave: null });
  },
}));

window.addEventListener('hashchange', () => {
  const next = routeFromHash();
  const { route, leaveGuard } = routeStore.getState();
  if (leaveGuard !== null && next.page !== route.page) {
    // Back/Forward or a typed address while changes are unsaved: stay, and ask.
    history.replaceState(null, '', `#/${formatRoute(route)}`);
    routeStore.setState({ pendingLeave: next });
    return;
  }
  routeStore.setState({ route: next });
});
