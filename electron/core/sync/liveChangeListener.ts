import type { PlatformCredentials } from './credentialVault';
import { HttpLiveChangesClient, isChangesWaitNotOffered, type LiveChangesApi } from './liveChangesClient';
import { backoffDelayMs, realSleep, type RetryPolicy, type Sleep } from './retryWithBackoff';
import { toSyncFault } from './syncFault';

export interface LiveDeliveryOptions {
  /** How long each wait asks the platform to hold, in seconds (default 25: below the 30 s idle limit of many proxies). */
  waitSeconds?: number;
  /** Backoff after a failed wait (equal jitter, as sync's retries); default 1 s doubling up to 60 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** While the platform offers no long-poll, ask `/v1/health` again after this long (default 10 min); the periodic pull carries on meanwhile. */
  recheckNotOfferedMs?: number;
  /**
   * Waits between attempts; default real time. Deliberately not the sync run's injected sleep: a
   * test's instant sleep would turn this backoff into a busy loop against the platform.
   */
  sleep?: Sleep;
  random?: () => number;
  /** Milliseconds for "the platform answered early"; default `performance.now`. */
  monotonicClock?: () => number;
  /** Builds the long-poll client; default HTTP with the service's `fetch`. */
  createClient?(credentials: PlatformCredentials): LiveChangesApi;
}

/** What the listener needs from the sync service. */
export interface LiveListenerHost {
  /** The stored cursor for this server: the position to wait beyond. */
  cursor(): string | null;
  /** One sync run (push, then pull), joined or followed as `SyncService.syncNow` does. */
  syncNow(): Promise<{ ok: boolean }>;
  log(line: string): void;
  fetch?: typeof fetch;
}

export type LiveDeliveryState = 'checking' | 'waiting' | 'syncing' | 'backing_off' | 'not_offered' | 'stopped';

const DEFAULT_WAIT_SECONDS = 25;

/**
 * Live delivery (docs/sync-protocol.md §2, "Live delivery"): while connected, one long-poll at a
 * time waits for the platform to have records past our cursor, then asks the sync service for a
 * run, which pushes the outbox and pulls the records the usual way. The periodic pull stays as the fallback, so a
 * platform without the endpoint (404), or one that keeps failing, changes nothing but latency.
 *
 * The wait is a request of its own: it never holds up a sync run (actions are pushed by runs) and
 * `stop()` aborts it at once, so it never delays closing the app. Failures back off; a platform
 * that answers "nothing yet" early, or says "more" without a run finding any, is backed off too,
 * so no answer can turn the loop into a busy one.
 */
export class LiveChangeListener {
  private readonly abort = new AbortController();
  private readonly api: LiveChangesApi;
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly monotonicClock: () => number;
  private readonly waitSeconds: number;
  private current: LiveDeliveryState = 'checking';
  /** Settles when the loop has ended (after `stop()`, the wait already aborted). */
  readonly finished: Promise<void>;

  constructor(
    readonly credentials: PlatformCredentials,
    private readonly host: LiveListenerHost,
    private readonly options: LiveDeliveryOptions = {},
  ) {
    this.api =
      options.createClient?.(credentials) ??
      new HttpLiveChangesClient({ serverUrl: credentials.serverUrl, token: credentials.token, ...(host.fetch ? { fetch: host.fetch } : {}) });
    this.policy = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 60_000, maxRetryAfterMs: Number.POSITIVE_INFINITY };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.monotonicClock = options.monotonicClock ?? (() => performance.now());
    this.waitSeconds = options.waitSeconds ?? DEFAULT_WAIT_SECONDS;
    this.finished = this.run().catch((error: unknown) => {
      // The cache closing under a loop that was being stopped anyway; anything else is worth a line.
      if (!this.abort.signal.aborted) host.log(`sync: live delivery stopped (${error instanceof Error ? error.message : String(error)})`);
    });
  }

  get state(): LiveDeliveryState {
    return this.abort.signal.aborted ? 'stopped' : this.current;
  }

  /** Aborts the wait in flight and ends the loop; a run it asked for carries on as any run does. */
  stop(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let failures = 0;
    let fruitless = 0;
    let offered = false;
    while (!signal.aborted) {
      if (!offered) {
        this.current = 'checking';
        try {
          offered = await this.api.supportsChangesWait(signal);
          failures = 0;
        } catch (error) {
          if (signal.aborted) return;
          if (!isChangesWaitNotOffered(error)) {
            failures += 1;
            await this.backOff(failures, toSyncFault(error).message, error);
            continue;
          }
        }
        if (!offered) {
          await this.notOffered();
          continue;
        }
      }
      const cursor = this.host.cursor();
      const askedAt = this.monotonicClock();
      let hasMore: boolean;
      this.current = 'waiting';
      try {
        hasMore = await this.api.waitForChanges(cursor, this.waitSeconds, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        if (isChangesWaitNotOffered(error)) {
          offered = false;
          await this.notOffered();
          continue;
        }
        const kind = toSyncFault(error).kind;
        // A run records a refused token (which stops live delivery with periodic sync) or starts
        // over from the beginning after a 410; either way the run is what deals with it.
        if (kind === 'unauthorized' || kind === 'cursor_expired') await this.host.syncNow();
        failures += 1;
        await this.backOff(failures, toSyncFault(error).message, error);
        continue;
      }
      if (!hasMore) {
        // An honest platform held the wait for the time asked; one that did not is not asked again at once.
        fruitless = this.monotonicClock() - askedAt < (this.waitSeconds * 1000) / 2 ? fruitless + 1 : 0;
        if (fruitless > 0) await this.backOff(fruitless, 'the platform answered the wait early with nothing new');
        continue;
      }
      this.current = 'syncing';
      const report = await this.host.syncNow();
      if (signal.aborted) return;
      // The first run that moves nothing may have lost a race with a run that pulled the records
      // meanwhile; only a repeat (or a failed run) means waiting before the next wait.
      fruitless = report.ok && this.host.cursor() !== cursor ? 0 : fruitless + 1;
      if (!report.ok || fruitless > 1) await this.backOff(fruitless, report.ok ? 'the platform announced changes that a run did not find' : 'the sync run it started failed');
    }
  }

  private async notOffered(): Promise<void> {
    this.current = 'not_offered';
    this.host.log('sync: the platform offers no live delivery; changes arrive with the periodic pull');
    await this.pause(this.options.recheckNotOfferedMs ?? 600_000);
  }

  private async backOff(attempt: number, reason: string, error?: unknown): Promise<void> {
    const retryAfterMs = error === undefined ? undefined : toSyncFault(error).details.retryAfterMs;
    const delayMs = backoffDelayMs(attempt, this.policy, this.random, retryAfterMs);
    this.current = 'backing_off';
    this.host.log(`sync: live delivery: ${reason} (next wait in ${delayMs} ms)`);
    await this.pause(delayMs);
  }

  /** A pause that ends early, quietly, when the listener is stopped. */
  private async pause(ms: number): Promise<void> {
    try {
      await this.sleep(ms, this.abort.signal);
    } catch {
      // Stopped: the loop sees the aborted signal and ends.
    }
  }
}
