import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { landingInboxView } from './contractInboxViews';
import { median } from './percentile';

export interface ColdOpenFigures {
  /** From starting a new process to the first page of the landing view answered (median). */
  coldOpenMs: number;
  /** A new process opening the SQLite file and reading 50 rows (median), each run right after a real one. */
  coldOpenYardstickMs: number;
  /** The landing view's tab: the Now queue when the contract has it, else the All tab. */
  tab: string;
  /** Medians, from the process's own start: modules loaded; the core runtime started (cache, services, schedulers); the page answered. */
  breakdownMs: { modulesLoaded: number; runtimeStarted: number; firstPage: number };
  /** The highest peak resident memory of the cold-open processes. */
  peakRssMb: number;
  runs: number;
}

interface ChildReport {
  ok: boolean;
  entries: number;
  loadedAtMs: number;
  openedAtMs: number;
  answeredAtMs: number;
  peakRssMb: number;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Inside the repository, so the bundles find its node_modules as the app's built worker does; `out/` is the build folder. */
const BUNDLE_DIR = path.join(REPO, 'out', 'bench');

/**
 * `coldOpenMs`: the creator starts the console on an existing workspace. The child runs from a
 * bundle built here the way electron-vite builds the app's core worker (one ES module, the
 * packages in node_modules left external), so module loading costs what it costs the app, not
 * what compiling TypeScript on the fly would. Timed by this process from the spawn to the child's
 * message with the page; each run alternates with the yardstick's.
 */
export async function measureColdOpen(dataDir: string, now: number, options: { runs: number; log: (message: string) => void }): Promise<ColdOpenFigures> {
  const bundles = await bundleColdOpen();
  // The landing view (issue 19): the Now queue once `inbox.page` accepts it, else the All tab.
  const tab = landingInboxView();
  const runs: number[] = [];
  const yardstickRuns: number[] = [];
  const reports: ChildReport[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const real = await timeChild(bundles.coldOpen, [dataDir, String(now), tab]);
    if (!real.report.ok || real.report.entries <= 0) throw new Error(`the cold open answered no ${tab} page`);
    runs.push(real.ms);
    reports.push(real.report);
    yardstickRuns.push((await timeChild(bundles.yardstick, [dataDir])).ms);
  }
  options.log(`  cold open (ms): ${runs.map((ms) => ms.toFixed(0)).join(', ')}; yardstick: ${yardstickRuns.map((ms) => ms.toFixed(0)).join(', ')}`);
  return {
    coldOpenMs: round(median(runs)),
    coldOpenYardstickMs: round(median(yardstickRuns)),
    tab,
    breakdownMs: {
      modulesLoaded: round(median(reports.map((report) => report.loadedAtMs))),
      runtimeStarted: round(median(reports.map((report) => report.openedAtMs))),
      firstPage: round(median(reports.map((report) => report.answeredAtMs))),
    },
    peakRssMb: Math.max(...reports.map((report) => report.peakRssMb)),
    runs: options.runs,
  };
}

async function bundleColdOpen(): Promise<{ coldOpen: string; yardstick: string }> {
  fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO,
    build: {
      ssr: true,
      outDir: BUNDLE_DIR,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        input: {
          coldOpen: fileURLToPath(new URL('./coldOpenProcess.ts', import.meta.url)),
          coldOpenYardstick: fileURLToPath(new URL('./coldOpenYardstickProcess.ts', import.meta.url)),
        },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return { coldOpen: path.join(BUNDLE_DIR, 'coldOpen.mjs'), yardstick: path.join(BUNDLE_DIR, 'coldOpenYardstick.mjs') };
}

function timeChild(entry: string, args: string[]): Promise<{ ms: number; report: ChildReport }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = fork(entry, args, { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let answered: { ms: number; report: ChildReport } | null = null;
    child.on('message', (message) => {
      answered ??= { ms: performance.now() - started, report: message as ChildReport };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && answered !== null) resolve(answered);
      else reject(new Error(`the cold-open process ${path.basename(entry)} ended with code ${String(code)}${answered === null ? ' before answering' : ''}`));
    });
  });
}

function round(value: number): number {
  return Number(value.toFixed(1));
}
