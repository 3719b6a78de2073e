import type { ClvService, SlicedRefitOptions } from '../../clv/clvService';
import type { CrmCore } from '../../crmCore';
import { DAY_MS, HOUR_MS } from '../engineTime';
import type { SegmentationService } from '../segmentationService';
import { latestDailyRunAt } from '../../time/latestDailyRunAt';

/** Timers injected by the host, so tests drive time themselves. */
export interface EngineTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineScheduler {
  /** Catches up (engine version, missed daily run, edges passed while closed) and arms the timer. */
  start(): void;
  stop(): void;
  /** Does whatever is due now and re-arms the timer; the timer calls this too. */
  tick(): void;
}

export interface EngineSchedulerOptions {
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /**
   * Given, a daily full run that comes due while the host runs goes in slices with this awaited
   * between them (a host passes `yieldToEventLoop`), and so does the models' refit after it, so
   * requests keep being answered meanwhile.
   * Without it every run is synchronous. The run at start is synchronous either way: it catches
   * up on the time the app was closed, which the first screen needs before anything else (a read
   * would otherwise rescore everything that came due, all at once), and the host is not ready yet.
   */
  pause?: () => Promise<void>;
}

/**
 * Never sleep longer than this, so a suspended laptop or a changed system clock is noticed within
 * the hour instead of trusting a timeout computed before the jump.
 */
const MAX_SLEEP_MS = HOUR_MS;
/** A floor against a busy loop should an edge ever sit in the past. */
const MIN_SLEEP_MS = 250;

/**
 * The engine's schedule (SPEC §9) for a long-running host:
 * - a full re-segmentation daily at 03:00 UTC, and at start when that run was missed while the
 *   app was closed;
 * - a rescore at the next window edge (the earliest stored `edgeAt`), so someone who goes dormant
 *   with no new data moves tab on time;
 * - a catch-up right after an import or sync whose backlog was too big to fold inside its batches.
 * Every run emits `data_changed` with reason `segmentation` when it changed something.
 */
export function createEngineScheduler(
  services: { core: CrmCore; segmentation: SegmentationService; clv: ClvService },
  timers: EngineTimers,
  options: EngineSchedulerOptions = {},
): EngineScheduler {
  const { core, segmentation: service, clv } = services;
  const log = options.log ?? (() => undefined);
  let handle: unknown = null;
  let running = false;
  let unsubscribe: (() => void) | null = null;

  const arm = (delay: number) => {
    if (!running) return;
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(tick, Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, delay)));
  };

  const armForNextWork = () => {
    const now = core.clock();
    const nextDaily = latestDailyRunAt(now) + DAY_MS;
    const nextEdge = service.nextEdgeAt() ?? Number.POSITIVE_INFINITY;
    arm(Math.min(nextDaily, nextEdge) - now);
  };

  /** The sliced daily run under way, if any; aborted by `stop`. */
  let slicedRun: AbortController | null = null;
  /** Whether a tick came while the sliced run was under way (an import, say): tick again after it. */
  let tickedDuringRun = false;

  function tick(): void {
    runDueWork(options.pause);
  }

  function runDueWork(pause: (() => Promise<void>) | undefined): void {
    // Called by the timer or by the host; either way the pending timeout is superseded.
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (!running) return;
    if (slicedRun !== null) {
      // The run re-arms the timer when it ends.
      tickedDuringRun = true;
      return;
    }
    try {
      const now = core.clock();
      const lastFull = service.lastFullRunAt();
      const dailyDue = lastFull === null || lastFull < latestDailyRunAt(now);
      if (dailyDue && pause !== undefined) {
        void runSliced(now, pause);
        return;
      }
      if (dailyDue) {
        afterDailyRun(service.runFull(now).computedAt, now);
      } else if (service.ensureCurrent(now) > 0) {
        core.emit({ kind: 'data_changed', reason: 'segmentation' });
      }
    } catch (error) {
      logFailure(error);
    }
    armForNextWork();
  }

  async function runSliced(now: number, pause: () => Promise<void>): Promise<void> {
    const run = new AbortController();
    slicedRun = run;
    tickedDuringRun = false;
    try {
      const summary = await service.runFullInSlices(now, { pause, signal: run.signal });
      if (!run.signal.aborted) await afterSlicedDailyRun(summary.computedAt, now, { pause, signal: run.signal });
    } catch (error) {
      // An aborted run was stopped on purpose; it left no completion mark, so it is redone at next start.
      if (!run.signal.aborted) logFailure(error);
    } finally {
      if (slicedRun === run) {
        slicedRun = null;
        // Nothing may escape this detached promise: a rejection nobody awaits would end the process.
        try {
          if (tickedDuringRun) tick();
          else armForNextWork();
        } catch (error) {
          logFailure(error);
        }
      }
    }
  }

  function afterDailyRun(computedAt: string, now: number): void {
    log('info', `Full re-segmentation at ${computedAt}`);
    clv.refitAfterSegmentation(now, log);
    core.emit({ kind: 'data_changed', reason: 'segmentation' });
  }

  /**
   * The same after a run in slices: the models' refit goes in slices too (at creator scale it reads
   * for seconds), so the new segments are announced at once and the models' figures once stored.
   */
  async function afterSlicedDailyRun(computedAt: string, now: number, slicing: SlicedRefitOptions): Promise<void> {
    log('info', `Full re-segmentation at ${computedAt}`);
    core.emit({ kind: 'data_changed', reason: 'segmentation' });
    await clv.refitInSlicesAfterSegmentation(now, slicing, log);
    if (slicing.signal?.aborted !== true) core.emit({ kind: 'data_changed', reason: 'segmentation' });
  }

  function logFailure(error: unknown): void {
    log('error', `Segmentation failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = core.onEvent((event) => {
        // A bulk import or sync may have left its backlog for later: pick it up right away.
        if (event.kind === 'data_changed' && (event.reason === 'import' || event.reason === 'sync')) arm(0);
      });
      runDueWork(undefined);
    },
    stop() {
      running = false;
      slicedRun?.abort();
      slicedRun = null;
      unsubscribe?.();
      unsubscribe = null;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    tick,
  };
}
