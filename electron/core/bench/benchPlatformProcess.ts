// Child process entry of `crm bench`'s first sync (see startBenchPlatform): the reference platform
// serving the benchmark's data set over HTTP, in a process of its own as a real platform is.
import { startPlatformServer } from '../../platform/platformServer';
import { generateDemoRecords } from '../demo/generateDemoRecords';
import { parseBenchPlatformArgs } from './startBenchPlatform';

const MINUTE_MS = 60_000;

const args = parseBenchPlatformArgs(process.argv.slice(2));
if (args === null) {
  process.stderr.write('usage: forked by startBenchPlatform(options)\n');
  process.exit(2);
}
const server = await startPlatformServer({ token: args.token, maxLimit: 10_000 });
// A real platform's log is in the order things happened, so a first sync meets every supporter's
// activity spread over the whole pull, as in a creator's account. The generator goes supporter by
// supporter instead: its records are laid out by time here — the creator, streams, listings and
// supporters first, then activity minute by minute (in generated order within a minute) — kept as
// JSON text, the way the platform's log holds them, so the data set is never held as objects.
const byMinute = new Map<number, string[]>();
for (const record of generateDemoRecords(args.demo)) {
  const json = JSON.stringify(record);
  if (record.entity !== 'activity') {
    server.log.appendSerialized(json);
    continue;
  }
  const minute = Math.floor(Date.parse(String(record.data.at)) / MINUTE_MS);
  const bucket = byMinute.get(minute);
  if (bucket === undefined) byMinute.set(minute, [json]);
  else bucket.push(json);
}
for (const minute of [...byMinute.keys()].sort((a, b) => a - b)) {
  for (const json of byMinute.get(minute) ?? []) server.log.appendSerialized(json);
  byMinute.delete(minute);
}
process.stdout.write(`${JSON.stringify({ url: server.url, records: server.log.length })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
