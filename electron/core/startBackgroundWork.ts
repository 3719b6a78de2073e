import { scheduleAlertSweeps } from './alerts/scheduleAlertSweeps';
import type { CoreServices } from './createCoreServices';
import { createEngineScheduler } from './engine/schedule/createEngineScheduler';
import { yieldToEventLoop } from './engine/yieldToEventLoop';
import type { Timers } from './time/timers';

/**
 * Starts the schedulers of a long-running host (daily segmentation and model refit, window edges,
 * hourly alert sweep, periodic sync); returns how to stop them. The CLI runs none of them.
 */
export function startBackgroundWork(
  services: CoreServices,
  timers: Timers,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): () => Promise<void> {
  const engine = createEngineScheduler(services, timers, { log, pause: yieldToEventLoop });
  engine.start();
  const stopAlertSweeps = scheduleAlertSweeps(services.core, timers, log);
  void services.sync.start().catch((error: unknown) => log('error', `Could not start sync: ${String(error)}`));
  return async () => {
    await stopAlertSweeps();
    await services.sync.shutdown();
    engine.stop();
  };
}
