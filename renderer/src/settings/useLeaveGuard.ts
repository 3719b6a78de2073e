import { useEffect } from 'react';
import { crmBridge } from '../api/crmBridge';
import { routeStore } from '../app/routeStore';

/**
 * While `message` is set, leaving the page asks first: in-app navigation (sidebar, Esc, Back) through
 * the route store's guard, and closing or reloading the browser tab through the browser's own prompt.
 * (In the Electron window the prompt is not used: a cancelled unload there would silently keep the
 * window open; closing only hides it to the tray, so the form is still there.)
 */
export function useLeaveGuard(message: string | null): void {
  useEffect(() => {
    routeStore.getState().setLeaveGuard(message);
    if (message === null || crmBridge().transport !== 'browser') return () => routeStore.getState().setLeaveGuard(null);
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      routeStore.getState().setLeaveGuard(null);
    };
  }, [message]);
}
