import { useEffect } from 'react';
import { parseRoute } from '../../../shared/routes/appRoute';
import { alertsStore } from '../alerts/alertsStore';
import { connectionStore } from '../api/connectionStore';
import { crmBridge } from '../api/crmBridge';
import { syncStore } from '../sync/syncStore';
import { refreshVisibleData } from './refreshVisibleData';
import { routeStore } from './routeStore';

/** Alerts expire on the core's clock (SPEC §8) without an event; a slow poll keeps the panel honest. */
const ALERT_POLL_MS = 60_000;

/**
 * Auto-refresh: the core pushes `data_changed` after every sync, import, recompute or action,
 * `alerts_raised` when new alerts fire, and `sync_status` as the connection changes. The shell
 * may also ask to open a route (a notification click, a deep link).
 */
export function useCoreEvents(): void {
  useEffect(() => {
    const bridge = crmBridge();
    const stopEvents = bridge.onEvent((event) => {
      if (event.kind === 'data_changed') {
        refreshVisibleData();
        // An action (from any window) adds to the outbox; the status bar's count must follow.
        if (event.reason === 'action') void syncStore.getState().load();
      }
      else if (event.kind === 'alerts_raised') void alertsStore.getState().refresh();
      else if (event.kind === 'sync_status') syncStore.getState().receive(event.payload);
    });
    const stopNavigate = bridge.onNavigate((text) => {
      const target = parseRoute(text);
      if (target) routeStore.getState().navigate(target);
    });
    // Back from "Console disconnected": events sent while away were missed, so read everything again.
    const stopConnection =
      bridge.onConnectionChange?.((state) => {
        const wasAway = connectionStore.getState().state !== 'connected';
        connectionStore.setState({ state });
        if (state === 'connected' && wasAway) {
          refreshVisibleData();
          void syncStore.getState().load();
        }
      }) ?? (() => undefined);
    const poll = setInterval(() => void alertsStore.getState().refresh(), ALERT_POLL_MS);
    return () => {
      stopEvents();
      stopNavigate();
      stopConnection();
      clearInterval(poll);
    };
  }, []);
}
