/**
 * Supporter engine benchmark (issue 3): builds a 100,000-supporter / 5,000,000-activity workspace
 * once in a temp folder through the real apply path (engine observer installed, as in the app),
 * then measures, in the same run:
 * - full re-segmentation against a plain `SELECT supporterId, count(*), sum(tokens) FROM activities
 *   GROUP BY supporterId` (the yardstick), run alternately so machine load hits both alike;
 * - the same nightly and catch-up runs in slices, as the app's core worker runs them (yielding to
 *   the event loop between slices): the total and the longest slice, which bounds how long any
 *   other request waits;
 * - an inbox page (p95, every tab), a profile (p95), and the incremental recompute after 1,000
 *   new activities.
 *
 *   node_modules/.bin/tsx scripts/segmentBenchmark.ts [--supporters 100000] [--activities 5000000]
 *     [--seed 7] [--keep DIR | --reuse DIR] [--json]
 *
 * `--keep DIR` builds into DIR and leaves it; `--reuse DIR` measures a workspace built before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INBOX_TABS, type InboxTab } from '../shared/domain/segments';
import { runCli } from '../electron/cli/runCli';
import { createRequestHandlers } from '../electron/core/api/createRequestHandlers';
import { invokeRequest } from '../electron/core/api/invokeRequest';
import { CrmCore } from '../electron/core/crmCore';
import { generateDemoRecords } from '../electron/core/demo/generateDemoRecords';
import { SeededRandom } from '../electron/core/demo/seededRandom';
import { DAY_MS } from '../electron/core/engine/engineTime';
import { readInboxPage } from '../electron/core/engine/inbox/readInboxPage';
import { readSupporterProfile } from '../electron/core/engine/profile/readSupporterProfile';
import { installSegmentation, segmentationFor, type SegmentationService } from '../electron/core/engine/segmentationService';
import { yieldToEventLoop } from '../electron/core/engine/yieldToEventLoop';
import type { IncomingRecord } from '../electron/core/ingest/applyChangeBatch';
import { demoSupporterId } from '../electron/core/demo/demoSupporterId';

const { values } = parseArgs({
  options: {
    supporters: { type: 'string', default: '100000' },
    activities: { type: 'string', default: '5000000' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SUPPORTERS = Number(values.supporters);
const ACTIVITIES = Number(values.activities);
const SEED = Number(values.seed);
const DAYS = 90;
/** The demo's "now": the end of its generated history. Measurements run a little later, as a real morning would. */
const DEMO_NOW = Date.parse('2026-01-15T12:00:00Z');
const log = (message: string) => process.stderr.write(`${message}\n`);
const RUN_ID = process.hrtime.bigint().toString(36);

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
const median = (samples: readonly number[]) => percentile(samples, 50);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

/** A full run in slices as the core worker runs it: the total, the slice count and the longest slice (plus its commit). */
async function timeSlicedRun(service: SegmentationService, now: number): Promise<{ totalMs: number; slices: number; longestSliceMs: number }> {
  const started = performance.now();
  let sliceStarted = started;
  let longest = 0;
  let slices = 0;
  await service.runFullInSlices(now, {
    pause: async () => {
      longest = Math.max(longest, performance.now() - sliceStarted);
      slices += 1;
      await yieldToEventLoop();
      sliceStarted = performance.now();
    },
  });
  longest = Math.max(longest, performance.now() - sliceStarted);
  return { totalMs: round(performance.now() - started), slices: slices + 1, longestSliceMs: round(longest) };
}

/** Busyness that makes the generator produce about ACTIVITIES rows (measured on a sample, not guessed). */
function calibrateBusyness(): number {
  const sample = Math.min(SUPPORTERS, 3000);
  let count = 0;
  for (const record of generateDemoRecords({ supporters: sample, days: DAYS, seed: SEED, now: DEMO_NOW, busyness: 1 })) {
    if (record.entity === 'activity') count += 1;
  }
  return ACTIVITIES / SUPPORTERS / (count / sample);
}

function buildWorkspace(dataDir: string): { activities: number; ingestMs: number; busyness: number } {
  const busyness = calibrateBusyness();
  log(`building ${SUPPORTERS} supporters at busyness ${busyness.toFixed(3)} into ${dataDir} …`);
  const core = CrmCore.open({ dataDir, clock: () => DEMO_NOW });
  installSegmentation(core);
  segmentationFor(core).ensureCurrent(DEMO_NOW);
  let batch: IncomingRecord[] = [];
  let activities = 0;
  let ingestMs = 0;
  const flush = () => {
    const [, ms] = time(() => core.applyBatch(batch, 'benchmark'));
    ingestMs += ms;
    batch = [];
  };
  for (const record of generateDemoRecords({ supporters: SUPPORTERS, days: DAYS, seed: SEED, now: DEMO_NOW, busyness })) {
    if (record.entity === 'activity') activities += 1;
    batch.push({ kind: 'value', value: record, position: activities });
    if (batch.length >= 10_000) {
      flush();
      if (activities % 500_000 < 10_000) log(`… ${activities} activities`);
    }
  }
  if (batch.length > 0) flush();
  core.close();
  return { activities, ingestMs, busyness };
}

async function main(): Promise<void> {
  const workDir = values.reuse ?? values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-segment-bench-'));
  const dataDir = path.join(workDir, 'workspace');
  let build: { activities: number; ingestMs: number; busyness: number } | null = null;
  if (values.reuse === undefined) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    build = buildWorkspace(dataDir);
  }
  // Measure the morning after the demo's history: the first full run of the day has edges to process.
  let now = DEMO_NOW + 15 * 3_600_000;
  const core = CrmCore.open({ dataDir, clock: () => now });
  const service = installSegmentation(core);
  const activities = core.db.prepare('SELECT count(*) FROM activities').pluck().get() as number;
  const supporters = core.stores.workspace.supporterCount();

  service.ensureCurrent(now);
  const scan = () => time(() => core.db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').all())[1];

  log('nightly full re-segmentation (the app kept edges current during the day) vs the plain GROUP BY scan, alternately, 7 rounds …');
  const scanRuns: number[] = [];
  const fullRuns: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    scanRuns.push(scan());
    now += DAY_MS;
    service.ensureCurrent(now - 3_600_000); // what the edge timer did up to an hour before
    fullRuns.push(time(() => service.runFull(now))[1]);
  }
  log('catch-up full re-segmentation after a day with the app closed (every edge of the day still to process), 3 rounds …');
  const catchUpScanRuns: number[] = [];
  const catchUpRuns: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    catchUpScanRuns.push(scan());
    now += DAY_MS;
    catchUpRuns.push(time(() => service.runFull(now))[1]);
  }
  log('the same runs in slices, as the core worker runs them: 3 nightly rounds, then one after a day with the app shut …');
  const slicedNightly: Awaited<ReturnType<typeof timeSlicedRun>>[] = [];
  for (let round = 0; round < 3; round += 1) {
    now += DAY_MS;
    service.ensureCurrent(now - 3_600_000);
    slicedNightly.push(await timeSlicedRun(service, now));
  }
  now += DAY_MS;
  const slicedCatchUp = await timeSlicedRun(service, now);
  log('full re-segmentation with no stored score to compare (every row written) …');
  core.stores.scores.clear();
  const coldScanMs = scan();
  const [, coldFullMs] = time(() => service.runFull(now));

  log('the segment command as a user runs it …');
  core.close();
  let cliStderr = '';
  await runCli(['segment', '--data-dir', dataDir, '--now', new Date(now).toISOString(), '--json'], {
    stdout: () => undefined,
    stderr: (text) => (cliStderr += text),
    clock: () => now,
  });
  const cliTookMs = Number(/tookMs=(\d+)/.exec(cliStderr)?.[1] ?? NaN);

  const reopened = CrmCore.open({ dataDir, clock: () => now });
  const engine = installSegmentation(reopened);
  log('rebuild of every rollup from raw activity (what an engine version change costs) …');
  const [, rebuildMs] = time(() => engine.rebuildEverything(now));
  const random = new SeededRandom(SEED + 1);
  const supporterId = () => demoSupporterId(random.int(1, SUPPORTERS));

  log('inbox pages: 200 per tab at random offsets in the first 10,000 rows, through the engine and through the API …');
  const handlers = createRequestHandlers();
  const inboxP95: Record<InboxTab, number> = { vip: 0, hot_leads: 0, all: 0, dormant: 0, new: 0 };
  const inboxApiP95: Record<InboxTab, number> = { vip: 0, hot_leads: 0, all: 0, dormant: 0, new: 0 };
  for (const tab of INBOX_TABS) {
    const total = readInboxPage(reopened, { tab, limit: 1 }, now).total;
    const samples: number[] = [];
    const apiSamples: number[] = [];
    for (let request = 0; request < 200; request += 1) {
      const offset = random.int(0, Math.max(0, Math.min(total, 10_000) - 50));
      samples.push(time(() => readInboxPage(reopened, { tab, limit: 50, offset }, now))[1]);
      const started = performance.now();
      const result = await invokeRequest(reopened, handlers, 'inbox.page', { tab, limit: 50, offset });
      apiSamples.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
    inboxP95[tab] = round(percentile(samples, 95), 2);
    inboxApiP95[tab] = round(percentile(apiSamples, 95), 2);
  }

  log('profiles: 200 random supporters …');
  const profileSamples: number[] = [];
  for (let request = 0; request < 200; request += 1) profileSamples.push(time(() => readSupporterProfile(reopened, supporterId(), now))[1]);

  log('incremental recompute after 1,000 new activities, 5 + 5 batches …');
  const newActivities = (label: string, types: readonly string[]): IncomingRecord[] =>
    Array.from({ length: 1000 }, (_, index) => ({
      kind: 'value',
      position: index,
      value: {
        entity: 'activity',
        op: 'upsert',
        data: {
          // Unique per invocation: with --reuse, a replay of the same ids would be an idempotent no-op.
          id: `bench-${RUN_ID}-${label}-${index}`,
          supporterId: supporterId(),
          type: random.pick(types),
          at: new Date(now - random.int(1, 600) * 1000).toISOString(),
          tokens: random.int(0, 20),
          itemId: 'bench-item',
          category: 'video',
        },
      },
    }));
  // (a) As the app runs it: the engine's observer folds the batch inside its transaction.
  const observerRuns: number[] = [];
  const applyWithEngineRuns: number[] = [];
  const afterBatch = engine.afterBatch.bind(engine);
  engine.afterBatch = () => observerRuns.push(time(() => afterBatch())[1]);
  for (let run = 0; run < 5; run += 1) {
    now += 60_000;
    const batch = newActivities(`a${run}`, ['chat_message', 'gift', 'profile_view', 'like', 'ppv_purchase']);
    applyWithEngineRuns.push(time(() => reopened.applyBatch(batch, 'benchmark'))[1]);
  }
  engine.afterBatch = afterBatch;
  // (b) The recompute on its own, its commit included: the batch applied by a connection without
  // the engine, then one catch-up (the same work a read does after such an import).
  const recomputeRuns: number[] = [];
  const applyAloneRuns: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    now += 60_000;
    const observerless = CrmCore.open({ dataDir, clock: () => now });
    const batch = newActivities(`b${run}`, ['chat_message', 'gift', 'profile_view', 'like', 'ppv_purchase']);
    applyAloneRuns.push(time(() => observerless.applyBatch(batch, 'benchmark'))[1]);
    observerless.close();
    recomputeRuns.push(time(() => engine.ensureCurrent(now))[1]);
  }
  reopened.close();
  if (values.keep === undefined && values.reuse === undefined) fs.rmSync(workDir, { recursive: true, force: true });

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const result = {
    supporters,
    activities,
    busyness: build ? round(build.busyness, 3) : null,
    ingestPerSec: build ? Math.round((build.activities + SUPPORTERS) / (build.ingestMs / 1000)) : null,
    rawScanMs: { median: round(median(scanRuns)), min: round(Math.min(...scanRuns)), runs: scanRuns.map((ms) => round(ms)) },
    fullSegmentationMs: { median: round(median(fullRuns)), min: round(Math.min(...fullRuns)), runs: fullRuns.map((ms) => round(ms)) },
    fullVsScan: { median: round(median(fullRuns) / median(scanRuns), 2), best: round(Math.min(...fullRuns) / Math.min(...scanRuns), 2) },
    catchUpFullSegmentationMs: { median: round(median(catchUpRuns)), runs: catchUpRuns.map((ms) => round(ms)) },
    catchUpVsScan: round(median(catchUpRuns) / median(catchUpScanRuns), 2),
    slicedFullSegmentation: {
      nightlyTotalMsMedian: median(slicedNightly.map((run) => run.totalMs)),
      nightlyLongestSliceMs: Math.max(...slicedNightly.map((run) => run.longestSliceMs)),
      slices: slicedCatchUp.slices,
      catchUpTotalMs: slicedCatchUp.totalMs,
      catchUpLongestSliceMs: slicedCatchUp.longestSliceMs,
    },
    coldFullSegmentationMs: round(coldFullMs),
    coldVsScan: round(coldFullMs / coldScanMs, 2),
    segmentCliTookMs: cliTookMs,
    rebuildFromRawMs: round(rebuildMs),
    inboxPageP95Ms: inboxP95,
    inboxPageApiP95Ms: inboxApiP95,
    profileP95Ms: round(percentile(profileSamples, 95), 2),
    incremental1000Ms: {
      observerMedian: round(median(observerRuns)),
      recomputeWithCommitMedian: round(median(recomputeRuns)),
      applyWithEngineMedian: round(median(applyWithEngineRuns)),
      applyWithoutEngineMedian: round(median(applyAloneRuns)),
    },
    machine: { cpu, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, loadAverage: os.loadavg().map((load) => round(load, 2)) },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [
    `Supporter engine benchmark — ${supporters.toLocaleString('en')} supporters, ${activities.toLocaleString('en')} activities`,
    `  plain GROUP BY scan           median ${result.rawScanMs.median} ms (min ${result.rawScanMs.min})`,
    `  nightly full re-segmentation  median ${result.fullSegmentationMs.median} ms (min ${result.fullSegmentationMs.min})  → ${result.fullVsScan.median}× the scan (best ${result.fullVsScan.best}×; goal ≤ 1.5×)`,
    `  after a day with the app shut  median ${result.catchUpFullSegmentationMs.median} ms → ${result.catchUpVsScan}× the scan (a day of edges in one run)`,
    `  in slices (as the worker runs) nightly ${result.slicedFullSegmentation.nightlyTotalMsMedian} ms, longest slice ${result.slicedFullSegmentation.nightlyLongestSliceMs} ms; after a day shut ${result.slicedFullSegmentation.catchUpTotalMs} ms, longest slice ${result.slicedFullSegmentation.catchUpLongestSliceMs} ms (${result.slicedFullSegmentation.slices} slices)`,
    `  full re-segmentation, cold    ${result.coldFullSegmentationMs} ms → ${result.coldVsScan}× the scan (no stored scores: every row written)`,
    `  segment command (tookMs)      ${cliTookMs} ms`,
    `  rebuild from raw activity     ${result.rebuildFromRawMs} ms (engine version change only)`,
    `  inbox page p95 (engine)       ${INBOX_TABS.map((tab) => `${tab} ${inboxP95[tab]}`).join(', ')} ms (goal ≤ 10)`,
    `  inbox page p95 (API)          ${INBOX_TABS.map((tab) => `${tab} ${inboxApiP95[tab]}`).join(', ')} ms`,
    `  profile p95                   ${result.profileP95Ms} ms (goal ≤ 25)`,
    `  incremental, 1,000 activities ${result.incremental1000Ms.observerMedian} ms engine work inside the apply (goal ≤ 50); ${result.incremental1000Ms.recomputeWithCommitMedian} ms as a separate catch-up with its own commit`,
    `  applying those 1,000          ${result.incremental1000Ms.applyWithEngineMedian} ms with the engine, ${result.incremental1000Ms.applyWithoutEngineMedian} ms without (commit included in both)`,
    result.ingestPerSec === null ? '' : `  ingest with the engine        ${result.ingestPerSec.toLocaleString('en')} records/s`,
    `  machine                       ${cpu}, ${result.machine.cores} cores, ${result.machine.memoryGb} GB, Node ${process.version}, load ${result.machine.loadAverage.join(' ')}`,
  ];
  process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
}

await main();
