import { parseArgs } from 'node:util';
import { parseTimestamp } from '../core/ingest/parseTimestamp';
import { FAULT_KINDS, parseFaultKinds } from './faultInjector';
import { demoRecords, readRecordsFile } from './loadPlatformRecords';
import { startPlatformServer } from './platformServer';

const USAGE = `Usage: npm run -s platform -- --port P --token T (--data FILE.jsonl | --demo --supporters N --seed S [--days D] [--now ISO] [--max-records N])
       [--live [--live-interval-ms MS]] [--faults ${FAULT_KINDS.join(',')} --fault-rate R --fault-seed S] [--test-endpoints] [--verbose]

The reference platform for sync protocol v1 (docs/sync-protocol.md). Binds 127.0.0.1 only and prints its URL on one line when ready.`;

function fail(message: string): never {
  process.stderr.write(`platform: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} needs a whole number`);
  const number = Number(value);
  if (number < min || number > max) fail(`--${name} must be between ${min} and ${max}`);
  return number;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: 'string' },
    token: { type: 'string' },
    data: { type: 'string' },
    demo: { type: 'boolean' },
    supporters: { type: 'string' },
    seed: { type: 'string' },
    days: { type: 'string' },
    now: { type: 'string' },
    'max-records': { type: 'string' },
    live: { type: 'boolean' },
    'live-interval-ms': { type: 'string' },
    faults: { type: 'string' },
    'fault-rate': { type: 'string' },
    'fault-seed': { type: 'string' },
    'test-endpoints': { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.token) fail('--token is required');
if ((values.data === undefined) === (values.demo !== true)) fail('give either --data FILE.jsonl or --demo');

const port = integer(values.port, 'port', 0, 0, 65_535);
const seed = integer(values.seed, 'seed', 7, 0, 2 ** 31);
let now = Date.now();
if (values.now !== undefined) now = parseTimestamp(values.now) ?? fail('--now needs an ISO-8601 timestamp with a zone');

let records: Iterable<unknown>;
if (values.data !== undefined) {
  const loaded = await readRecordsFile(values.data).catch((error: Error) => fail(error.message));
  if (loaded.skippedLines > 0) process.stderr.write(`platform: skipped ${loaded.skippedLines} line(s) that are not JSON\n`);
  records = loaded.records;
} else {
  records = demoRecords({
    supporters: integer(values.supporters, 'supporters', 2000, 1, 1_000_000),
    seed,
    days: integer(values.days, 'days', 90, 1, 3650),
    now,
    ...(values['max-records'] !== undefined ? { maxRecords: integer(values['max-records'], 'max-records', 0, 1, 100_000_000) } : {}),
  });
}

const server = await startPlatformServer({
  token: values.token,
  port,
  records,
  ...(values.live ? { live: { intervalMs: integer(values['live-interval-ms'], 'live-interval-ms', 3000, 100, 3_600_000), seed } } : {}),
  testEndpoints: values['test-endpoints'] === true,
  logLine: values.verbose ? (line) => process.stderr.write(`platform: ${line}\n`) : undefined,
});
if (values.faults !== undefined) {
  let kinds;
  try {
    kinds = parseFaultKinds(values.faults);
  } catch (error) {
    fail((error as Error).message);
  }
  const rate = Number(values['fault-rate'] ?? '0.2');
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) fail('--fault-rate must be between 0 and 1');
  server.faults.setRandom({ rate, kinds, seed: integer(values['fault-seed'], 'fault-seed', 1, 0, 2 ** 31) });
}
process.stderr.write(`platform: serving ${server.log.length} change records${values.live ? ' (live)' : ''}\n`);
process.stdout.write(`${server.url}\n`);

const shutdown = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
