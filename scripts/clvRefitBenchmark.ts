/**
 * The customer-base model refit as the worker runs it (issue 19's `clvRefitMs`), timed beside a
 * plain GROUP BY over every activity in the same process.
 *
 *   node scripts/runTypeScript.mjs scripts/clvRefitBenchmark.ts --build --data-dir /tmp/clv100k --supporters 100000 --activities 5000000
 *   node scripts/runTypeScript.mjs scripts/clvRefitBenchmark.ts --data-dir /tmp/clv100k [--runs 5] [--json]
 *
 * `--build` fills an empty folder with the demo generator (90 days, seed 7, the demo time
 * 2025-12-03T10:00:00Z), its busyness set so the activity count comes near `--activities`, as
 * `crm bench` does; then the refit is timed. Without it the workspace is opened as it is (a
 * workspace of an older schema is migrated on open, and the migration's time is printed).
 *
 * Each run: the yardstick `SELECT supporterId, count(*), sum(tokens), max(at) FROM activities
 * GROUP BY supporterId`, then `ClvService.refitInSlices` at the demo time, as the worker's
 * nightly run calls it. Both are timed on the wall clock and in this process's CPU time: on a
 * machine shared with other work the CPU time moves far less from run to run.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
import { createDemoWorkspace } from '../electron/core/demo/createDemoWorkspace';
import { generateDemoRecords } from '../electron/core/demo/generateDemoRecords';
import { yieldToEventLoop } from '../electron/core/engine/yieldToEventLoop';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    build: { type: 'boolean', default: false },
    supporters: { type: 'string', default: '100000' },
    activities: { type: 'string', default: '5000000' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});

const NOW = Date.parse('2025-12-03T10:00:00Z');
const DAYS = 90;
const SEED = 7;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const dataDir = values['data-dir'] ?? fail('usage: clvRefitBenchmark.ts --data-dir DIR [--build --supporters N --activities A] [--runs R] [--json]');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail('--runs must be a whole number ≥ 1');
const say = (message: string) => {
  if (!values.json) process.stdout.write(`${message}\n`);
};

if (values.build) {
  const supporters = Number(values.supporters);
  const activities = Number(values.activities);
  if (!(supporters >= 1 && activities >= 1)) fail('--supporters and --activities must be positive numbers');
  if (fs.existsSync(CrmCore.cachePath(dataDir))) fail(`${dataDir} already holds a workspace; --build needs an empty folder`);
  // The generator's activity count grows with busyness: measured on a sample, as `crm bench` does.
  const sample = Math.min(supporters, 2000);
  let sampleActivities = 0;
  for (const record of generateDemoRecords({ supporters: sample, days: DAYS, seed: SEED, now: NOW, busyness: 1 })) {
    if (record.entity === 'activity') sampleActivities += 1;
  }
  const busyness = Math.max(0.05, activities / supporters / (sampleActivities / sample));
  const started = performance.now();
  const core = CrmCore.open({ dataDir, clock: () => NOW });
  createCoreServices(core);
  let reported = 0;
  const summary = createDemoWorkspace(core, { supporters, days: DAYS, seed: SEED, now: NOW, busyness }, (progress) => {
    if (progress.supporters - reported >= 10_000) {
      reported = progress.supporters;
      say(`… ${progress.supporters} supporters, ${progress.activities} activities`);
    }
  });
  core.close();
  say(`built ${summary.supporters} supporters, ${summary.activities} activities in ${Math.round((performance.now() - started) / 1000)} s`);
}

const opened = performance.now();
const core = CrmCore.open({ dataDir, clock: () => NOW });
const openMs = performance.now() - opened;
const services = createCoreServices(core);
const yardstick = core.db.prepare('SELECT supporterId, count(*), sum(tokens), max(at) FROM activities GROUP BY supporterId');
const activityCount = core.db.prepare<[], number>('SELECT count(*) FROM activities').pluck().get() ?? 0;
say(`workspace opened in ${Math.round(openMs)} ms (any migration included): ${activityCount} activities`);

const refitRuns: number[] = [];
const yardstickRuns: number[] = [];
const refitCpuRuns: number[] = [];
const yardstickCpuRuns: number[] = [];
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
let lastFit: Awaited<ReturnType<typeof services.clv.refitInSlices>> | null = null;
for (let run = 0; run < runs; run += 1) {
  let started = performance.now();
  let cpu = process.cpuUsage();
  yardstick.all();
  yardstickRuns.push(performance.now() - started);
  yardstickCpuRuns.push(cpuMsSince(cpu));
  started = performance.now();
  cpu = process.cpuUsage();
  lastFit = await services.clv.refitInSlices(NOW, { pause: yieldToEventLoop });
  refitRuns.push(performance.now() - started);
  refitCpuRuns.push(cpuMsSince(cpu));
  say(
    `run ${run + 1}: refit ${Math.round(refitRuns.at(-1) ?? 0)} ms (CPU ${Math.round(refitCpuRuns.at(-1) ?? 0)} ms; model fit ${Math.round(lastFit.fitMs)} ms), ` +
      `GROUP BY yardstick ${Math.round(yardstickRuns.at(-1) ?? 0)} ms (CPU ${Math.round(yardstickCpuRuns.at(-1) ?? 0)} ms)`,
  );
}
core.close();

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const result = {
  activities: activityCount,
  openMs: Math.round(openMs),
  clvRefitMs: Math.round(median(refitRuns)),
  clvRefitRunsMs: refitRuns.map(Math.round),
  groupByYardstickMs: Math.round(median(yardstickRuns)),
  clvRefitCpuMs: Math.round(median(refitCpuRuns)),
  groupByYardstickCpuMs: Math.round(median(yardstickCpuRuns)),
  supportersFitted: lastFit?.supportersFitted ?? 0,
  parameters: lastFit?.parameters ?? null,
  hotLeadPrecision: lastFit?.hotLeadPrecision ?? null,
};
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else say(`median refit ${result.clvRefitMs} ms (CPU ${result.clvRefitCpuMs} ms), yardstick ${result.groupByYardstickMs} ms (CPU ${result.groupByYardstickCpuMs} ms)`);
