import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoOptions } from '../demo/generateDemoRecords';

export interface BenchPlatform {
  url: string;
  token: string;
  /** Change records in the platform's log. */
  records: number;
  stop(): Promise<void>;
}

interface BenchPlatformArgs {
  token: string;
  demo: DemoOptions;
}

/** The platform's log holds the whole data set as JSON text (about 200 bytes a record): room for tens of millions. */
const PLATFORM_HEAP_MB = 8192;

/**
 * Starts the reference platform (`electron/platform/platformServer.ts`) in a child process,
 * serving the demo generator's records for `demo` (with its `busyness`, so the benchmark gets the
 * activity count it asks for), and resolves once it listens.
 */
export function startBenchPlatform(demo: DemoOptions, token: string): Promise<BenchPlatform> {
  const entry = fileURLToPath(new URL('./benchPlatformProcess.ts', import.meta.url));
  const child = spawn(process.execPath, [`--max-old-space-size=${PLATFORM_HEAP_MB}`, '--import', 'tsx', entry, token, JSON.stringify(demo)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      try {
        const ready = JSON.parse(buffered.slice(0, newline)) as { url: string; records: number };
        resolve({ url: ready.url, token, records: ready.records, stop });
      } catch (error) {
        void stop();
        reject(new Error(`the benchmark platform said something unexpected: ${String(error)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the benchmark platform exited with code ${String(code)} before it listened`)));
  });
}

/** The child's side: its arguments (token, the demo options as JSON), or null when they are not what `startBenchPlatform` passes. */
export function parseBenchPlatformArgs(argv: readonly string[]): BenchPlatformArgs | null {
  const [token, demoJson] = argv;
  if (token === undefined || demoJson === undefined) return null;
  try {
    const demo = JSON.parse(demoJson) as DemoOptions;
    return typeof demo.supporters === 'number' && typeof demo.now === 'number' ? { token, demo } : null;
  } catch {
    return null;
  }
}
