import type { ApiError, ApiResult } from '../contract/apiResult';
import { exceedsNestingDepth, MAX_REQUEST_NESTING } from './exceedsNestingDepth';
import { requestTimeoutMs } from './requestTimeoutMs';

export interface RpcRequest {
  id: number;
  name: string;
  input: unknown;
}

/** One live connection to the other side, as a transport opens it (a WebSocket, a worker thread). */
export interface RpcChannel {
  /** Hands one request over; throws when the value cannot cross (the request then fails alone). */
  send(request: RpcRequest): void;
  close(): void;
}

/** What a transport reports about the channel it opened. */
export interface RpcChannelEvents {
  opened(): void;
  answered(id: number, result: ApiResult<unknown>): void;
  closed(): void;
}

export interface RpcTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * `connecting`: the first channel is opening; `open`: requests go straight out; `reconnecting`:
 * the channel was lost and another is being opened (requests wait in a queue); `stopped`: for good.
 */
export type RpcClientState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface RpcClientOptions {
  openChannel(events: RpcChannelEvents): RpcChannel;
  timers: RpcTimers;
  /** Default `requestTimeoutMs`: the contract's limits. */
  timeoutMs?: (name: string) => number;
  /**
   * Waits before each attempt to open a lost channel again, the last one repeating. Without it a
   * lost channel stops the client (a worker thread that exited does not come back).
   */
  reconnectDelaysMs?: readonly number[];
  /** What every waiting and later request is told once the client has stopped. */
  stoppedError: ApiError;
}

interface Waiting {
  request: RpcRequest;
  settle(result: ApiResult<unknown>): void;
  timer: unknown;
}

const LOST: ApiError = { code: 'disconnected', message: 'The connection to the console was lost before it answered.' };

/**
 * The caller's side of the API contract over any message channel, for the renderer's WebSocket and
 * the hosts' core worker alike: request ids, answers matched to them, a time limit on every
 * request, and, when the channel drops, reconnection with the requests made meanwhile queued and
 * sent once it is back. It never throws and never leaves a request waiting forever: every request
 * ends in its answer, `timeout`, `disconnected` (sent, then the channel dropped: it may or may not
 * have run, so it is never sent twice), or the stopped error.
 */
export class RpcClient {
  private nextId = 1;
  private current: RpcClientState = 'connecting';
  private channel: RpcChannel | null = null;
  /** Bumped per channel, so a late event from a channel already given up is ignored. */
  private generation = 0;
  private readonly queued: Waiting[] = [];
  private readonly inFlight = new Map<number, Waiting>();
  private reconnectAttempt = 0;
  private reconnectTimer: unknown = null;
  private readonly stateListeners = new Set<(state: RpcClientState) => void>();

  constructor(private readonly options: RpcClientOptions) {
    this.open();
  }

  get state(): RpcClientState {
    return this.current;
  }

  onStateChange(listener: (state: RpcClientState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  request(name: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.current === 'stopped') return Promise.resolve({ ok: false, error: this.options.stoppedError });
    if (exceedsNestingDepth(input)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `A request may nest objects and lists at most ${MAX_REQUEST_NESTING} levels deep.` } });
    }
    return new Promise((resolve) => {
      const waiting: Waiting = { request: { id: this.nextId++, name, input }, settle: resolve, timer: null };
      const limitMs = (this.options.timeoutMs ?? requestTimeoutMs)(name);
      waiting.timer = this.options.timers.setTimeout(
        () => this.finish(waiting, { ok: false, error: { code: 'timeout', message: `The console did not answer within ${Math.round(limitMs / 1000)} s.` } }),
        limitMs,
      );
      if (this.current === 'open') this.transmit(waiting);
      else this.queued.push(waiting);
    });
  }

  /** Closes the channel for good; every waiting request gets `error`. */
  stop(error: ApiError = this.options.stoppedError): void {
    if (this.current === 'stopped') return;
    this.generation += 1;
    if (this.reconnectTimer !== null) this.options.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const channel = this.channel;
    this.channel = null;
    this.setState('stopped');
    for (const waiting of [...this.queued, ...this.inFlight.values()]) this.finish(waiting, { ok: false, error });
    channel?.close();
  }

  private open(): void {
    const generation = ++this.generation;
    const mine = () => generation === this.generation;
    this.channel = this.options.openChannel({
      opened: () => {
        if (mine()) this.opened();
      },
      answered: (id, result) => {
        const waiting = mine() ? this.inFlight.get(id) : undefined;
        if (waiting) this.finish(waiting, result);
      },
      closed: () => {
        if (mine()) this.lost();
      },
    });
  }

  private opened(): void {
    this.reconnectAttempt = 0;
    this.setState('open');
    for (const waiting of this.queued.splice(0)) this.transmit(waiting);
  }

  private lost(): void {
    this.channel = null;
    // Sent but unanswered: the other side may have done it, so it is reported, never resent.
    for (const waiting of [...this.inFlight.values()]) this.finish(waiting, { ok: false, error: LOST });
    const delays = this.options.reconnectDelaysMs;
    if (!delays || delays.length === 0) {
      this.stop();
      return;
    }
    this.generation += 1;
    this.setState('reconnecting');
    const delay = delays[Math.min(this.reconnectAttempt, delays.length - 1)]!;
    this.reconnectAttempt += 1;
    this.reconnectTimer = this.options.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private transmit(waiting: Waiting): void {
    this.inFlight.set(waiting.request.id, waiting);
    try {
      this.channel?.send(waiting.request);
    } catch (error) {
      this.finish(waiting, { ok: false, error: { code: 'invalid_input', message: `The request could not be sent: ${error instanceof Error ? error.message : String(error)}` } });
    }
  }

  private finish(waiting: Waiting, result: ApiResult<unknown>): void {
    const index = this.queued.indexOf(waiting);
    if (index >= 0) this.queued.splice(index, 1);
    else if (!this.inFlight.delete(waiting.request.id)) return;
    this.options.timers.clearTimeout(waiting.timer);
    waiting.settle(result);
  }

  private setState(state: RpcClientState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
