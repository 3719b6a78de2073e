import type { SyncStatus } from '../../../shared/contract/apiTypes';
import type { CrmCore } from '../crmCore';
import { FileCredentialVault, type CredentialVault, type PlatformCredentials } from './credentialVault';
import { LiveChangeListener, type LiveDeliveryOptions } from './liveChangeListener';
import type { OutboxStore } from '../store/outboxStore';
import { HttpPlatformClient, normalizeServerUrl, type PlatformApi } from './platformClient';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './retryWithBackoff';
import { emptySummary, runSync, SyncRunError, type SyncRunSummary } from './runSync';
import { SyncFault, type SyncFaultKind } from './syncFault';
import { DEMO_NEVER_SYNCS, isDemoWorkspace } from '../demo/isDemoWorkspace';
import { restoreAllQueuedMemory } from '../memory/sync/restoreQueuedMemory';
import { SyncConfigError } from './syncConfigError';
import { testPlatformConnection } from './testPlatformConnection';
import { validateServerUrl } from './validateServerUrl';

export { SyncConfigError } from './syncConfigError';

/** Records per page the client asks the platform for (docs/performance.md: per-page costs matter below a few thousand). */
export const SYNC_PAGE_SIZE = 5_000;

/** Timers for the periodic sync; injected so tests control time. */
export interface SyncScheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: SyncScheduler = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    // A pending periodic sync never keeps a CLI or test process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SyncServiceOptions {
  /** Where the connection is kept; default a 0600 JSON file in the data dir. Replace with `setCredentialVault`. */
  vault?: CredentialVault;
  /** Builds the platform client; default HTTP with `fetch`. Tests may substitute one. */
  createClient?(credentials: PlatformCredentials, requestTimeoutMs: number): PlatformApi;
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
  scheduler?: SyncScheduler;
  /** Between periodic runs while connected (default 15 s: one small request when nothing changed). */
  intervalMs?: number;
  /** First run after `start()` (default 1 s), so the app opens on fresh data without delaying its window. */
  startDelayMs?: number;
  pageSize?: number;
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  wallClock?: () => number;
  /** At most one `data_changed`/`sync_status` event per this many ms while pages apply (default 1000). */
  eventThrottleMs?: number;
  /** Diagnostics (retries, faults). Lines never contain the token or record values. */
  log?: (line: string) => void;
  /** Called after every applied page with the run's totals so far (the CLI prints progress with it). */
  onPageApplied?: (summary: SyncRunSummary) => void;
  /**
   * A run stopped for a reason other than the platform (a full disk, a damaged cache, a bug): the
   * host can classify it like a failed request (e.g. rebuild a damaged cache).
   */
  onUnexpectedError?: (error: unknown) => void;
  /**
   * Live delivery while connected: a long-poll that starts a run as soon as the platform has new
   * changes (docs/sync-protocol.md §2, "Live delivery"), the periodic pull staying as the
   * fallback. Off unless given (the app and the browser host turn it on; the CLI's single run has
   * no use for it).
   */
  live?: LiveDeliveryOptions | false;
}

export type SyncRunReport =
  | { ok: true; summary: SyncRunSummary }
  | { ok: false; summary: SyncRunSummary; fault: SyncFaultKind; error: string };

function cancelledReport(error: string): SyncRunReport {
  return { ok: false, summary: emptySummary(), fault: 'cancelled', error };
}

/**
 * Keeps the workspace in step with the platform: connection settings, one run at a time
 * (`syncNow`), a periodic run while connected, status for the renderer, and a clean shutdown.
 * The composition root (`createCoreServices`) builds it with the host's options; see docs/sync-protocol.md.
 */
export class SyncService {
  private readonly state;
  private vault: CredentialVault;
  private credentials: PlatformCredentials | null | undefined;
  private running: Promise<SyncRunReport> | null = null;
  /** The run asked for while another was in flight; it starts when that one ends. */
  private followUp: Promise<SyncRunReport> | null = null;
  /** Bumped by every stop, so a follow-up asked for before the stop does not start after it. */
  private stopCount = 0;
  private runAbort: AbortController | null = null;
  private timer: unknown = null;
  private started = false;
  private closed = false;
  private lastEventAt = 0;
  private retryAfterMs = 0;
  /**
   * Why a run in flight is retrying (the platform unreachable or failing), until it applies a page
   * or ends: the status says offline at the first failed attempt, not only once every retry
   * (half a minute and more) has failed too.
   */
  private retryingAfter: string | null = null;
  private eventOwed = false;
  private liveListener: LiveChangeListener | null = null;
  private readonly options: Required<Omit<SyncServiceOptions, 'vault' | 'createClient' | 'fetch' | 'retry' | 'log' | 'onPageApplied' | 'onUnexpectedError'>> & {
    retry: RetryPolicy;
    log: (line: string) => void;
  };

  constructor(
    private readonly core: CrmCore,
    private readonly serviceOptions: SyncServiceOptions = {},
  ) {
    this.state = core.stores.syncState;
    this.vault = serviceOptions.vault ?? FileCredentialVault.inDataDir(core.dataDir);
    this.options = {
      sleep: serviceOptions.sleep ?? realSleep,
      random: serviceOptions.random ?? Math.random,
      scheduler: serviceOptions.scheduler ?? realScheduler,
      intervalMs: serviceOptions.intervalMs ?? 15_000,
      startDelayMs: serviceOptions.startDelayMs ?? 1000,
      pageSize: serviceOptions.pageSize ?? SYNC_PAGE_SIZE,
      requestTimeoutMs: serviceOptions.requestTimeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY_POLICY, ...serviceOptions.retry },
      wallClock: serviceOptions.wallClock ?? Date.now,
      eventThrottleMs: serviceOptions.eventThrottleMs ?? 1000,
      log: serviceOptions.log ?? (() => undefined),
      live: serviceOptions.live ?? false,
    };
  }

  /** The workspace's outbox, opened (and created) on first use. */
  get outbox(): OutboxStore {
    return this.core.outbox.open();
  }

  /** Whether a platform connection is saved for this workspace (set by `connect`, cleared by `disconnect`), without reading the token. */
  hasSavedConnection(): boolean {
    return this.state.connectedServerUrl() !== null;
  }

  /** Plugs in another vault (the Electron app's safeStorage one); the connection is read from it next time. */
  setCredentialVault(vault: CredentialVault): void {
    this.vault = vault;
    this.credentials = undefined;
  }

  /** Starts periodic sync if a connection is saved (and the token was not refused). Safe to call once at boot. */
  async start(): Promise<void> {
    if (this.closed) return;
    this.started = true;
    // Memory queued for the platform is in the cache (a write cut short between the outbox's commit and the cache's is completed).
    if (this.core.outbox.exists()) {
      try {
        restoreAllQueuedMemory(this.core, this.outbox, this.options.wallClock());
      } catch (error) {
        this.options.log(`sync: could not restore queued memory into the cache (${(error as Error).message})`);
      }
    }
    await this.loadCredentials();
    this.scheduleNext(this.options.startDelayMs);
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  async status(): Promise<SyncStatus> {
    await this.loadCredentials();
    return this.snapshot();
  }

  /**
   * Tests a connection (reachable, a platform of our protocol, the token accepted), then saves it
   * and starts syncing in the background. A connection that fails the test is not saved and the
   * `SyncConfigError` says why; a demo workspace never connects (docs/sync-protocol.md §5).
   */
  async connect(serverUrl: string, token: string): Promise<SyncStatus> {
    const normalized = validateServerUrl(serverUrl);
    if (isDemoWorkspace(this.core)) throw new SyncConfigError(DEMO_NEVER_SYNCS);
    const credentials = { serverUrl: normalized, token };
    // A connection dialog should not wait as long as a sync request may.
    const timeoutMs = Math.min(this.options.requestTimeoutMs, 10_000);
    await testPlatformConnection(credentials, { client: this.createClient(credentials, timeoutMs), timeoutMs, ...(this.serviceOptions.fetch ? { fetch: this.serviceOptions.fetch } : {}) });
    await this.stopRun();
    await this.vault.save(credentials);
    this.credentials = credentials;
    this.state.clearProblems();
    this.state.setConnectedServerUrl(normalized);
    this.started = true;
    void this.syncNow();
    return this.snapshot();
  }

  /** Forgets the connection (token included). The cached data stays, so the console keeps working offline. */
  async disconnect(): Promise<SyncStatus> {
    this.clearTimer();
    await this.stopRun();
    // The aborted run may have scheduled its successor on the way out.
    this.clearTimer();
    await this.vault.clear();
    this.credentials = null;
    this.followLive();
    this.state.clearProblems();
    this.state.setConnectedServerUrl(null);
    this.emitStatus();
    return this.snapshot();
  }

  /**
   * Runs one sync now. While a run is in flight, a second run follows it: the one in flight may
   * have fetched its pages before the change the caller knows about ("Sync now" right after the
   * platform changed), and joining it would silently miss that change. Requests made during one
   * run share the one follow-up. Never throws: the report says what happened.
   */
  syncNow(): Promise<SyncRunReport> {
    if (!this.running) return this.startRun();
    if (!this.followUp) {
      const stopCountAtRequest = this.stopCount;
      this.followUp = this.running.then(() => {
        this.followUp = null;
        if (this.stopCount !== stopCountAtRequest || this.closed) return cancelledReport('Sync was stopped before the requested run began.');
        return this.running ?? this.startRun();
      });
    }
    return this.followUp;
  }

  /** The run in flight, if any (the periodic run included): for callers that want to wait for it rather than ask for another. */
  runInFlight(): Promise<SyncRunReport> | null {
    return this.running;
  }

  private startRun(): Promise<SyncRunReport> {
    // This run's end schedules the next periodic run; a timer left from before has nothing to add.
    this.clearTimer();
    const run = this.execute();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
      if (this.closed) return;
      try {
        this.emitStatus();
        // After a run, not at start: the first run comes after `startDelayMs`, and so does live delivery.
        this.followLive();
        // A Retry-After longer than our usual pause is honoured across runs.
        this.scheduleNext(Math.max(this.options.intervalMs, this.retryAfterMs));
      } catch (error) {
        this.options.log(`sync: could not schedule the next run (${(error as Error).message})`);
      }
    });
    return run;
  }

  /** Stops the timer and any run in flight (its current page either commits or not), then closes nothing else. */
  async shutdown(): Promise<void> {
    this.started = false;
    this.clearTimer();
    this.followLive();
    await this.stopRun();
    this.closed = true;
  }

  /** For `core.close()`: synchronous; aborts the run, which notices before it touches the database again. */
  closeNow(): void {
    this.closed = true;
    this.started = false;
    this.clearTimer();
    this.followLive();
    this.runAbort?.abort();
  }

  private async execute(): Promise<SyncRunReport> {
    const stopCountAtStart = this.stopCount;
    const credentials = await this.loadCredentials();
    if (this.closed) return cancelledReport('Sync is shut down.');
    // A stop that came while the credentials were read found no run to abort yet.
    if (this.stopCount !== stopCountAtStart) return cancelledReport('Sync was cancelled.');
    if (!credentials) {
      return { ok: false, summary: emptySummary(), fault: 'unauthorized', error: 'Not connected to the platform: connect first.' };
    }
    // Nothing of a demo workspace — records or queued actions — ever reaches a platform.
    if (isDemoWorkspace(this.core)) return { ok: false, summary: emptySummary(), fault: 'rejected', error: DEMO_NEVER_SYNCS };
    const abort = new AbortController();
    this.runAbort = abort;
    this.emitStatus();
    try {
      const summary = await runSync({
        core: this.core,
        outbox: this.outbox,
        state: this.state,
        client: this.createClient(credentials),
        serverUrl: credentials.serverUrl,
        pageSize: this.options.pageSize,
        retry: this.options.retry,
        sleep: this.options.sleep,
        random: this.options.random,
        signal: abort.signal,
        wallClock: this.options.wallClock,
        onPageApplied: (summary) => {
          this.retryingAfter = null;
          this.pageApplied();
          this.serviceOptions.onPageApplied?.(summary);
        },
        onRetry: (fault, delayMs) => {
          this.options.log(`sync: ${fault.message} (retrying in ${delayMs} ms)`);
          // A slow-down request or one garbled answer is not the platform being out of reach.
          if (fault.kind !== 'network' && fault.kind !== 'timeout' && fault.kind !== 'server_error') return;
          this.retryingAfter = fault.message;
          this.emitStatus();
        },
      });
      this.retryAfterMs = 0;
      this.bookkeeping(() => this.state.recordSuccess(this.options.wallClock()));
      return { ok: true, summary };
    } catch (error) {
      const runError = error instanceof SyncRunError ? error : new SyncRunError(new SyncFault('bad_response', String(error)), emptySummary(), error);
      const { fault } = runError;
      this.retryAfterMs = fault.details.retryAfterMs ?? 0;
      if (!this.closed && fault.kind !== 'cancelled') {
        this.options.log(`sync: ${fault.message}`);
        this.bookkeeping(() => this.state.recordFailure(fault.message, fault.kind === 'unauthorized'));
      }
      if (runError.unexpected !== undefined && !this.closed) this.serviceOptions.onUnexpectedError?.(runError.unexpected);
      return { ok: false, summary: runError.summary, fault: fault.kind, error: fault.message };
    } finally {
      this.retryingAfter = null;
      if (this.runAbort === abort) this.runAbort = null;
      if (!this.closed && this.eventOwed) this.emitDataChanged();
    }
  }

  /** Status bookkeeping never turns a finished run into a thrown error (the cache may be closing or damaged). */
  private bookkeeping(write: () => void): void {
    if (this.closed) return;
    try {
      write();
    } catch (error) {
      this.options.log(`sync: could not record the run's outcome (${(error as Error).message})`);
    }
  }

  private pageApplied(): void {
    this.eventOwed = true;
    const now = this.options.wallClock();
    if (now - this.lastEventAt >= this.options.eventThrottleMs) this.emitDataChanged();
  }

  private emitDataChanged(): void {
    this.eventOwed = false;
    this.lastEventAt = this.options.wallClock();
    this.core.emit({ kind: 'data_changed', reason: 'sync' });
    this.emitStatus();
  }

  private emitStatus(): void {
    if (this.closed || this.credentials === undefined) return;
    let payload: SyncStatus;
    try {
      payload = this.snapshot();
    } catch {
      // A cache that cannot be read right now (closing, damaged) has no status to send; requests will say why.
      return;
    }
    this.core.emit({ kind: 'sync_status', payload });
  }

  /** Status from what is already known (credentials loaded). */
  private snapshot(): SyncStatus {
    const credentials = this.credentials ?? null;
    let state: SyncStatus['state'];
    if (credentials === null) state = 'not_configured';
    else if (this.running !== null) state = this.retryingAfter === null ? 'syncing' : 'offline';
    else if (this.state.needsReconnect()) state = 'needs_reconnect';
    else state = this.state.lastOutcome() === 'ok' ? 'online' : 'offline';
    return {
      state,
      serverUrl: credentials?.serverUrl ?? null,
      lastSyncedAt: this.state.lastSyncedAt(),
      lastError: this.retryingAfter ?? this.state.lastError(),
      pendingActions: this.core.outbox.pendingCount(),
      pendingMemoryChanges: this.core.outbox.pendingMemoryCount(),
      quarantine: this.core.stores.quarantine.summary(),
    };
  }

  private async loadCredentials(): Promise<PlatformCredentials | null> {
    if (this.credentials === undefined) {
      let loaded: PlatformCredentials | null = null;
      try {
        loaded = await this.vault.load();
      } catch (error) {
        // An unreadable vault (say, the OS keychain is locked) reads as "not connected" rather than breaking status.
        this.options.log(`sync: could not read the saved connection (${(error as Error).name}); connect again`);
      }
      this.credentials = loaded ? { serverUrl: normalizeServerUrl(loaded.serverUrl), token: loaded.token } : null;
    }
    return this.credentials;
  }

  private createClient(credentials: PlatformCredentials, requestTimeoutMs = this.options.requestTimeoutMs): PlatformApi {
    if (this.serviceOptions.createClient) return this.serviceOptions.createClient(credentials, requestTimeoutMs);
    return new HttpPlatformClient({
      serverUrl: credentials.serverUrl,
      token: credentials.token,
      requestTimeoutMs,
      ...(this.serviceOptions.fetch ? { fetch: this.serviceOptions.fetch } : {}),
    });
  }

  private async stopRun(): Promise<void> {
    this.stopCount += 1;
    this.runAbort?.abort();
    if (this.running) await this.running;
  }

  private scheduleNext(delayMs: number): void {
    this.clearTimer();
    if (!this.started || this.closed || !this.credentials || this.state.needsReconnect()) return;
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = null;
      // A periodic run joins one already in flight instead of queueing another after it.
      if (!this.running) void this.startRun();
    }, delayMs);
  }

  /** Live delivery runs exactly while periodic sync would: started, connected, the token not refused. */
  private followLive(): void {
    const live = this.options.live;
    const wanted = live !== false && this.started && !this.closed && this.credentials && !this.state.needsReconnect() ? this.credentials : null;
    if (this.liveListener !== null && this.liveListener.credentials === wanted) return;
    this.liveListener?.stop();
    this.liveListener = null;
    if (wanted === null || live === false) return;
    const host = { cursor: () => this.state.cursorFor(wanted.serverUrl), syncNow: () => this.syncNow(), log: this.options.log };
    this.liveListener = new LiveChangeListener(wanted, { ...host, ...(this.serviceOptions.fetch ? { fetch: this.serviceOptions.fetch } : {}) }, live);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }
}
