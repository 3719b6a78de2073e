import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CoreWorkerClient } from '../worker/coreWorkerClient';

export interface PingMeasurement {
  /** The slowest round trip of a no-op request sent every 10 ms while the full recompute ran. */
  maxRoundTripMs: number;
  /** The peak resident memory of the process that held the core worker. */
  peakRssMb: number;
}

/**
 * Starts the core worker on `dataDir`, as the app does, and sends it a no-op request every 10 ms
 * while it runs a full re-segmentation; the slowest round trip is what a creator would feel.
 */
export async function measurePingDuringSegmentation(dataDir: string, workerPath: string | URL): Promise<number> {
  const client = await CoreWorkerClient.start({ workerPath, data: { dataDir, createDemoIfEmpty: false } });
  try {
    let maxRoundTrip = 0;
    let done = false;
    const segmentation = client.invoke('segmentation.run', {}).finally(() => (done = true));
    while (!done) {
      const started = performance.now();
      await client.invoke('system.ping', {});
      maxRoundTrip = Math.max(maxRoundTrip, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const result = await segmentation;
    if (!result.ok) throw new Error(`segmentation.run: ${result.error.message}`);
    return maxRoundTrip;
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
    const child = fork(fileURLToPath(new URL('./pingDuringSegmentationProcess.ts', import.meta.url)), [dataDir, workerFile], {
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
