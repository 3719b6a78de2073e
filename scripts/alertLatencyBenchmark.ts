/**
 * `alertLatencyMs` alone (issue 19): a VIP coming online on the live reference platform, to the
 * app's notification planner emitting it, through the app's own core runtime and sync service.
 * `crm bench` reports the same figure; this runs just it.
 *
 *   npm run -s alert-latency -- [--samples 30] [--supporters 2000] [--seed 7] [--json]
 *   npm run -s alert-latency -- --data-dir DIR --data-now ISO [--samples 30]
 *
 * The first form has the platform serve a demo world made now, which the app first-syncs; the
 * second measures in an existing workspace (say, one made with `crm demo --supporters 100000
 * --now ISO`) on a clock shifted to the time its data was made for.
 * Progress goes to stderr; stdout gets the result (one JSON document with --json).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { measureAlertLatency } from '../electron/core/bench/measureAlertLatency';
import { scriptArguments } from './support/scriptArguments';

const { values } = parseArgs({
  options: {
    samples: { type: 'string' },
    supporters: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    'data-now': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  strict: true,
});
const USAGE = 'Usage: npm run -s alert-latency -- [--samples N (1-200)] [--supporters N (50-200000) | --data-dir DIR --data-now ISO] [--seed S] [--json]';
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const { fail, integer } = scriptArguments('alert-latency', USAGE);

const dataDir = values['data-dir'];
let dataNow: number | undefined;
if ((dataDir === undefined) !== (values['data-now'] === undefined)) fail('--data-dir and --data-now go together');
if (values['data-now'] !== undefined) {
  dataNow = Date.parse(values['data-now']);
  if (!Number.isFinite(dataNow)) fail('--data-now needs an ISO-8601 timestamp');
}
if (dataDir !== undefined && !fs.existsSync(dataDir)) fail(`no workspace at ${dataDir}`);

const result = await measureAlertLatency({
  samples: integer(values.samples, 'samples', 30, 1, 200),
  supporters: integer(values.supporters, 'supporters', 2000, 50, 200_000),
  seed: integer(values.seed, 'seed', 7, 0, 2 ** 31),
  ...(dataDir !== undefined && dataNow !== undefined ? { dataDir, dataNow } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ alertLatencyMs: result })}\n`);
} else {
  process.stdout.write(
    `alertLatencyMs: p50 ${result.p50} ms, p95 ${result.p95} ms (goal ≤ 1,000), max ${result.max} ms over ${result.samples} VIPs coming online` +
      `${result.misses > 0 ? `, ${result.misses} never shown` : ''} (alerts_raised p50 ${result.raisedP50} ms, p95 ${result.raisedP95} ms; ${result.supporters} supporters)\n`,
  );
}
