import { describeTransportError } from './describeTransportError';
import { SyncFault } from './syncFault';

/** One page of `GET /v1/changes` (docs/sync-protocol.md). */
export interface ChangesPage {
  changes: unknown[];
  cursor: string;
  hasMore: boolean;
}

/** The body of `POST /v1/actions`. */
export interface PlatformAction {
  type: string;
  supporterId: string;
  params: Record<string, unknown>;
}

/** What the platform did with one pushed memory record (docs/sync-protocol.md §9). */
export type MemoryPushOutcome = { outcome: 'applied' | 'unchanged' | 'superseded' } | { outcome: 'rejected'; reason: string };

/** The platform as the sync engine sees it; tests may substitute their own. */
export interface PlatformApi {
  fetchChanges(cursor: string | null, limit: number, signal: AbortSignal): Promise<ChangesPage>;
  postAction(action: PlatformAction, idempotencyKey: string, signal: AbortSignal): Promise<unknown>;
  /** `POST /v1/memory`: memory change records; the answer lists each one's outcome, in order. */
  postMemory(changes: readonly unknown[], signal: AbortSignal): Promise<MemoryPushOutcome[]>;
}

export interface HttpPlatformClientOptions {
  serverUrl: string;
  token: string;
  requestTimeoutMs: number;
  fetch?: typeof fetch;
}

const MAX_CURSOR_LENGTH = 8192;

/**
 * Sync protocol v1 over HTTP. Every request has a timeout (the body included) and follows the
 * caller's cancellation; every failure becomes a `SyncFault` whose message names the status or the
 * transport error, never the token or the body.
 */
export class HttpPlatformClient implements PlatformApi {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpPlatformClientOptions) {
    this.baseUrl = normalizeServerUrl(options.serverUrl);
    this.authorization = `Bearer ${options.token}`;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  async fetchChanges(cursor: string | null, limit: number, signal: AbortSignal): Promise<ChangesPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    const value = await this.request('GET', `/v1/changes?${query}`, undefined, {}, signal);
    if (typeof value !== 'object' || value === null) throw invalidPage();
    const { changes, cursor: next, hasMore } = value as Record<string, unknown>;
    if (!Array.isArray(changes) || typeof next !== 'string' || next.length === 0 || next.length > MAX_CURSOR_LENGTH || typeof hasMore !== 'boolean') {
      throw invalidPage();
    }
    return { changes, cursor: next, hasMore };
  }

  postAction(action: PlatformAction, idempotencyKey: string, signal: AbortSignal): Promise<unknown> {
    return this.request('POST', '/v1/actions', JSON.stringify(action), { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, signal);
  }

  async postMemory(changes: readonly unknown[], signal: AbortSignal): Promise<MemoryPushOutcome[]> {
    const value = await this.request('POST', '/v1/memory', JSON.stringify({ changes }), { 'content-type': 'application/json' }, signal);
    const results = typeof value === 'object' && value !== null ? (value as { results?: unknown }).results : undefined;
    if (!Array.isArray(results) || results.length !== changes.length) throw invalidMemoryAnswer();
    return results.map(readMemoryOutcome);
  }

  private request(method: string, path: string, body: string | undefined, headers: Record<string, string>, signal: AbortSignal): Promise<unknown> {
    return requestPlatformJson(
      this.fetchImpl,
      `${this.baseUrl}${path}`,
      { method, headers: { authorization: this.authorization, ...headers }, body },
      signal,
      this.options.requestTimeoutMs,
    );
  }
}

/**
 * One request of the protocol: JSON in and out, a timeout that covers the body as well as the
 * headers (its timer is cleared as soon as the request settles, so many short requests hold no
 * timers), the caller's cancellation, no redirects; every failure is a `SyncFault` that names the
 * status or transport error, never the token or the body.
 */
export async function requestPlatformJson(
  fetchImpl: typeof fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined },
  signal: AbortSignal,
  timeoutMs: number,
): Promise<unknown> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  // Like the request it guards, the timer alone never keeps a process alive.
  timer.unref();
  const combined = AbortSignal.any([signal, timeout.signal]);
  const transportFault = (error: unknown) => {
    if (signal.aborted) return new SyncFault('cancelled', 'Sync was cancelled.');
    if (timeout.signal.aborted) return new SyncFault('timeout', `The platform did not answer within ${formatSeconds(timeoutMs)}; will retry.`);
    return new SyncFault('network', `Could not reach the platform (${describeTransportError(error)}); will retry.`);
  };
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: init.method,
        headers: { accept: 'application/json', ...init.headers },
        body: init.body,
        signal: combined,
        // A redirect could carry the token elsewhere: the protocol has none, so it is an error.
        redirect: 'manual',
      });
    } catch (error) {
      throw transportFault(error);
    }
    if (response.status < 200 || response.status >= 300) {
      const errorCode = await readErrorCode(response);
      throw statusFault(response.status, errorCode, response.headers.get('retry-after'));
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transportFault(error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SyncFault('bad_response', 'The platform sent an incomplete or invalid response (cut short or not JSON); will retry.');
    }
  } finally {
    clearTimeout(timer);
  }
}

export function normalizeServerUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function invalidMemoryAnswer(): SyncFault {
  return new SyncFault('bad_response', 'The platform answered a memory push in a way sync protocol v1 does not; will retry.');
}

/** One entry of a memory push's answer; a refusal's reason is kept short and in plain characters (it is the platform's text). */
function readMemoryOutcome(value: unknown): MemoryPushOutcome {
  const { outcome, reason } = (typeof value === 'object' && value !== null ? value : {}) as { outcome?: unknown; reason?: unknown };
  if (outcome === 'applied' || outcome === 'unchanged' || outcome === 'superseded') return { outcome };
  if (outcome === 'rejected') {
    const text = typeof reason === 'string' ? reason.replace(/[^\x20-\x7e]/g, ' ').slice(0, 300) : '';
    return { outcome, reason: text === '' ? 'the platform refused it' : text };
  }
  throw invalidMemoryAnswer();
}

function invalidPage(): SyncFault {
  return new SyncFault('bad_response', 'The platform sent a page that does not follow sync protocol v1; will retry.');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Only the short machine code of an error body is kept: bodies are the platform's text, not ours to log. */
async function readErrorCode(response: Response): Promise<string | null> {
  try {
    const value = JSON.parse(await response.text()) as { error?: unknown };
    return typeof value.error === 'string' && /^[a-z_]{1,40}$/.test(value.error) ? value.error : null;
  } catch {
    return null;
  }
}

export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function statusFault(status: number, errorCode: string | null, retryAfter: string | null): SyncFault {
  const code = errorCode ? `, ${errorCode}` : '';
  if (status === 401 || status === 403) {
    return new SyncFault('unauthorized', `The platform refused the saved token (HTTP ${status}). Reconnect to continue syncing.`, { status });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(retryAfter);
    const wait = retryAfterMs === undefined ? '' : ` for ${Math.ceil(retryAfterMs / 1000)} s`;
    return new SyncFault('rate_limited', `The platform asked us to slow down (HTTP 429); waiting${wait} before trying again.`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 408) return new SyncFault('timeout', 'The platform timed out the request (HTTP 408); will retry.', { status });
  if (status === 410) return new SyncFault('cursor_expired', 'The platform no longer knows our sync position (HTTP 410); syncing again from the beginning.', { status });
  if (status >= 500) {
    const retryAfterMs = parseRetryAfterMs(retryAfter);
    return new SyncFault('server_error', `The platform had an error (HTTP ${status}${code}); will retry.`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 300 && status < 400) {
    return new SyncFault('rejected', `The platform answered with a redirect (HTTP ${status}); check the server URL.`, { status });
  }
  return new SyncFault('rejected', `The platform rejected the request (HTTP ${status}${code}).`, { status });
}
