import { runBenchmark, type BenchmarkResult } from '../../core/bench/runBenchmark';
import type { CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

export const benchCommand: CliCommand = {
  name: 'bench',
  usage: 'bench [--supporters N] [--activities A] [--seed S] [--keep]',
  summary: 'benchmark the console at creator scale (fresh workspace; each figure beside its raw-SQLite yardstick)',
  // Works in a fresh workspace of its own.
  writes: false,
  valueOptions: ['supporters', 'activities', 'seed'],
  flags: ['keep'],
  run({ options, log }) {
    return runBenchmark({
      supporters: requireIntegerOption(options, 'supporters', 100_000, { min: 10, max: 1_000_000 }),
      activities: requireIntegerOption(options, 'activities', 5_000_000, { min: 100, max: 50_000_000 }),
      seed: requireIntegerOption(options, 'seed', 7, { min: 0, max: 2 ** 31 }),
      keep: options.keep === true,
      workerPath: new URL('../../core/worker/coreWorkerFromSource.mjs', import.meta.url),
      log,
    });
  },
  formatHuman(result) {
    const r = result as BenchmarkResult;
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
    return [
      `machine: ${r.machine.cores} cores, ${r.machine.memoryGb} GiB, ${r.machine.platform}, Node ${r.machine.node}`,
      `workspace: ${r.supporters} supporters, ${r.activities} activities`,
      `ingest: ${r.ingestPerSec}/s vs raw insert ${r.rawInsertPerSec}/s (${ratio(r.ingestPerSec, r.rawInsertPerSec)}×; goal ≥ 0.4×)`,
      `full segmentation: ${r.fullSegmentationMs} ms vs raw scan ${r.rawScanMs} ms (${ratio(r.fullSegmentationMs, r.rawScanMs)}×; goal ≤ 1.5×)`,
      `incremental recompute after 1,000 new activities: ${r.incrementalMs} ms (goal ≤ 50) vs raw read and rewrite of those supporters' rows ${r.incrementalRawMs} ms (${ratio(r.incrementalMs, r.incrementalRawMs)}×); alert evaluation of the batch ${r.incrementalAlertsMs} ms; whole apply incl. inserts and commit ${r.incrementalApplyMs} ms`,
      `inbox p95: ${Object.entries(r.inboxP95Ms).map(([tab, ms]) => `${tab} ${ms} ms`).join(', ')} (goal ≤ 10 each)`,
      `profile p95: ${r.profileP95Ms} ms (goal ≤ 25)`,
      `CLV fit: ${r.clvFitMs === null ? 'n/a' : `${r.clvFitMs} ms`}`,
      `ping during full recompute, max: ${r.pingDuringSegmentationMaxMs} ms (goal ≤ 100)`,
      `alert latency, VIP online on the platform → notification: ${r.alertLatencyMs === null ? 'not measured (no offline VIP)' : `p50 ${r.alertLatencyMs.p50} ms, p95 ${r.alertLatencyMs.p95} ms`} (goal p95 ≤ 1,000)`,
      `peak RSS: ${r.peakRssMb} MB (goal ≤ 400)`,
    ].join('\n');
  },
};
