import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiRequestName } from '../../../shared/contract/apiContract';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { demoSupporterId } from '../demo/demoSupporterId';
import { yieldToEventLoop } from '../engine/yieldToEventLoop';
import { evaluateGoals, type GoalVerdict } from './benchmarkGoals';
import { contractInboxViews } from './contractInboxViews';
import { measureAlertLatency } from './measureAlertLatency';
import { measureColdOpen, type ColdOpenFigures } from './measureColdOpen';
import { measureInboxPages, type InboxPageFigures } from './measureInboxPages';
import { measurePageApply, ObserverTimer, type PageApplyFigures, type Percentiles } from './measurePageApply';
import { measureRebuild, type RebuildFigures } from './measureRebuild';
import { measureSearch } from './measureSearch';
import { peakRssMb } from './peakRss';
import { median } from './percentile';
import { measurePingInChildProcess, type PingMeasurement } from './pingDuringRebuild';
import { copyBenchWorkspace, loadAverage, prepareBenchWorkspace, type BenchManifest } from './prepareBenchWorkspace';

export interface BenchmarkOptions {
  supporters: number;
  activities: number;
  seed: number;
  /**
   * Where the benchmark keeps its workspace: the one built for this data set is reused by later
   * runs (building it is the first sync, minutes at creator scale). Without it, a temporary
   * folder, removed afterwards.
   */
  benchDir?: string;
  /** Keep this run's working copy of the workspace (in the bench folder) after the run. */
  keep?: boolean;
  /** How many times each costly figure is taken (medians); the small smoke test asks for fewer. */
  repeats?: Partial<BenchmarkRepeats>;
  log?: (message: string) => void;
}

export interface BenchmarkRepeats {
  rebuilds: number;
  refits: number;
  pages: number;
  inboxRequestsPerTab: number;
  /** Unmeasured requests per tab first, as a console that has been open a while has made (a new process is `coldOpenMs`). */
  inboxWarmUpPerTab: number;
  /** Requests for each tab's first page, timed apart from the spread (`inboxFirstPageP95Ms`). */
  firstPageRequestsPerTab: number;
  coldOpens: number;
  alertLatencySamples: number;
  searchQueries: number;
}

const DEFAULT_REPEATS: BenchmarkRepeats = { rebuilds: 3, refits: 3, pages: 60, inboxRequestsPerTab: 100, inboxWarmUpPerTab: 20, firstPageRequestsPerTab: 100, coldOpens: 5, alertLatencySamples: 30, searchQueries: 400 };

export interface BenchmarkResult {
  supporters: number;
  activities: number;
  /** The whole data set over HTTP from the reference platform, every app service on (records/s), and its yardstick. */
  firstSyncPerSec: number;
  rawInsertPerSec: number;
  firstSync: BenchManifest['firstSync'] & { reused: boolean };
  rebuildMs: number;
  rebuildYardstickMs: number;
  noopRescoreMs: number;
  pageApplyMs: Percentiles;
  pageApplyRawMs: Percentiles;
  /** Medians per page: each observer the composition root installs, and the rest of the apply. */
  pageApplyPartsMs: Record<string, number>;
  inboxP95Ms: Record<string, number>;
  /** p95 of each tab's first page, asked for again and again: what opening the tab waits for. */
  inboxFirstPageP95Ms: Record<string, number>;
  /** Median of the requests for each tab's last page, with the tab's size. */
  inboxLastPage: Record<string, { ms: number; offset: number; total: number }>;
  /** Each tab's slowest request and its offset. */
  inboxSlowest: Record<string, { ms: number; offset: number }>;
  searchP95Ms: number | null;
  coldOpenMs: number;
  coldOpenYardstickMs: number;
  coldOpen: Pick<ColdOpenFigures, 'tab' | 'breakdownMs'>;
  clvRefitMs: number;
  /** A VIP coming online on the live reference platform to the notification planner emitting it (null: not measured, with why in the log). */
  alertLatencyMs: Percentiles | null;
  pingDuringRebuildMaxMs: number;
  pingDuringRebuild: Omit<PingMeasurement, 'maxRoundTripMs' | 'peakRssMb'>;
  /** The highest peak resident memory of the app's core in this run (`peakRssPartsMb`). */
  peakRssMb: number;
  /**
   * Peak resident memory of each process or phase that ran only the app's core: the first sync (this
   * process, when the workspace was built), this process through the inbox pages, rebuilds, refits
   * and sync pages, a cold-open process, and the process that rebuilt while answering pings.
   */
  peakRssPartsMb: { firstSync: number; inboxRebuildRefitPages: number; coldOpen: number; rebuildWithPings: number };
  goals: GoalVerdict[];
  machine: { cores: number; cpu: string; memoryGb: number; platform: string; node: string; loadAverage: { start: number[]; end: number[] } };
}

/**
 * `crm bench` (issue 19): the console at creator scale, each figure beside a yardstick measured in
 * the same run, medians and p95 where a creator waits, and each goal met or missed. The workspace
 * is the data set pulled over HTTP from the reference platform (built once per bench folder); each
 * run measures on a copy of it, in this order: inbox pages, the engine rebuild and no-op rescore,
 * the model refit and sync pages in this process (services as the composition root builds them);
 * then a cold open and the ping during a rebuild, each in new processes; the alert latency with the
 * live platform; and last the search, which adds notes to the workspace.
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const log = options.log ?? (() => undefined);
  const repeats = { ...DEFAULT_REPEATS, ...options.repeats };
  const loadAtStart = loadAverage();
  const benchDir = options.benchDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  const runDir = path.join(benchDir, 'run');
  const scratchDir = path.join(benchDir, 'scratch');
  // Midday in the data set's zone-free calendar: a day's stream and evening activity lie behind it.
  const now = Date.parse('2025-12-03T10:00:00Z');
  try {
    const built = await prepareBenchWorkspace(benchDir, { supporters: options.supporters, activities: options.activities, seed: options.seed, now }, log);
    const dataDir = copyBenchWorkspace(built, path.join(runDir, 'workspace'));
    fs.rmSync(scratchDir, { recursive: true, force: true });
    fs.mkdirSync(scratchDir, { recursive: true });
    const supporterIds = Array.from({ length: options.supporters }, (_, index) => demoSupporterId(index + 1));

    const timer = new ObserverTimer();
    let inProcess = openServices(dataDir, now, timer);
    const views = contractInboxViews();
    const inbox: Record<string, InboxPageFigures> = {};
    let rebuild: RebuildFigures;
    let clvRefitMs: number;
    let pages: PageApplyFigures;
    try {
      inProcess.segmentation.ensureCurrent(now);
      const call = caller(inProcess);
      log(`inbox pages through the API contract (${views.join(', ')}), ${repeats.inboxRequestsPerTab} per tab at offsets over the whole tab, its last page included, after ${repeats.inboxWarmUpPerTab} unmeasured ones per tab…`);
      // The code's first runs (compiling, the optimiser's first passes) would fall on whichever tab
      // came first; a new process's first page is what coldOpenMs times.
      for (const tab of views) await measureInboxPages(tab, { requests: repeats.inboxWarmUpPerTab, firstPageRequests: 0, seed: options.seed + 1, call });
      for (const tab of views) {
        const figures = await measureInboxPages(tab, { requests: repeats.inboxRequestsPerTab, firstPageRequests: repeats.firstPageRequestsPerTab, seed: options.seed, call });
        inbox[tab] = figures;
        log(`  ${tab}: p95 ${figures.p95Ms} ms, first page p95 ${figures.firstPageP95Ms} ms, last page (offset ${figures.lastPageOffset} of ${figures.total}) ${figures.lastPageMs} ms`);
      }

      log(`engine rebuild from raw activity, as the worker's full run does it after an engine update, beside its yardstick (median of ${repeats.rebuilds})…`);
      rebuild = await measureRebuild(inProcess, { runs: repeats.rebuilds, scratchDir, supporterIds, log });

      log(`customer-base models: the whole refit in slices, as the worker runs it (median of ${repeats.refits})…`);
      const refits: number[] = [];
      for (let run = 0; run < repeats.refits; run += 1) {
        const started = performance.now();
        const fit = await inProcess.clv.refitInSlices(now, { pause: yieldToEventLoop });
        refits.push(performance.now() - started);
        log(`  refit ${Math.round(refits.at(-1) ?? 0)} ms, of which the model fit ${Math.round(fit.fitMs)} ms (${fit.supportersFitted} supporters with a purchase)`);
      }
      clvRefitMs = round(median(refits));

      log(`sync pages of 1,000 records of a realistic mix through core.applyBatch, beside the same rows in raw SQLite (${repeats.pages} pages)…`);
      pages = await measurePageApply(inProcess, timer, { pages: repeats.pages, seed: options.seed + 1, scratchDir, supporterIds, log });
      log(`  p50 ${pages.pageApplyMs.p50} ms, p95 ${pages.pageApplyMs.p95} ms; raw p95 ${pages.pageApplyRawMs.p95} ms; per page: ${Object.entries(pages.partsMs).map(([part, ms]) => `${part} ${ms} ms`).join(', ')}`);
    } finally {
      inProcess.core.close();
    }
    // Taken before this process builds the cold open's bundle and hosts the live platform, which the app never does.
    const inProcessPeakRssMb = peakRssMb();

    log(`cold open: a new process opens the workspace to the first page of the landing view (median of ${repeats.coldOpens}, each beside a process reading 50 rows)…`);
    const coldOpen = await measureColdOpen(dataDir, now, { runs: repeats.coldOpens, log });

    log('alert latency: VIPs coming online on the live reference platform, to the notification planner (the app runtime, connected, in this workspace)…');
    let alertLatencyMs: Percentiles | null = null;
    try {
      const latency = await measureAlertLatency({ dataDir, dataNow: now, seed: options.seed, samples: repeats.alertLatencySamples, log: (line) => log(`  ${line}`) });
      alertLatencyMs = { p50: latency.p50, p95: latency.p95 };
      log(`  p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms over ${latency.samples} VIPs, ${latency.misses} never shown`);
    } catch (error) {
      log(`  not measured: ${(error as Error).message}`);
    }

    log('search: notes and tags added, then queries through the API contract (last: it changes the workspace)…');
    inProcess = openServices(dataDir, now, timer);
    let searchP95Ms: number | null;
    try {
      const search = await measureSearch(inProcess, {
        supporterIds,
        notes: Math.round(options.supporters / 2),
        queries: repeats.searchQueries,
        seed: options.seed,
        log: (line) => log(`  ${line}`),
      });
      searchP95Ms = search.searchP95Ms;
      log(`  p95 ${search.searchP95Ms} ms (median ${search.searchMedianMs} ms), an All-tab page between searches p95 ${search.inboxAllP95Ms} ms`);
    } finally {
      inProcess.core.close();
    }

    log('no-op API round trips every 10 ms while the engine rebuilds from raw activity (as after an engine update), in a process of its own…');
    const ping = await measurePingInChildProcess(dataDir, now);
    log(`  max ${Math.round(ping.maxRoundTripMs)} ms over ${ping.pings} pings; the rebuild took ${Math.round(ping.rebuildMs)} ms; its process peaked at ${ping.peakRssMb} MB`);

    const result: Omit<BenchmarkResult, 'goals'> = {
      supporters: options.supporters,
      activities: built.manifest.activitiesStored,
      firstSyncPerSec: built.manifest.firstSync.perSec,
      rawInsertPerSec: built.manifest.firstSync.rawInsertPerSec,
      firstSync: { ...built.manifest.firstSync, reused: built.reused },
      rebuildMs: round(rebuild.rebuildMs),
      rebuildYardstickMs: round(rebuild.rebuildYardstickMs),
      noopRescoreMs: round(rebuild.noopRescoreMs),
      pageApplyMs: pages.pageApplyMs,
      pageApplyRawMs: pages.pageApplyRawMs,
      pageApplyPartsMs: pages.partsMs,
      inboxP95Ms: Object.fromEntries(Object.entries(inbox).map(([tab, figures]) => [tab, figures.p95Ms])),
      inboxFirstPageP95Ms: Object.fromEntries(Object.entries(inbox).map(([tab, figures]) => [tab, figures.firstPageP95Ms])),
      inboxLastPage: Object.fromEntries(Object.entries(inbox).map(([tab, figures]) => [tab, { ms: figures.lastPageMs, offset: figures.lastPageOffset, total: figures.total }])),
      inboxSlowest: Object.fromEntries(Object.entries(inbox).map(([tab, figures]) => [tab, figures.slowest])),
      searchP95Ms,
      coldOpenMs: coldOpen.coldOpenMs,
      coldOpenYardstickMs: coldOpen.coldOpenYardstickMs,
      coldOpen: { tab: coldOpen.tab, breakdownMs: coldOpen.breakdownMs },
      clvRefitMs,
      alertLatencyMs,
      pingDuringRebuildMaxMs: round(ping.maxRoundTripMs),
      pingDuringRebuild: { pings: ping.pings, rebuildMs: round(ping.rebuildMs) },
      peakRssMb: Math.max(built.manifest.firstSync.peakRssMb, inProcessPeakRssMb, coldOpen.peakRssMb, ping.peakRssMb),
      peakRssPartsMb: { firstSync: built.manifest.firstSync.peakRssMb, inboxRebuildRefitPages: inProcessPeakRssMb, coldOpen: coldOpen.peakRssMb, rebuildWithPings: ping.peakRssMb },
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
        platform: `${os.platform()} ${os.arch()}`,
        node: process.version,
        loadAverage: { start: loadAtStart, end: loadAverage() },
      },
    };
    return { ...result, goals: evaluateGoals(result) };
  } finally {
    if (!options.keep) fs.rmSync(runDir, { recursive: true, force: true });
    fs.rmSync(scratchDir, { recursive: true, force: true });
    if (options.benchDir === undefined) fs.rmSync(benchDir, { recursive: true, force: true });
  }
}

/** The workspace opened in this process with its services as the composition root builds them, each change observer timed. */
function openServices(dataDir: string, now: number, timer: ObserverTimer): CoreServices {
  const core = CrmCore.open({ dataDir, clock: () => now });
  return createCoreServices(core, { wrapObserver: timer.wrap });
}

function caller(services: CoreServices): (name: ApiRequestName, input: unknown) => Promise<unknown> {
  const handlers = createRequestHandlers();
  return async (name, input) => {
    const result = await invokeRequest(services, handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
}

function round(value: number): number {
  return Number(value.toFixed(1));
}

