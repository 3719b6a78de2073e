import { installAlertService } from './alerts/alertService';
import { scheduleAlertSweeps } from './alerts/scheduleAlertSweeps';
import type { CrmCore } from './crmCore';
import { createEngineScheduler } from './engine/schedule/createEngineScheduler';
import { installSegmentation } from './engine/segmentationService';
import { yieldToEventLoop } from './engine/yieldToEventLoop';
import { installSearchIndex } from './memory/installSearchIndex';
import { getSyncService } from './sync/syncRegistry';

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (handle: ReturnType<typeof setTimeout>) => void;
}

/**
 * Wires the domain services that react to applied changes (engine recompute, alert evaluation).
 * Runs for every way of opening the core, the CLI included, so an import is processed the same everywhere.
 */
export function installCoreServices(core: CrmCore): void {
  // Alerts judge each record on the supporter as they stood before it (from raw activity), so
  // their order relative to the engine's recompute does not matter; see alertService.ts.
  installSegmentation(core);
  installAlertService(core);
  // Handles that arrived are indexed for search (SPEC §13) in the same transaction as their batch.
  installSearchIndex(core);
}

/** Starts the schedulers of a long-running host (daily segmentation, hourly alert sweep, periodic sync). */
export function startBackgroundWork(
  core: CrmCore,
  timers: Timers,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): () => Promise<void> {
  const engine = createEngineScheduler(core, timers, { log, pause: yieldToEventLoop });
  engine.start();
  const stopAlertSweeps = scheduleAlertSweeps(core, timers, log);
  const sync = getSyncService(core);
  void sync.start().catch((error: unknown) => log('error', `Could not start sync: ${String(error)}`));
  return async () => {
    await stopAlertSweeps();
    await sync.shutdown();
    engine.stop();
  };
}
