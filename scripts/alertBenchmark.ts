/**
 * Alert evaluation of a sync page (issue 19): applies pages of 1,000 change records of a realistic
 * mix to a copy of an existing workspace, with the app's services installed (engine recompute and
 * alert evaluation, in the page's transaction), and reports per page the whole apply and the alert
 * evaluation's share, as p50 / p95.
 *
 *   npm run -s crm -- demo --data-dir /tmp/alerts20k --supporters 20000 --seed 7 --now 2025-12-03T10:00:00Z
 *   node_modules/.bin/node scripts/runTypeScript.mjs scripts/alertBenchmark.ts --data-dir /tmp/alerts20k [--pages 40] [--late 0.1] [--json]
 *
 * The workspace is copied first (`--in-place` skips the copy), so every run measures the same data.
 * The clock starts at the workspace's demo time and moves 10 minutes per page. Each page holds:
 * - new activity of the last 10 minutes (chats both ways, gifts, profile views, likes, presence on
 *   and off, live gifts) from random supporters — the live case;
 * - a share (`--late`, default 0.1) of older records that arrive late, 1–20 days back;
 * - a few supporter updates and deletes of records sent by earlier pages.
 * The first `--warmup` pages (default 5) are applied but not counted (cold cache, first judging).
 *
 * On a shared machine wall-clock times swing with the load, so alert evaluation is also timed
 * `--repeat` times (default 5) per page inside a savepoint that is rolled back, before the real
 * evaluation: the fastest of those (`alertsMinMs`) is what the evaluation costs when it gets the
 * CPU, and compares across runs and versions. The alert service's observer is replaced by this
 * timing observer (the same evaluation, minus the announcement after commit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateNewActivity } from '../electron/core/alerts/alertService';
import { percentile } from '../electron/core/bench/percentile';
import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
import { demoSupporterId } from '../electron/core/demo/demoSupporterId';
import { SeededRandom } from '../electron/core/demo/seededRandom';
import type { IncomingRecord } from '../electron/core/ingest/applyChangeBatch';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    pages: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '5' },
    late: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '11' },
    repeat: { type: 'string', default: '5' },
    'in-place': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PAGE = 1000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const source = values['data-dir'] ?? fail('usage: alertBenchmark.ts --data-dir DIR (a workspace made by `crm demo`)');
if (!fs.existsSync(CrmCore.cachePath(source))) fail(`No workspace at ${source}`);
const pages = Number(values.pages);
const warmup = Number(values.warmup);
const lateShare = Number(values.late);
const repeat = Number(values.repeat);
if (!(pages > 0) || !(warmup >= 0) || !(repeat >= 0) || !(lateShare >= 0 && lateShare <= 1)) fail('--pages, --warmup, --repeat and --late must be numbers (late between 0 and 1)');

let dataDir = source;
let copy: string | null = null;
if (!values['in-place']) {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-bench-'));
  const sourceDb = new (await import('better-sqlite3')).default(CrmCore.cachePath(source), { readonly: true });
  await sourceDb.backup(CrmCore.cachePath(copy));
  sourceDb.close();
  dataDir = copy;
}

const clock = { now: 0 };
const core = CrmCore.open({ dataDir, clock: () => clock.now });
try {
  const demoAt = core.stores.meta.get('demoGeneratedAt');
  clock.now = demoAt === null ? Date.now() : Date.parse(demoAt);
  const supporters = core.db.prepare<[], number>('SELECT count(*) FROM supporters').pluck().get() ?? 0;
  const activities = core.db.prepare<[], number>('SELECT count(*) FROM activities').pluck().get() ?? 0;
  if (supporters === 0) fail('The workspace has no supporters.');
  // The engine follows every page as in the app (timed per page); alert evaluation is this script's own observer below.
  const observerMs = new Map<string, number>();
  const services = createCoreServices(core, {
    observers: 'engine',
    wrapObserver: (observer) => ({
      name: observer.name,
      afterBatch(outcome) {
        const started = performance.now();
        observer.afterBatch(outcome);
        observerMs.set(observer.name, performance.now() - started);
      },
    }),
  });
  // Bring the engine current first, so its catch-up is not counted in the first page.
  services.segmentation.ensureCurrent(clock.now);
  let alertRunMs = 0;
  let alertMinMs = 0;
  let alertMinCpuMs = 0;
  /** Wall and CPU time of the rolled-back evaluations of the last page: taken off the page's own figures. */
  let repeatedMs = 0;
  let repeatedCpuMs = 0;
  /** This process's CPU time (all threads), which a loaded machine stretches far less than the wall clock. */
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  class Rollback extends Error {}
  core.addObserver({
    name: 'alerts',
    afterBatch(outcome) {
      alertMinMs = Number.POSITIVE_INFINITY;
      alertMinCpuMs = Number.POSITIVE_INFINITY;
      const repeatStarted = performance.now();
      const repeatStartedCpu = cpuMs();
      for (let run = 0; run < repeat; run += 1) {
        const started = performance.now();
        const startedCpu = cpuMs();
        try {
          core.db
            .transaction(() => {
              evaluateNewActivity(core, clock.now, { inserted: outcome.insertedActivities });
              alertMinMs = Math.min(alertMinMs, performance.now() - started);
              alertMinCpuMs = Math.min(alertMinCpuMs, cpuMs() - startedCpu);
              throw new Rollback();
            })
            .immediate();
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
        }
      }
      repeatedMs = performance.now() - repeatStarted;
      repeatedCpuMs = cpuMs() - repeatStartedCpu;
      const started = performance.now();
      core.db.transaction(() => evaluateNewActivity(core, clock.now, { inserted: outcome.insertedActivities })).immediate();
      alertRunMs = performance.now() - started;
    },
  });

  const random = new SeededRandom(Number(values.seed));
  const sent: { id: string; supporterId: string }[] = [];
  const supporterId = () => demoSupporterId(random.int(1, supporters));
  const whole: number[] = [];
  const alerts: number[] = [];
  const alertsMin: number[] = [];
  const alertsMinCpu: number[] = [];
  const wholeCpu: number[] = [];
  const engine: number[] = [];
  let raisedAlerts = 0;
  const countAlerts = core.db.prepare<[], number>('SELECT count(*) FROM alerts').pluck();
  for (let page = 0; page < pages + warmup; page += 1) {
    clock.now += 10 * MINUTE;
    const batch: unknown[] = [];
    for (let index = 0; index < PAGE; index += 1) {
      const roll = random.next();
      const id = `bench-${values.seed}-${page}-${index}`;
      if (roll < 0.01 && sent.length > 0) {
        const [victim] = sent.splice(random.int(0, sent.length - 1), 1);
        batch.push({ entity: 'activity', op: 'delete', data: { id: victim?.id } });
        continue;
      }
      if (roll < 0.03) {
        const who = supporterId();
        batch.push({ entity: 'supporter', op: 'upsert', data: { id: who, handle: `bench_${who}`, firstSeenAt: new Date(clock.now - 200 * DAY).toISOString() } });
        continue;
      }
      const late = random.next() < lateShare;
      const at = late ? clock.now - random.int(1, 20) * DAY - random.int(0, 600) * 1000 : clock.now - random.int(0, 600) * 1000;
      const who = supporterId();
      const type = random.weighted([
        ['chat_message', 30],
        ['creator_message', 15],
        ['gift', 10],
        ['profile_view', 12],
        ['like', 8],
        ['presence_on', 10],
        ['presence_off', 10],
        ['live_gift', 5],
      ] as const);
      const data: Record<string, unknown> = { id, supporterId: who, at: new Date(at).toISOString() };
      if (type === 'presence_on' || type === 'presence_off') Object.assign(data, { type: 'presence', online: type === 'presence_on' });
      else if (type === 'live_gift') Object.assign(data, { type, streamId: 'stream-1', tokens: random.int(5, 200) });
      else Object.assign(data, { type, tokens: type === 'gift' || (type === 'chat_message' && random.chance(0.3)) ? random.int(1, 120) : 0 });
      batch.push({ entity: 'activity', op: 'upsert', data });
      sent.push({ id, supporterId: who });
    }
    const incoming: IncomingRecord[] = batch.map((value, position) => ({ kind: 'value', value, position }));
    const before = countAlerts.get() ?? 0;
    const started = performance.now();
    const startedCpu = cpuMs();
    core.applyBatch(incoming, 'bench');
    // The repeated, rolled-back evaluations are not part of the page.
    const ms = performance.now() - started - repeatedMs;
    const pageCpuMs = cpuMs() - startedCpu - repeatedCpuMs;
    if (page < warmup) continue;
    whole.push(ms);
    wholeCpu.push(pageCpuMs);
    alerts.push(alertRunMs);
    alertsMin.push(alertMinMs);
    alertsMinCpu.push(alertMinCpuMs);
    engine.push(observerMs.get(services.segmentation.name) ?? Number.NaN);
    raisedAlerts += (countAlerts.get() ?? 0) - before;
  }
  const round = (value: number) => Number(value.toFixed(1));
  const figures = {
    supporters,
    activities,
    pages,
    lateShare,
    pageApplyMs: { p50: round(percentile(whole, 50)), p95: round(percentile(whole, 95)) },
    pageApplyCpuMs: { p50: round(percentile(wholeCpu, 50)), p95: round(percentile(wholeCpu, 95)) },
    alertsMs: { p50: round(percentile(alerts, 50)), p95: round(percentile(alerts, 95)) },
    alertsMinMs: repeat > 0 ? { p50: round(percentile(alertsMin, 50)), p95: round(percentile(alertsMin, 95)) } : null,
    alertsMinCpuMs: repeat > 0 ? { p50: round(percentile(alertsMinCpu, 50)), p95: round(percentile(alertsMinCpu, 95)) } : null,
    engineMs: { p50: round(percentile(engine, 50)), p95: round(percentile(engine, 95)) },
    alertsStoredPerPage: round(raisedAlerts / pages),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else {
    process.stdout.write(`${supporters} supporters, ${activities} activities; ${pages} pages of ${PAGE} records (${Math.round(lateShare * 100)} % late)\n`);
    process.stdout.write(`whole apply   p50 ${figures.pageApplyMs.p50} ms  p95 ${figures.pageApplyMs.p95} ms (CPU p50 ${figures.pageApplyCpuMs.p50} ms  p95 ${figures.pageApplyCpuMs.p95} ms)\n`);
    process.stdout.write(`alerts        p50 ${figures.alertsMs.p50} ms  p95 ${figures.alertsMs.p95} ms\n`);
    if (figures.alertsMinMs && figures.alertsMinCpuMs) {
      process.stdout.write(`alerts, fastest of ${repeat} per page  p50 ${figures.alertsMinMs.p50} ms  p95 ${figures.alertsMinMs.p95} ms (CPU p50 ${figures.alertsMinCpuMs.p50} ms  p95 ${figures.alertsMinCpuMs.p95} ms)\n`);
    }
    process.stdout.write(`engine        p50 ${figures.engineMs.p50} ms  p95 ${figures.engineMs.p95} ms\n`);
    process.stdout.write(`alerts stored per page: ${figures.alertsStoredPerPage}\n`);
  }
} finally {
  core.close();
  if (copy !== null) fs.rmSync(copy, { recursive: true, force: true });
}
