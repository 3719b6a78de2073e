import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyncStatus } from '../../../shared/contract/apiTypes';
import { startCoreRuntime, type CoreRuntime } from '../coreRuntime';
import { generateDemoRecords, type ChangeRecordJson, type DemoOptions } from '../demo/generateDemoRecords';
import { MemoryCredentialVault } from '../sync/credentialVault';
import { SYNC_PAGE_SIZE } from '../sync/syncService';
import { peakRssMb } from './peakRss';
import { ObserverTimer } from './measurePageApply';
import { RawInsertYardstick } from './rawInsertYardstick';
import { startBenchPlatform } from './startBenchPlatform';

/** What the benchmark's workspace holds: the demo generator's world for these figures. */
export interface BenchDataSet {
  supporters: number;
  /** Activities asked for; the generator's busyness is calibrated to give about this many. */
  activities: number;
  seed: number;
  /** The moment the data set is "now" at (epoch ms); every measurement runs its clock there. */
  now: number;
}

/** `firstSyncPerSec` and its yardstick, taken when the workspace was built. */
export interface FirstSyncFigures {
  /** Change records the platform served and the app took in. */
  records: number;
  /** From `sync.connect` to the first page of the All tab answered, the engine caught up. */
  seconds: number;
  perSec: number;
  /** The same records into a bare table (`RawInsertYardstick`), the faster of a run before and one after the sync. */
  rawInsertPerSec: number;
  /** The benchmark process's peak resident memory during the first sync (the app's core runs in it). */
  peakRssMb: number;
  /**
   * Seconds of the sync spent in each change observer the composition root installs (engine,
   * alerts, search index), summed over every page; the rest is HTTP, parsing, validation, cache
   * writes and commits. Absent in a workspace built before it was measured.
   */
  observerSeconds?: Record<string, number>;
  loadAverage: number[];
  measuredAt: string;
}

export interface BenchManifest {
  format: typeof MANIFEST_FORMAT;
  dataSet: BenchDataSet;
  busyness: number;
  activitiesStored: number;
  builtAt: string;
  firstSync: FirstSyncFigures;
}

export interface BenchWorkspace {
  /** The built workspace folder: never measured in directly (each run works on a copy). */
  workspaceDir: string;
  manifest: BenchManifest;
  /** True when an earlier run built it and this one reused it (its first-sync figures are that run's). */
  reused: boolean;
}

const MANIFEST_FORMAT = 1;
const DAYS = 90;
const TOKEN = 'crm-bench';
/** How often the first sync's progress is asked for. */
const STATUS_POLL_MS = 100;

/**
 * The benchmark's workspace, built once per data set and kept in `benchDir` for later runs: the
 * whole data set pulled over HTTP from the reference platform (its own process) by the app's core
 * runtime with every service on (`sync.connect`, as the console's connection dialog does), which
 * is what `firstSyncPerSec` measures — beside `rawInsertPerSec`, the same records into a bare table.
 * At creator scale the build takes minutes on a small machine; a run with the same data set and
 * `benchDir` reuses it and reports the first-sync figures measured when it was built.
 */
export async function prepareBenchWorkspace(benchDir: string, dataSet: BenchDataSet, log: (message: string) => void): Promise<BenchWorkspace> {
  const baseDir = path.join(benchDir, `base-${dataSet.supporters}-${dataSet.activities}-${dataSet.seed}`);
  const workspaceDir = path.join(baseDir, 'workspace');
  const manifestFile = path.join(baseDir, 'manifest.json');
  const existing = readManifest(manifestFile);
  if (existing !== null && sameDataSet(existing.dataSet, dataSet) && fs.existsSync(workspaceDir)) {
    log(`reusing the workspace built ${existing.builtAt} in ${baseDir} (delete it to measure the first sync again)`);
    return { workspaceDir, manifest: existing, reused: true };
  }
  fs.rmSync(baseDir, { recursive: true, force: true });
  fs.mkdirSync(baseDir, { recursive: true });

  const busyness = calibrateBusyness(dataSet);
  const demo: DemoOptions = { supporters: dataSet.supporters, days: DAYS, seed: dataSet.seed, now: dataSet.now, busyness };
  log(`raw-insert yardstick, before the first sync (pages of ${SYNC_PAGE_SIZE})…`);
  const before = measureRawInsert(demo, path.join(baseDir, 'raw-before.sqlite'));
  log(`  ${Math.round(before.perSec)} records/s (${before.activities} activities among ${before.records} records)`);

  log(`first sync: ${dataSet.supporters} supporters from the reference platform over HTTP, every app service on…`);
  const platform = await startBenchPlatform(demo, TOKEN);
  let sync: { seconds: number; peakRssMb: number; observerSeconds: Record<string, number> };
  try {
    sync = await firstSync(workspaceDir, dataSet.now, platform.url, log);
  } finally {
    await platform.stop();
  }
  log('raw-insert yardstick, after the first sync…');
  const after = measureRawInsert(demo, path.join(baseDir, 'raw-after.sqlite'));
  log(`  ${Math.round(after.perSec)} records/s`);

  const manifest: BenchManifest = {
    format: MANIFEST_FORMAT,
    dataSet,
    busyness,
    activitiesStored: before.activities,
    builtAt: new Date().toISOString(),
    firstSync: {
      records: platform.records,
      seconds: round(sync.seconds, 2),
      perSec: Math.round(platform.records / sync.seconds),
      rawInsertPerSec: Math.round(Math.max(before.perSec, after.perSec)),
      peakRssMb: sync.peakRssMb,
      observerSeconds: sync.observerSeconds,
      loadAverage: loadAverage(),
      measuredAt: new Date().toISOString(),
    },
  };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { workspaceDir, manifest, reused: false };
}

/** Copies the built workspace to a folder of its own for one run's measurements (they change it). */
export function copyBenchWorkspace(workspace: BenchWorkspace, runDir: string): string {
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.cpSync(workspace.workspaceDir, runDir, { recursive: true });
  return runDir;
}

/**
 * The app's own first sync: the core runtime (`startCoreRuntime`, as the worker and browser host
 * run it) connects and pulls the whole log; done when the sync reports itself online and the All
 * tab's first page is answered (a backlog the engine left for later is folded by then). The
 * connection is dropped afterwards, so the workspace is a synced one that is offline.
 */
async function firstSync(
  workspaceDir: string,
  now: number,
  serverUrl: string,
  log: (message: string) => void,
): Promise<{ seconds: number; peakRssMb: number; observerSeconds: Record<string, number> }> {
  const timer = new ObserverTimer();
  const runtime = startCoreRuntime({
    dataDir: workspaceDir,
    clock: () => now,
    createDemoIfEmpty: false,
    vault: new MemoryCredentialVault(),
    holderName: 'crm bench',
    wrapObserver: timer.wrap,
  });
  try {
    const call = callerOf(runtime);
    const started = performance.now();
    await call('sync.connect', { serverUrl, token: TOKEN });
    let lastLogged = started;
    for (;;) {
      const status = (await call('sync.status', {})) as SyncStatus;
      if (status.state === 'online') break;
      if (status.state === 'needs_reconnect' || (status.state === 'offline' && status.lastError !== null)) throw new Error(`the first sync failed: ${status.lastError ?? status.state}`);
      if (performance.now() - lastLogged > 30_000) {
        lastLogged = performance.now();
        log(`  ${Math.round((lastLogged - started) / 1000)} s…`);
      }
      await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    }
    await call('inbox.page', { tab: 'all', limit: 50 });
    const seconds = (performance.now() - started) / 1000;
    const observerSeconds = Object.fromEntries([...timer.take()].map(([name, ms]) => [name, round(ms / 1000, 1)]));
    log(`  done in ${seconds.toFixed(1)} s, of which in each observer: ${Object.entries(observerSeconds).map(([name, s]) => `${name} ${s} s`).join(', ')}`);
    await call('sync.disconnect', {});
    return { seconds, peakRssMb: peakRssMb(), observerSeconds };
  } finally {
    await runtime.stop();
  }
}

/** A caller of the runtime's API that throws on a refused request. */
export function callerOf(runtime: Pick<CoreRuntime, 'invoke'>): (name: string, input: unknown) => Promise<unknown> {
  return async (name, input) => {
    const result = await runtime.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
}

/** The data set's records into a bare table in pages of a sync page, streamed from the generator. */
function measureRawInsert(demo: DemoOptions, file: string): { perSec: number; records: number; activities: number } {
  const yardstick = new RawInsertYardstick(file);
  let page: ChangeRecordJson[] = [];
  let records = 0;
  let activities = 0;
  try {
    for (const record of generateDemoRecords(demo)) {
      page.push(record);
      records += 1;
      if (record.entity === 'activity') activities += 1;
      if (page.length === SYNC_PAGE_SIZE) {
        yardstick.insert(page);
        page = [];
      }
    }
    if (page.length > 0) yardstick.insert(page);
    return { perSec: yardstick.perSecond(), records, activities };
  } finally {
    yardstick.close();
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
  }
}

/** The generator's activity count scales with busyness; measured on a sample of supporters. */
function calibrateBusyness(dataSet: BenchDataSet): number {
  const sample = Math.min(dataSet.supporters, 2000);
  let count = 0;
  for (const record of generateDemoRecords({ supporters: sample, days: DAYS, seed: dataSet.seed, now: dataSet.now, busyness: 1 })) if (record.entity === 'activity') count += 1;
  return Math.max(0.05, dataSet.activities / dataSet.supporters / (count / sample));
}

function readManifest(file: string): BenchManifest | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchManifest;
    return manifest.format === MANIFEST_FORMAT ? manifest : null;
  } catch {
    return null;
  }
}

function sameDataSet(a: BenchDataSet, b: BenchDataSet): boolean {
  return a.supporters === b.supporters && a.activities === b.activities && a.seed === b.seed && a.now === b.now;
}

export function loadAverage(): number[] {
  return os.loadavg().map((load) => round(load, 2));
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
