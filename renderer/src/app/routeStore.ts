import { create } from 'zustand';
import { formatRoute, parseRoute, type AppRoute } from '../../../shared/routes/appRoute';

interface RouteState {
  route: AppRoute;
  navigate(route: AppRoute): void;
}

function routeFromHash(): AppRoute {
  return parseRoute(location.hash) ?? { page: 'inbox', tab: 'vip' };
}

/** The hash router: the address bar is the source of truth, so Back/Forward and reloads keep the page. */
export const routeStore = create<RouteState>((set) => ({
  route: routeFromHash(),
  navigate(route) {
    const hash = `#/${formatRoute(route)}`;
    if (location.hash !== hash) location.hash = hash;
    set({ route });
  },
}));

window.addEventListener('hashchange', () => routeStore.setState({ route: routeFromHash() }));
