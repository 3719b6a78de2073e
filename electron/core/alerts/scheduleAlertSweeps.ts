import type { CrmCore } from '../crmCore';
import { HOUR_MS } from '../engine/engineTime';
import type { Timers } from '../time/timers';
import { defaultActionEffects } from '../actions/actionEffects';
import { reconcileActionsWithOutbox, workspaceOutboxEntries } from '../actions/reconcileActionsWithOutbox';
import { runAlertSweep } from './alertService';

/** The first sweep after start: a run missed while the app was closed happens now, once the window has had a moment to connect. */
export const FIRST_SWEEP_DELAY_MS = 1000;

/**
 * Runs the alert sweep shortly after start and then at the top of every hour (SPEC §9), on the
 * core's clock — and also at the time of the next follow-up, so its `follow_up_due` alert is raised
 * at that minute, not up to an hour late (SPEC §13). A follow-up written meanwhile (by the creator,
 * or arriving by sync) moves the next run forward. The first run also reconciles actions with the
 * outbox. Returns a stop function; a sweep that fails is logged and the schedule goes on.
 */
export function scheduleAlertSweeps(
  core: CrmCore,
  timers: Timers,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): () => Promise<void> {
  let handle: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let first = true;
  // The next run: the top of the hour, or the next follow-up's time when that comes first.
  const delayToNextRun = (): number => {
    const now = core.clock();
    const untilTopOfHour = HOUR_MS - (now % HOUR_MS);
    let nextFollowUp: number | null = null;
    try {
      nextFollowUp = core.stores.alerts.nextFollowUpDueAfter(now);
    } catch (error) {
      log('warn', `Could not read the next follow-up time; sweeping at the top of the hour: ${error instanceof Error ? error.message : String(error)}`);
    }
    return nextFollowUp === null ? untilTopOfHour : Math.min(untilTopOfHour, nextFollowUp - now);
  };
  const schedule = (delayMs: number) => {
    handle = timers.setTimeout(() => {
      handle = null;
      if (stopped) return;
      if (first) {
        first = false;
        try {
          // On opening the workspace: actions in the outbox whose local effect is missing get it back (docs/sync-protocol.md §6).
          const restored = reconcileActionsWithOutbox(core, defaultActionEffects(core), workspaceOutboxEntries(core), core.clock());
          if (restored > 0) log('info', `Restored the local effect of ${restored} action(s) from the outbox.`);
        } catch (error) {
          log('error', `Could not reconcile actions with the outbox: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      try {
        const result = runAlertSweep(core);
        if (result.raised > 0 || result.outcomesMeasured > 0) {
          log('info', `Alert sweep: ${result.raised} alert(s) raised, ${result.outcomesMeasured} action outcome(s) measured.`);
        }
      } catch (error) {
        log('error', `Alert sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!stopped) schedule(delayToNextRun());
    }, delayMs);
  };
  schedule(FIRST_SWEEP_DELAY_MS);
  // A follow-up added, moved or cancelled may change when the next run is due. Not before the first
  // run (it comes within a second anyway) and not during a run (which plans the next one itself).
  const stopReplanning = core.onEvent((event) => {
    if (stopped || first || handle === null) return;
    if (event.kind !== 'data_changed' || (event.reason !== 'memory' && event.reason !== 'sync')) return;
    timers.clearTimeout(handle);
    schedule(delayToNextRun());
  });
  return async () => {
    stopped = true;
    stopReplanning();
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
}
