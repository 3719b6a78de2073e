/**
 * Issue 16 item 6 at full size: the demo generator's log applied in pages of different sizes (and,
 * with `--shuffle`, in a seeded random arrival order) must raise the same alerts — type,
 * supporter, time — as the whole log in one batch in (`at`, `id`) order (SPEC §8 v1.1).
 *
 *   node_modules/.bin/node scripts/runTypeScript.mjs scripts/alertPageSplitCheck.ts [--supporters 2000] [--page-sizes 5000,1234,777] [--shuffle] [--json]
 *
 * Prints the number of alerts of each run and the first differences; exits 1 if any run differs.
 * Each run is a fresh workspace in a temp folder with the alert service installed, as the app
 * applies sync pages (the engine's recompute is left out: alerts never read it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installAlertService } from '../electron/core/alerts/alertService';
import { CrmCore } from '../electron/core/crmCore';
import { generateDemoRecords, type ChangeRecordJson } from '../electron/core/demo/generateDemoRecords';
import { SeededRandom } from '../electron/core/demo/seededRandom';

const { values } = parseArgs({
  options: {
    supporters: { type: 'string', default: '2000' },
    'page-sizes': { type: 'string', default: '5000,1234,777' },
    shuffle: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
  },
});

const supporters = Number(values.supporters);
const pageSizes = (values['page-sizes'] ?? '').split(',').map(Number);
if (!(supporters > 0) || pageSizes.length === 0 || pageSizes.some((size) => !(size > 0))) {
  process.stderr.write('usage: alertPageSplitCheck.ts [--supporters N] [--page-sizes A,B,C] [--shuffle] [--seed S] [--json]\n');
  process.exit(2);
}

const now = Date.parse('2025-12-03T10:00:00Z');
const log = [...generateDemoRecords({ supporters, days: 90, seed: Number(values.seed), now })];

/** The reference order: everything but activities first, then activities by (`at`, `id`). */
function orderedBatch(records: readonly ChangeRecordJson[]): ChangeRecordJson[] {
  const activities = records.filter((record) => record.entity === 'activity');
  const at = (record: ChangeRecordJson) => Date.parse(String(record.data.at));
  const id = (record: ChangeRecordJson) => String(record.data.id);
  activities.sort((a, b) => at(a) - at(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return [...records.filter((record) => record.entity !== 'activity'), ...activities];
}

function shuffled(records: readonly ChangeRecordJson[], seed: number): ChangeRecordJson[] {
  const random = new SeededRandom(seed);
  const copy = [...records];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other] as ChangeRecordJson, copy[index] as ChangeRecordJson];
  }
  return copy;
}

/** Applies `records` in pages of `pageSize` to a fresh workspace and returns its alerts as "type supporter createdAt" lines. */
function alertsOf(records: readonly ChangeRecordJson[], pageSize: number): { lines: string[]; ms: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-split-'));
  const core = CrmCore.open({ dataDir: dir, clock: () => now });
  try {
    installAlertService(core);
    const started = performance.now();
    for (let start = 0; start < records.length; start += pageSize) {
      core.applyBatch(
        records.slice(start, start + pageSize).map((value, position) => ({ kind: 'value', value, position: start + position })),
        'split-check',
      );
    }
    const ms = performance.now() - started;
    const rows = core.db.prepare('SELECT type, supporterId, createdAt FROM alerts').all() as { type: string; supporterId: string; createdAt: number }[];
    return { lines: rows.map((row) => `${row.type} ${row.supporterId} ${new Date(row.createdAt).toISOString()}`).sort(), ms };
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const reference = alertsOf(orderedBatch(log), log.length);
const runs = pageSizes.map((pageSize) => ({ pageSize, ...alertsOf(values.shuffle ? shuffled(log, Number(values.seed) + pageSize) : log, pageSize) }));
const report = {
  records: log.length,
  reference: reference.lines.length,
  runs: runs.map((run) => {
    const expected = new Set(reference.lines);
    const got = new Set(run.lines);
    return {
      pageSize: run.pageSize,
      order: values.shuffle ? 'shuffled' : 'as generated',
      alerts: run.lines.length,
      missing: reference.lines.filter((line) => !got.has(line)).slice(0, 5),
      extra: run.lines.filter((line) => !expected.has(line)).slice(0, 5),
      seconds: Number((run.ms / 1000).toFixed(1)),
    };
  }),
};
const identical = report.runs.every((run) => run.alerts === report.reference && run.missing.length === 0 && run.extra.length === 0);
if (values.json) process.stdout.write(`${JSON.stringify({ ...report, identical })}\n`);
else {
  process.stdout.write(`${report.records} records; one ordered batch: ${report.reference} alerts\n`);
  for (const run of report.runs) {
    process.stdout.write(`pages of ${run.pageSize} (${run.order}): ${run.alerts} alerts in ${run.seconds} s${run.missing.length + run.extra.length > 0 ? ` — missing ${JSON.stringify(run.missing)}, extra ${JSON.stringify(run.extra)}` : ''}\n`);
  }
  process.stdout.write(identical ? 'identical\n' : 'DIFFERENT\n');
}
process.exitCode = identical ? 0 : 1;
