import { runBenchmark, type BenchmarkResult } from '../../core/bench/runBenchmark';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

/**
 * `bench`: the console at creator scale (issue 19), each figure beside its yardstick measured in the
 * same run, and each goal met or missed. The workspace (the first sync over HTTP) is built once per
 * data set in `--bench-dir` and reused by later runs; without it, in a temporary folder.
 */
export const benchCommand: CliCommand = {
  name: 'bench',
  usage: 'bench [--supporters N] [--activities A] [--seed S] [--bench-dir DIR] [--keep]',
  summary: 'benchmark the console at creator scale: every figure beside its yardstick, each goal met or missed',
  // Works in a workspace of its own.
  writes: false,
  valueOptions: ['supporters', 'activities', 'seed', 'bench-dir'],
  flags: ['keep'],
  run({ options, log }) {
    const benchDir = options['bench-dir'];
    if (typeof benchDir === 'boolean' || benchDir === '') throw new CliUsageError('--bench-dir needs a folder');
    return runBenchmark({
      supporters: requireIntegerOption(options, 'supporters', 100_000, { min: 10, max: 1_000_000 }),
      activities: requireIntegerOption(options, 'activities', 5_000_000, { min: 100, max: 50_000_000 }),
      seed: requireIntegerOption(options, 'seed', 7, { min: 0, max: 2 ** 31 }),
      ...(benchDir === undefined ? {} : { benchDir }),
      keep: options.keep === true,
      log,
    });
  },
  formatHuman(result) {
    return formatBenchmark(result as BenchmarkResult);
  },
};

/** Every figure beside its yardstick, then each goal of issue 19 met or missed (and what dominates a miss). */
export function formatBenchmark(r: BenchmarkResult): string {
  const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
  const m = r.machine;
  const observers = Object.entries(r.firstSync.observerSeconds ?? {});
  const firstSync = `${observers.length === 0 ? '' : `; in each observer: ${observers.map(([name, seconds]) => `${name} ${seconds} s`).join(', ')}`}${r.firstSync.reused ? `; measured ${r.firstSync.measuredAt}, when the workspace was built` : ''}`;
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, ${m.platform}, Node ${m.node}; load average ${m.loadAverage.start.join(' ')} → ${m.loadAverage.end.join(' ')}`,
    `workspace: ${r.supporters} supporters, ${r.activities} activities`,
    `firstSyncPerSec: ${r.firstSyncPerSec} records/s over HTTP, every service on (${r.firstSync.records} records in ${r.firstSync.seconds} s${firstSync}) vs rawInsertPerSec ${r.rawInsertPerSec} (${times(r.firstSyncPerSec, r.rawInsertPerSec)})`,
    `rebuildMs: ${r.rebuildMs} ms vs rebuildYardstickMs ${r.rebuildYardstickMs} ms (${times(r.rebuildMs, r.rebuildYardstickMs)}); noopRescoreMs ${r.noopRescoreMs} ms`,
    `pageApplyMs: p50 ${r.pageApplyMs.p50} ms, p95 ${r.pageApplyMs.p95} ms vs pageApplyRawMs p50 ${r.pageApplyRawMs.p50} ms, p95 ${r.pageApplyRawMs.p95} ms (p95 ${times(r.pageApplyMs.p95, r.pageApplyRawMs.p95)})`,
    `  median per page: ${Object.entries(r.pageApplyPartsMs).map(([part, ms]) => `${part} ${ms} ms`).join(', ')}`,
    `inboxP95Ms: ${Object.entries(r.inboxP95Ms).map(([tab, ms]) => `${tab} ${ms} ms`).join(', ')}`,
    `  first page: ${Object.entries(r.inboxFirstPageP95Ms).map(([tab, ms]) => `${tab} ${ms} ms`).join(', ')} (p95)`,
    `  last page: ${Object.entries(r.inboxLastPage).map(([tab, last]) => `${tab} ${last.ms} ms (offset ${last.offset} of ${last.total})`).join(', ')}`,
    `searchP95Ms: ${r.searchP95Ms === null ? 'not measured' : `${r.searchP95Ms} ms`}`,
    `coldOpenMs: ${r.coldOpenMs} ms to the first ${r.coldOpen.tab} page vs a new process opening the file and reading 50 rows ${r.coldOpenYardstickMs} ms (${times(r.coldOpenMs, r.coldOpenYardstickMs)}); in the process: modules loaded ${r.coldOpen.breakdownMs.modulesLoaded} ms, runtime started ${r.coldOpen.breakdownMs.runtimeStarted} ms, page answered ${r.coldOpen.breakdownMs.firstPage} ms`,
    `clvRefitMs: ${r.clvRefitMs} ms`,
    `alertLatencyMs: ${r.alertLatencyMs === null ? 'not measured (see the log)' : `p50 ${r.alertLatencyMs.p50} ms, p95 ${r.alertLatencyMs.p95} ms`}`,
    `peakRssMb: ${r.peakRssMb} MB (first sync ${r.peakRssPartsMb.firstSync}, rebuilds/refits/pages ${r.peakRssPartsMb.inboxRebuildRefitPages}, cold open ${r.peakRssPartsMb.coldOpen}, rebuild beside pings ${r.peakRssPartsMb.rebuildWithPings})`,
    `pingDuringRebuildMaxMs: ${r.pingDuringRebuildMaxMs} ms over ${r.pingDuringRebuild.pings} pings (the rebuild took ${r.pingDuringRebuild.rebuildMs} ms)`,
    '',
    'goals (issue 19):',
    ...r.goals.map(
      (verdict) =>
        `  ${verdict.met === null ? 'not measured' : verdict.met ? 'met   ' : 'MISSED'}  ${verdict.goal}: ${verdict.measured}${verdict.dominatedBy === undefined ? '' : `; dominated by ${verdict.dominatedBy}`}`,
    ),
  ].join('\n');
}
