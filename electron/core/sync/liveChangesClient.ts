import { normalizeServerUrl, requestPlatformJson } from './platformClient';
import { SyncFault } from './syncFault';

/** The capability `GET /v1/health` lists when the platform offers `GET /v1/changes/wait`. */
export const CHANGES_WAIT_CAPABILITY = 'changes_wait';

/** Live delivery as the listener sees it (docs/sync-protocol.md §2, "Live delivery"); tests substitute their own. */
export interface LiveChangesApi {
  /** Whether the platform announces the long-poll in `GET /v1/health`. */
  supportsChangesWait(signal: AbortSignal): Promise<boolean>;
  /**
   * Holds until the platform has records after `cursor` (true) or `timeoutSeconds` pass without any
   * (false). A platform without the endpoint answers 404: a `rejected` fault with that status.
   */
  waitForChanges(cursor: string | null, timeoutSeconds: number, signal: AbortSignal): Promise<boolean>;
}

export interface HttpLiveChangesClientOptions {
  serverUrl: string;
  token: string;
  /** How long past the asked wait the platform may take to answer before it counts as a timeout (default 10 s). */
  graceMs?: number;
  /** Timeout of the health request (default 10 s). */
  healthTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** Status codes that mean "this platform has no long-poll", as opposed to a fault worth retrying. */
const NOT_OFFERED_STATUSES: ReadonlySet<number> = new Set([404, 405, 501]);

export function isChangesWaitNotOffered(error: unknown): boolean {
  return error instanceof SyncFault && error.kind === 'rejected' && NOT_OFFERED_STATUSES.has(error.details.status ?? 0);
}

/** The long-poll over HTTP, with the same token, timeouts and fault messages as the pull. */
export class HttpLiveChangesClient implements LiveChangesApi {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpLiveChangesClientOptions) {
    this.baseUrl = normalizeServerUrl(options.serverUrl);
    this.authorization = `Bearer ${options.token}`;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  async supportsChangesWait(signal: AbortSignal): Promise<boolean> {
    const value = await requestPlatformJson(this.fetchImpl, `${this.baseUrl}/v1/health`, { method: 'GET', headers: {} }, signal, this.options.healthTimeoutMs ?? 10_000);
    const capabilities = (value as { capabilities?: unknown } | null)?.capabilities;
    return Array.isArray(capabilities) && capabilities.includes(CHANGES_WAIT_CAPABILITY);
  }

  async waitForChanges(cursor: string | null, timeoutSeconds: number, signal: AbortSignal): Promise<boolean> {
    const query = new URLSearchParams({ timeout: String(timeoutSeconds) });
    if (cursor !== null) query.set('cursor', cursor);
    const value = await requestPlatformJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/changes/wait?${query}`,
      { method: 'GET', headers: { authorization: this.authorization } },
      signal,
      timeoutSeconds * 1000 + (this.options.graceMs ?? 10_000),
    );
    const hasMore = (value as { hasMore?: unknown } | null)?.hasMore;
    if (typeof hasMore !== 'boolean') throw new SyncFault('bad_response', 'The platform answered the live-delivery wait in a shape sync protocol v1 does not know; will retry.');
    return hasMore;
  }
}
