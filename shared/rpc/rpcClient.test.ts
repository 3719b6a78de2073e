import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../contract/apiResult';
import { RpcClient, type RpcChannelEvents, type RpcClientOptions, type RpcClientState, type RpcRequest } from './rpcClient';

/** A channel the test drives by hand: it opens, answers and drops only when told to. */
class FakeChannels {
  readonly opened: { events: RpcChannelEvents; sent: RpcRequest[]; closed: boolean; refuse?: boolean }[] = [];

  get latest() {
    const channel = this.opened.at(-1);
    if (!channel) throw new Error('no channel opened');
    return channel;
  }

  readonly open: RpcClientOptions['openChannel'] = (events) => {
    const channel: FakeChannels['opened'][number] = { events, sent: [], closed: false };
    this.opened.push(channel);
    return {
      send: (request) => {
        if (channel.closed) throw new Error('sent on a closed channel');
        if (channel.refuse) throw new Error('could not clone');
        channel.sent.push(request);
      },
      close: () => (channel.closed = true),
    };
  };
}

const timers = { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>) };
const STOPPED = { code: 'unavailable', message: 'The core stopped.' } as const;
const pong: ApiResult<unknown> = { ok: true, value: { pong: true } };

function client(channels: FakeChannels, options: Partial<RpcClientOptions> = {}): RpcClient {
  return new RpcClient({ openChannel: channels.open, timers, timeoutMs: () => 1000, stoppedError: STOPPED, ...options });
}

/** Whether a promise has settled yet, without waiting for it. */
function track(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  void promise.then(() => (state.settled = true));
  return state;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RpcClient', () => {
  it('matches answers to their requests by id, in any order', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels);
    channels.latest.events.opened();
    const first = rpc.request('system.ping', {});
    const second = rpc.request('workspace.info', {});
    const [a, b] = channels.latest.sent;
    expect([a?.name, b?.name]).toEqual(['system.ping', 'workspace.info']);
    channels.latest.events.answered(b!.id, { ok: true, value: 'info' });
    channels.latest.events.answered(a!.id, pong);
    expect(await first).toEqual(pong);
    expect(await second).toEqual({ ok: true, value: 'info' });
  });

  it('ends a request that gets no answer with a timeout, and ignores the late answer', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels, { timeoutMs: (name) => (name === 'segmentation.run' ? 5000 : 1000) });
    channels.latest.events.opened();
    const quick = rpc.request('system.ping', {});
    const long = rpc.request('segmentation.run', {});
    const longState = track(long);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await quick).toEqual({ ok: false, error: { code: 'timeout', message: 'The console did not answer within 1 s.' } });
    expect(longState.settled).toBe(false);
    channels.latest.events.answered(channels.latest.sent[0]!.id, pong);
    await vi.advanceTimersByTimeAsync(4000);
    expect(await long).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('queues requests made before the channel opens and sends them in order once it does', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels);
    const states: RpcClientState[] = [];
    rpc.onStateChange((state) => states.push(state));
    const answers = [rpc.request('a', {}), rpc.request('b', {})];
    expect(channels.latest.sent).toEqual([]);
    channels.latest.events.opened();
    expect(channels.latest.sent.map((request) => request.name)).toEqual(['a', 'b']);
    for (const request of channels.latest.sent) channels.latest.events.answered(request.id, pong);
    expect(await Promise.all(answers)).toEqual([pong, pong]);
    expect(states).toEqual(['open']);
  });

  it('after a drop, fails what was in flight as disconnected, never sends to the dead channel, and sends the queue once reconnected', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels, { reconnectDelaysMs: [100, 400], timeoutMs: () => 60_000 });
    const states: RpcClientState[] = [];
    rpc.onStateChange((state) => states.push(state));
    channels.latest.events.opened();
    const inFlight = rpc.request('actions.run', { supporterId: 's1', type: 'dm_reminder' });
    channels.latest.events.closed();
    expect(await inFlight).toEqual({ ok: false, error: { code: 'disconnected', message: 'The connection to the console was lost before it answered.' } });

    // The old bridge sent this on the closed socket for up to a second and it waited forever.
    const madeWhileDown = rpc.request('inbox.counts', {});
    expect(channels.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(channels.opened).toHaveLength(2);
    channels.latest.events.closed(); // the host is still down
    await vi.advanceTimersByTimeAsync(399);
    expect(channels.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(channels.opened).toHaveLength(3);
    channels.latest.events.opened();
    expect(channels.opened[0]!.sent.map((request) => request.name)).toEqual(['actions.run']);
    expect(channels.latest.sent.map((request) => request.name)).toEqual(['inbox.counts']);
    channels.latest.events.answered(channels.latest.sent[0]!.id, pong);
    expect(await madeWhileDown).toEqual(pong);
    expect(states).toEqual(['open', 'reconnecting', 'open']);

    // A late event from a channel already given up changes nothing.
    channels.opened[0]!.events.closed();
    expect(rpc.state).toBe('open');
  });

  it('without reconnection, a drop stops the client: everything waiting and everything later gets the stopped error', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels);
    const queued = rpc.request('system.ping', {});
    channels.latest.events.closed();
    expect(await queued).toEqual({ ok: false, error: STOPPED });
    expect(await rpc.request('system.ping', {})).toEqual({ ok: false, error: STOPPED });
    expect(rpc.state).toBe('stopped');
  });

  it('refuses input nested deeper than the limit without sending it', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels);
    channels.latest.events.opened();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(await rpc.request('system.ping', deep)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/nest/) as unknown } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await rpc.request('system.ping', cyclic)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(channels.latest.sent).toEqual([]);
  });

  it('fails only the request that cannot be sent', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels);
    channels.latest.events.opened();
    channels.latest.refuse = true;
    expect(await rpc.request('system.ping', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /could not be sent: could not clone/ } });
    channels.latest.refuse = false;
    const next = rpc.request('system.ping', {});
    channels.latest.events.answered(channels.latest.sent[0]!.id, pong);
    expect(await next).toEqual(pong);
  });

  it('stop() ends queued and in-flight requests and closes the channel', async () => {
    const channels = new FakeChannels();
    const rpc = client(channels, { reconnectDelaysMs: [100] });
    channels.latest.events.opened();
    const sent = rpc.request('a', {});
    rpc.stop({ code: 'unavailable', message: 'closing' });
    expect(await sent).toEqual({ ok: false, error: { code: 'unavailable', message: 'closing' } });
    expect(channels.latest.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(channels.opened).toHaveLength(1);
  });
});
