import { clvServiceFor } from '../../clv/clvServiceFor';
import type { CrmCore } from '../../crmCore';
import { DAY_MS, HOUR_MS } from '../engineTime';
import { installSegmentation, META_LAST_FULL_RUN } from '../segmentationService';
import { latestDailyRunAt } from './latestDailyRunAt';

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
export function createEngineScheduler(core: CrmCore, timers: EngineTimers, options: EngineSchedulerOptions = {}): EngineScheduler {
  const service = installSegmentation(core);
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

  function tick(): void {
    // Called by the timer or by the host; either way the pending timeout is superseded.
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (!running) return;
    try {
      const now = core.clock();
      const lastFull = core.stores.meta.get(META_LAST_FULL_RUN);
      const dailyDue = lastFull === null || Date.parse(lastFull) < latestDailyRunAt(now);
      if (dailyDue) {
        const summary = service.runFull(now);
        log('info', `Full re-segmentation at ${summary.computedAt}`);
        clvServiceFor(core).refitAfterSegmentation(now, log);
        core.emit({ kind: 'data_changed', reason: 'segmentation' });
      } else if (service.ensureCurrent(now) > 0) {
        core.emit({ kind: 'data_changed', reason: 'segmentation' });
      }
    } catch (error) {
      log('error', `Segmentation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    armForNextWork();
  }

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = core.onEvent((event) => {
        // A bulk import or sync may have left its backlog for later: pick it up right away.
        if (event.kind === 'data_changed' && (event.reason === 'import' || event.reason === 'sync')) arm(0);
      });
      tick();
    },
    stop() {
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    tick,
  };
}
