import { API_REQUEST_NAMES } from '../../../shared/contract/apiRequestNames';
import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';
import type { CrmBridge, CrmRequestMethods } from '../../../shared/contract/crmBridge';

type ServerMessage = { id: number; result: ApiResult<unknown> } | { event: CoreEvent };

const RECONNECT_DELAY_MS = 1000;

/**
 * The browser host's transport: the same contract as the Electron preload, over a WebSocket to the
 * page's own origin (the session cookie set by the host authorises it). Reconnects on its own;
 * requests made while disconnected wait for the connection.
 */
export function createWebSocketBridge(url = `ws://${location.host}/api`): CrmBridge {
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const navigateListeners = new Set<(route: string) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let open: Promise<void>;

  const connect = () => {
    socket = new WebSocket(url);
    open = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      if ('event' in data) {
        for (const listener of eventListeners) listener(data.event);
      } else {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      }
    });
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to the console host.' } });
      pending.clear();
      setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };
  connect();

  const send = async (name: string, input: unknown): Promise<ApiResult<unknown>> => {
    await open;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, name, input }));
    });
  };

  const requests = Object.fromEntries(API_REQUEST_NAMES.map((name) => [name, (input: unknown) => send(name, input)])) as unknown as CrmRequestMethods;
  return {
    requests,
    transport: 'browser',
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onNavigate(listener) {
      navigateListeners.add(listener);
      return () => navigateListeners.delete(listener);
    },
  };
}
