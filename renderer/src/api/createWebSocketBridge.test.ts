import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { CoreConnectionState } from '../../../shared/contract/crmBridge';
import { createWebSocketBridge } from './createWebSocketBridge';

/**
 * The renderer's transport against a real WebSocket server that stops and comes back on the same
 * port, as the browser host does when it is restarted (Node's own WebSocket stands in for the
 * browser's).
 */
let server: WebSocketServer | null = null;

afterEach(async () => {
  await stopServer();
});

async function startServer(port = 0): Promise<number> {
  server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => server!.once('listening', resolve));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as { id: number; name: string };
      // A re-segmentation that never finishes: what a stuck or dying host does.
      if (request.name !== 'segmentation.run') socket.send(JSON.stringify({ id: request.id, result: { ok: true, value: request.name } }));
    });
  });
  return (server.address() as AddressInfo).port;
}

async function stopServer(): Promise<void> {
  if (!server) return;
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server!.close(resolve));
  server = null;
}

function waitFor(states: CoreConnectionState[], wanted: CoreConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (states.at(-1) === wanted) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
}

describe('createWebSocketBridge', () => {
  it('says the host is gone, keeps requests made meanwhile, and rejoins when it is back on the same port', async () => {
    const port = await startServer();
    const states: CoreConnectionState[] = [];
    const bridge = createWebSocketBridge({ url: `ws://127.0.0.1:${port}/api`, probeSession: async () => 'unreachable' });
    bridge.onConnectionChange?.((state) => states.push(state));
    expect(await bridge.requests['system.ping']({})).toEqual({ ok: true, value: 'system.ping' });

    const inFlight = bridge.requests['segmentation.run']({});
    await stopServer();
    // In flight when the host went away: ended, never resent (it may have run).
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    await waitFor(states, 'reconnecting');

    const madeWhileAway = bridge.requests['workspace.info']({});
    await new Promise((resolve) => setTimeout(resolve, 600));
    await startServer(port);
    expect(await madeWhileAway).toEqual({ ok: true, value: 'workspace.info' });
    await waitFor(states, 'connected');
    expect(states).toEqual(['reconnecting', 'connected']);
  });

  it('says the session was refused when the host is back but no longer knows the page', async () => {
    const port = await startServer();
    const states: CoreConnectionState[] = [];
    let probe: 'unreachable' | 'unknown' = 'unreachable';
    const bridge = createWebSocketBridge({ url: `ws://127.0.0.1:${port}/api`, probeSession: async () => probe });
    bridge.onConnectionChange?.((state) => states.push(state));
    await bridge.requests['system.ping']({});
    await stopServer();
    await waitFor(states, 'reconnecting');
    probe = 'unknown';
    await waitFor(states, 'refused');
    probe = 'unreachable';
    await startServer(port);
    await waitFor(states, 'connected');
    expect(states).toEqual(['reconnecting', 'refused', 'connected']);
  });
});
