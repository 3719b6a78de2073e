/**
 * Now queue pages at scale (issue 17, SPEC §11): the first page and pages at random offsets, read
 * through `readInboxPage` exactly as the console asks for them (scores current first), reported as
 * p50 / p95 in milliseconds, beside the other tabs' first pages for comparison, and the first deep
 * page after a write (which reads the deep pages' checkpoints again).
 *
 *   npm run -s crm -- demo --data-dir /tmp/nowq100k --supporters 100000 --days 90 --seed 7 --now 2025-12-03T10:00:00Z
 *   node_modules/.bin/node scripts/runTypeScript.mjs scripts/nowQueueBenchmark.ts --data-dir /tmp/nowq100k [--now ISO] [--samples 200] [--json]
 *
 * The clock is `--now` (default: the demo command's above), moved on by one millisecond per sample so no
 * read is answered from a cache of the previous one (the alert term is re-checked each time).
 */
import { parseArgs } from 'node:util';
import { percentile } from '../electron/core/bench/percentile';
import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
import { readInboxPage, type InboxPageRequest } from '../electron/core/engine/inbox/readInboxPage';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, now: { type: 'string', default: '2025-12-03T10:00:00Z' }, samples: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } },
});
const dataDir = values['data-dir'];
if (dataDir === undefined) throw new Error('--data-dir DIR is required (a workspace made by `crm demo`)');
const samples = Number(values.samples);
if (!Number.isInteger(samples) || samples < 1) throw new Error('--samples must be a positive integer');

const core = CrmCore.open({ dataDir });
try {
  const services = createCoreServices(core, { observers: 'none' });
  const now = Date.parse(values.now);
  if (Number.isNaN(now)) throw new Error('--now must be an ISO-8601 time');
  services.segmentation.ensureCurrent(now);
  // One read before timing: statements prepared, the alert term brought up to date once.
  const first = readInboxPage(services, { tab: 'now', limit: 50 }, now);
  // Wall-clock time, and the process's CPU time over the same read: on a shared machine the wall
  // clock also counts the time other work held the CPU, the CPU time only this read's own work.
  const timed = (request: (index: number) => InboxPageRequest) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      readInboxPage(services, request(index), now + index);
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), cpuP95: round(percentile(cpuTimes, 95)) };
  };
  const timedAfterWrite = (request: (index: number) => InboxPageRequest) => {
    const times: number[] = [];
    for (let index = 0; index < Math.min(samples, 50); index += 1) {
      // Records the moment the alert term is current for: a real one-row write, changing nothing else.
      core.transaction(() => core.stores.nowQueue.storeAlertTerm([], now + index));
      const started = performance.now();
      readInboxPage(services, request(index), now + index);
      times.push(performance.now() - started);
    }
    return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
  };
  // Deep offsets spread evenly over the whole queue (a fixed stride, so every run reads the same pages).
  const stride = Math.max(1, Math.floor(first.total / samples));
  const result = {
    supporters: Object.values(core.stores.scores.segmentCounts()).reduce((sum, count) => sum + count, 0),
    nowQueue: first.total,
    nowFirstPage: timed(() => ({ tab: 'now', limit: 50 })),
    nowDeepOffsets: timed((index) => ({ tab: 'now', limit: 50, offset: (index * stride) % Math.max(1, first.total) })),
    nowFirstPageOf100: timed(() => ({ tab: 'now', limit: 100 })),
    // After any write the deep pages' checkpoints are read again (one pass over the queue's index):
    // the first deep page after a write, each sample preceded by a one-row write.
    nowDeepOffsetAfterWrite: timedAfterWrite((index) => ({ tab: 'now', limit: 50, offset: (index * stride) % Math.max(1, first.total) })),
    allFirstPage: timed(() => ({ tab: 'all', limit: 50 })),
    dormantFirstPage: timed(() => ({ tab: 'dormant', limit: 50 })),
  };
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${Object.entries(result).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n')}\n`);
} finally {
  core.close();
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
