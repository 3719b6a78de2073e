import type { CrmCore } from '../crmCore';
import { HOUR_MS } from '../engine/engineTime';
import type { Timers } from '../installCoreServices';
import { runAlertSweep } from './alertService';

/** The first sweep after start: a run missed while the app was closed happens now, once the window has had a moment to connect. */
export const FIRST_SWEEP_DELAY_MS = 1000;

/**
 * Runs the alert sweep shortly after start and then at the top of every hour (SPEC §9), on the
 * core's clock. Returns a stop function; a sweep that fails is logged and the schedule goes on.
 */
export function scheduleAlertSweeps(
  core: CrmCore,
  timers: Timers,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): () => Promise<void> {
  let handle: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const schedule = (delayMs: number) => {
    handle = timers.setTimeout(() => {
      handle = null;
      if (stopped) return;
      try {
        const result = runAlertSweep(core);
        if (result.raised > 0 || result.outcomesMeasured > 0) {
          log('info', `Alert sweep: ${result.raised} alert(s) raised, ${result.outcomesMeasured} action outcome(s) measured.`);
        }
      } catch (error) {
        log('error', `Alert sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!stopped) schedule(HOUR_MS - (core.clock() % HOUR_MS));
    }, delayMs);
  };
  schedule(FIRST_SWEEP_DELAY_MS);
  return async () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
}
