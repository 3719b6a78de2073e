import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { yieldToEventLoop } from '../engine/yieldToEventLoop';

export interface PingMeasurement {
  /** The slowest round trip of a no-op request sent every 10 ms while the engine rebuilt every supporter's derived state. */
  maxRoundTripMs: number;
  /** Round trips answered during the rebuild. */
  pings: number;
  /** How long the rebuild took, pings and all. */
  rebuildMs: number;
  /** The peak resident memory of the process that held the core. */
  peakRssMb: number;
}

const PING_EVERY_MS = 10;

/**
 * `pingDuringRebuildMaxMs`: the workspace's core opened with its services as the composition root
 * builds them, the engine version mark dropped (as an engine update does), and the full run started
 * as the worker starts it (`segmentation.run`, the daily scheduler: `runFullInSlices`, the event loop
 * given a turn between slices). Meanwhile a `system.ping` goes through the API dispatch every 10 ms
 * on the same event loop, as the worker's requests do; the slowest round trip is the longest a
 * creator's request would wait on the rebuild. The worker's message hop (well under a millisecond)
 * is left out.
 */
export async function measurePingDuringRebuild(dataDir: string, now: number): Promise<Omit<PingMeasurement, 'peakRssMb'>> {
  const services = createCoreServices(CrmCore.open({ dataDir, clock: () => now }));
  const handlers = createRequestHandlers();
  try {
    services.segmentation.requireRebuild();
    let done = false;
    const started = performance.now();
    const rebuild = services.segmentation.runFullInSlices(now, { pause: yieldToEventLoop }).finally(() => (done = true));
    let maxRoundTripMs = 0;
    let pings = 0;
    while (!done) {
      const sent = performance.now();
      const pong = await invokeRequest(services, handlers, 'system.ping', {});
      if (!pong.ok) throw new Error(`system.ping: ${pong.error.message}`);
      maxRoundTripMs = Math.max(maxRoundTripMs, performance.now() - sent);
      pings += 1;
      await delay(PING_EVERY_MS);
    }
    await rebuild;
    const rebuildMs = performance.now() - started;
    if (!services.segmentation.isVersionCurrent()) throw new Error('the rebuild left the engine version stale');
    return { maxRoundTripMs, pings, rebuildMs };
  } finally {
    services.core.close();
  }
}

/**
 * The same measurement in a fresh process, so the core's memory is counted on its own: the
 * benchmark's own process already holds a core of its own, which the app never has twice.
 */
export function measurePingInChildProcess(dataDir: string, now: number): Promise<PingMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./pingDuringRebuildProcess.ts', import.meta.url)), [dataDir, String(now)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let measurement: PingMeasurement | null = null;
    child.on('message', (message) => (measurement = message as PingMeasurement));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && measurement !== null) resolve(measurement);
      else reject(new Error(`the ping measurement process ended with code ${String(code)} and no result`));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
