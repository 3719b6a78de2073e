import { API_REQUEST_NAMES } from '../../../shared/contract/apiRequestNames';
import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';
import type { CoreConnectionState, CrmBridge, CrmRequestMethods } from '../../../shared/contract/crmBridge';
import { RpcClient, type RpcChannel, type RpcChannelEvents } from '../../../shared/rpc/rpcClient';

type ServerMessage = { id: number | null; result: ApiResult<unknown> } | { event: CoreEvent };

/** Quick at first (a host restart takes a few seconds), then every 5 s while it stays away. */
export const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000] as const;

const timers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WebSocketBridgeOptions {
  url?: string;
  /** Asks the page's own origin whether it still knows this session (a 401 means it does not). */
  probeSession?: () => Promise<'known' | 'unknown' | 'unreachable'>;
}

/**
 * The browser host's transport: the same contract as the Electron preload, over a WebSocket to the
 * page's own origin (the session cookie set by the host authorises it), through the shared
 * `RpcClient`: every request has a time limit, requests made while the host is away wait for it,
 * and the connection's state is reported so the page can say "Console disconnected".
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions = {}): CrmBridge {
  const url = options.url ?? `ws://${location.host}/api`;
  const probeSession = options.probeSession ?? probeOwnOrigin;
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const navigateListeners = new Set<(route: string) => void>();
  const connectionListeners = new Set<(state: CoreConnectionState) => void>();
  let connection: CoreConnectionState = 'connected';
  const report = (state: CoreConnectionState) => {
    if (state === connection) return;
    connection = state;
    for (const listener of connectionListeners) listener(state);
  };

  const openChannel = (events: RpcChannelEvents): RpcChannel => {
    const socket = new WebSocket(url);
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      events.opened();
    });
    socket.addEventListener('message', (message) => {
      let data: ServerMessage | null;
      try {
        data = JSON.parse(String(message.data)) as ServerMessage | null;
      } catch {
        data = null;
      }
      // Not ours to act on; a request it may have answered ends by its time limit.
      if (typeof data !== 'object' || data === null) return;
      if ('event' in data) for (const listener of eventListeners) listener(data.event);
      else if (typeof data.id === 'number') events.answered(data.id, data.result);
    });
    let ended = false;
    const lost = () => {
      if (ended) return;
      ended = true;
      events.closed();
      // A browser does not say why a WebSocket was refused; the page's origin does.
      if (!opened) void probeSession().then((answer) => rpc.state !== 'open' && report(answer === 'unknown' ? 'refused' : 'reconnecting'));
    };
    socket.addEventListener('close', lost);
    // Some WebSocket implementations report a refused connection with 'error' alone.
    socket.addEventListener('error', lost);
    return {
      send: (request) => socket.send(JSON.stringify(request)),
      close: () => socket.close(),
    };
  };

  const rpc = new RpcClient({
    openChannel,
    timers,
    reconnectDelaysMs: RECONNECT_DELAYS_MS,
    stoppedError: { code: 'unavailable', message: 'The console page was closed.' },
  });
  rpc.onStateChange((state) => {
    if (state === 'open') report('connected');
    else if (state === 'reconnecting' && connection === 'connected') report('reconnecting');
  });

  const requests = Object.fromEntries(API_REQUEST_NAMES.map((name) => [name, (input: unknown) => rpc.request(name, input)])) as unknown as CrmRequestMethods;
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
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

async function probeOwnOrigin(): Promise<'known' | 'unknown' | 'unreachable'> {
  try {
    const response = await fetch('/', { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return response.status === 401 ? 'unknown' : 'known';
  } catch {
    return 'unreachable';
  }
}
