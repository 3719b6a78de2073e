import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkspaceInfo } from '../../../shared/contract/apiTypes';
import { ENGINE_VERSION } from '../engine/engineVersion';
import { CoreWorkerClient } from '../worker/coreWorkerClient';

export interface PingMeasurement {
  /** The slowest round trip of a no-op request sent every 10 ms while the core worker rebuilt the engine's derived state in slices. */
  maxRoundTripMs: number;
  /** Round trips sent. */
  pings: number;
  /** From starting the worker to it answering (the rebuild must not hold the start up). */
  readyMs: number;
  /** From the worker's start to the rebuild done (the engine current again). */
  rebuildMs: number;
  /** The peak resident memory of the process that held the core worker. */
  peakRssMb: number;
}

const PING_EVERY_MS = 10;
const DONE_CHECK_EVERY_MS = 200;

/**
 * `pingDuringRebuildMaxMs`: the core worker is started on a workspace whose engine must be rebuilt
 * (as after an engine-version change, see `SegmentationService.requireRebuild`), as the app starts
 * it, and sent a `system.ping` every 10 ms until the rebuild is done; the slowest round trip is
 * what a creator would feel of it. The rebuild runs in slices, so requests are answered between.
 */
export async function measurePingDuringRebuild(dataDir: string, workerPath: string | URL): Promise<Omit<PingMeasurement, 'peakRssMb'>> {
  const startedAt = performance.now();
  const client = await CoreWorkerClient.start({ workerPath, data: { dataDir, createDemoIfEmpty: false } });
  const readyMs = performance.now() - startedAt;
  try {
    let done = false;
    let rebuildMs = 0;
    const watch = (async () => {
      while (!done) {
        const info = await client.invoke('workspace.info', {});
        if (!info.ok) throw new Error(`workspace.info: ${info.error.message}`);
        if ((info.value as WorkspaceInfo).engineVersion === ENGINE_VERSION) {
          rebuildMs = performance.now() - startedAt;
          done = true;
        } else {
          await delay(DONE_CHECK_EVERY_MS);
        }
      }
    })();
    let maxRoundTripMs = 0;
    let pings = 0;
    while (!done) {
      const sent = performance.now();
      const pong = await client.invoke('system.ping', {});
      if (!pong.ok) throw new Error(`system.ping: ${pong.error.message}`);
      maxRoundTripMs = Math.max(maxRoundTripMs, performance.now() - sent);
      pings += 1;
      await delay(PING_EVERY_MS);
    }
    await watch;
    return { maxRoundTripMs, pings, readyMs, rebuildMs };
  } finally {
    await client.stop();
  }
}

/**
 * The same measurement in a fresh process, so the worker's memory is counted on its own: the
 * benchmark's own process already holds a core of its own, which the app never has twice.
 */
export function measurePingInChildProcess(dataDir: string, workerPath: string | URL): Promise<PingMeasurement> {
  const workerFile = workerPath instanceof URL ? fileURLToPath(workerPath) : workerPath;
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./pingDuringRebuildProcess.ts', import.meta.url)), [dataDir, workerFile], {
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
