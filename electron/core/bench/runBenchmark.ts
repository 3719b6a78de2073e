import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiRequestName } from '../../../shared/contract/apiContract';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/segments';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices } from '../createCoreServices';
import { CrmCore, type ChangeObserver } from '../crmCore';
import { demoSupporterId } from '../demo/demoSupporterId';
import { generateDemoRecords, type ChangeRecordJson } from '../demo/generateDemoRecords';
import { SeededRandom } from '../demo/seededRandom';
import type { IncomingRecord } from '../ingest/applyChangeBatch';
import { ALERTS_OBSERVER } from '../alerts/alertService';
import { yieldToEventLoop } from '../engine/yieldToEventLoop';
import { SYNC_PAGE_SIZE } from '../sync/syncService';
import { measureAlertLatency } from './measureAlertLatency';
import { median, percentile } from './percentile';
import { measurePingInChildProcess } from './pingDuringSegmentation';
import { RawRowTouchYardstick } from './rawRowTouchYardstick';

export interface BenchmarkOptions {
  supporters: number;
  activities: number;
  seed: number;
  /** Where the throwaway workspace goes; removed afterwards unless `keep`. */
  workDir?: string;
  keep?: boolean;
  /** The core worker entry for the ping measurement (source under tsx, or the built file). */
  workerPath: string | URL;
  /** VIPs brought online for `alertLatencyMs` (default 30). */
  alertLatencySamples?: number;
  log?: (message: string) => void;
}

export interface BenchmarkResult {
  supporters: number;
  activities: number;
  ingestPerSec: number;
  rawInsertPerSec: number;
  fullSegmentationMs: number;
  rawScanMs: number;
  /** The engine's incremental recompute (rollups, scores, segments) of the batch of 1,000 new activities. */
  incrementalMs: number;
  /** Its yardstick: reading and rewriting the batch's supporters' rows by key in a bare one-row-per-supporter table, right after each batch. */
  incrementalRawMs: number;
  /** Alert evaluation of the same batch (it runs beside the recompute, inside the same transaction). */
  incrementalAlertsMs: number;
  /** The whole apply of those 1,000 activities: validation, inserts, recompute, alerts and commit. */
  incrementalApplyMs: number;
  inboxP95Ms: Record<InboxTab, number>;
  profileP95Ms: number;
  clvFitMs: number | null;
  pingDuringSegmentationMaxMs: number;
  /** A VIP coming online on the live reference platform to the notification planner emitting it, through the app's runtime and sync (null: the workspace has no offline VIP). */
  alertLatencyMs: { p50: number; p95: number } | null;
  peakRssMb: number;
  machine: { cores: number; memoryGb: number; platform: string; node: string };
}

/** Records per applied batch: a sync page, as the app receives them (the yardstick inserts the same batches). */
const BATCH = SYNC_PAGE_SIZE;
const DAYS = 90;
/**
 * A batch of 1,000 takes a fraction of a second, so its median is taken over more runs than the
 * costly figures: the first batches after the model refits meet a cold page cache and the odd one
 * a major GC (50–100 ms), and 21 runs keep those from deciding the median.
 */
const INCREMENTAL_RUNS = 21;
/** Rounds a figure for the report (one decimal by default). */
const ROUND = (value: number, digits = 1) => Number(value.toFixed(digits));

/**
 * One command for the whole console at creator scale (issue 8): builds a fresh workspace from the
 * demo generator and measures each figure beside its raw-SQLite yardstick in the same run.
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const write = options.log ?? (() => undefined);
  // Each phase is logged with the memory in use when it starts and the peak so far, to show where memory goes.
  const log = (message: string) => {
    const memory = process.memoryUsage();
    write(`${message} [rss ${mb(memory.rss)} MB (JS heap ${mb(memory.heapTotal)}, buffers ${mb(memory.external)}), peak ${mb(peakRssBytes())} MB]`);
  };
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  const dataDir = path.join(workDir, 'workspace');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const now = Date.parse('2025-12-03T10:00:00Z');
  try {
    const busyness = calibrateBusyness(options.supporters, options.activities, options.seed, now);
    const demo = { supporters: options.supporters, days: DAYS, seed: options.seed, now, busyness };

    log(`ingesting ${options.supporters} supporters (≈${options.activities} activities) through the real apply path, each batch also into a bare table…`);
    const core = CrmCore.open({ dataDir, clock: () => now });
    // The app's services, each change observer timed on every applied batch (the engine's is the incremental recompute).
    const lastObserverMs = new Map<string, number>();
    const timed = (observer: ChangeObserver): ChangeObserver => ({
      name: observer.name,
      afterBatch(outcome) {
        const started = performance.now();
        observer.afterBatch(outcome);
        lastObserverMs.set(observer.name, performance.now() - started);
      },
    });
    const services = createCoreServices(core, { wrapObserver: timed });
    const yardstick = new RawInsertYardstick(path.join(workDir, 'raw.sqlite'));
    let applyMs = 0;
    let records = 0;
    let activities = 0;
    await forEachBatch(demo, (batch) => {
      const incoming: IncomingRecord[] = batch.map((value, index) => ({ kind: 'value', value, position: records + index }));
      const started = performance.now();
      core.applyBatch(incoming, 'bench');
      applyMs += performance.now() - started;
      yardstick.insert(batch);
      records += batch.length;
      for (const record of batch) if (record.entity === 'activity') activities += 1;
    });
    const ingestPerSec = records / (applyMs / 1000);
    const rawInsertPerSec = yardstick.finish();

    const handlers = createRequestHandlers();
    const call = async (name: ApiRequestName, input: unknown) => {
      const result = await invokeRequest(services, handlers, name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };

    log('full segmentation vs a plain GROUP BY scan (median of 3)…');
    const segmentationRuns: number[] = [];
    const scanRuns: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      let started = performance.now();
      core.db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').all();
      scanRuns.push(performance.now() - started);
      started = performance.now();
      await call('segmentation.run', {});
      segmentationRuns.push(performance.now() - started);
    }

    log('customer-base models: full refit in slices, as the worker runs it (read purchases, fit BG/NBD + gamma-gamma, backtest, Hot Lead check, store; median of 3)…');
    const clvRuns: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const fit = await services.clv.refitInSlices(now, { pause: yieldToEventLoop });
      clvRuns.push(performance.now() - started);
      log(`  refit ${Math.round(clvRuns.at(-1) ?? 0)} ms, of which the model fit ${Math.round(fit.fitMs)} ms (${fit.supportersFitted} supporters with a purchase)`);
    }

    log(`incremental recompute after 1,000 new activities (median of ${INCREMENTAL_RUNS})…`);
    const random = new SeededRandom(options.seed + 1);
    const touchYardstick = new RawRowTouchYardstick(
      path.join(workDir, 'raw-rows.sqlite'),
      Array.from({ length: options.supporters }, (_, index) => demoSupporterId(index + 1)),
    );
    const incrementalRawRuns: number[] = [];
    const incrementalRuns: number[] = [];
    const incrementalApplyRuns: number[] = [];
    const alertRuns: number[] = [];
    for (let run = 0; run < INCREMENTAL_RUNS; run += 1) {
      const touched: string[] = [];
      const batch: IncomingRecord[] = Array.from({ length: 1000 }, (_, index) => {
        const supporterId = demoSupporterId(random.int(1, options.supporters));
        touched.push(supporterId);
        return {
          kind: 'value',
          position: index,
          value: {
            entity: 'activity',
            op: 'upsert',
            data: {
              id: `bench-${run}-${index}`,
              supporterId,
              type: random.pick(['chat_message', 'gift', 'profile_view', 'like']),
              at: new Date(now - random.int(1, 3600) * 1000).toISOString(),
              tokens: random.int(0, 20),
            },
          },
        };
      });
      const started = performance.now();
      core.applyBatch(batch, 'bench');
      incrementalApplyRuns.push(performance.now() - started);
      incrementalRuns.push(lastObserverMs.get(services.segmentation.name) ?? Number.NaN);
      alertRuns.push(lastObserverMs.get(ALERTS_OBSERVER) ?? Number.NaN);
      incrementalRawRuns.push(touchYardstick.touch(touched));
    }
    touchYardstick.close();
    log(`  engine recompute per batch: ${incrementalRuns.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    log(`  raw read and rewrite of the same supporters' rows: ${incrementalRawRuns.map((ms) => ms.toFixed(1)).join(', ')} ms`);

    log('inbox pages and profiles through the API contract (200 random requests each)…');
    const inboxP95Ms = {} as Record<InboxTab, number>;
    for (const tab of INBOX_TABS) {
      const first = (await call('inbox.page', { tab, limit: 50 })) as { total: number };
      const samples: number[] = [];
      for (let request = 0; request < 200; request += 1) {
        const offset = random.int(0, Math.max(0, Math.min(first.total, 10_000) - 50));
        const started = performance.now();
        await call('inbox.page', { tab, limit: 50, offset });
        samples.push(performance.now() - started);
      }
      inboxP95Ms[tab] = ROUND(percentile(samples, 95), 2);
    }
    const profileSamples: number[] = [];
    for (let request = 0; request < 200; request += 1) {
      const supporterId = demoSupporterId(random.int(1, options.supporters));
      const started = performance.now();
      await call('profile.get', { supporterId });
      profileSamples.push(performance.now() - started);
    }
    core.close();

    log('no-op API round trips every 10 ms while a full recompute runs in the core worker…');
    const ping = await measurePingInChildProcess(dataDir, options.workerPath);
    log(`  the core worker's process peaked at ${ping.peakRssMb} MB`);

    log('alert latency: VIPs coming online on the live reference platform, to the notification planner (the app runtime, connected, in this workspace)…');
    let alertLatencyMs: BenchmarkResult['alertLatencyMs'] = null;
    try {
      const latency = await measureAlertLatency({ dataDir, dataNow: now, seed: options.seed, samples: options.alertLatencySamples ?? 30, log: (line) => log(`  ${line}`) });
      alertLatencyMs = { p50: latency.p50, p95: latency.p95 };
      log(`  p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms over ${latency.samples} VIPs, ${latency.misses} never shown`);
    } catch (error) {
      log(`  not measured: ${(error as Error).message}`);
    }

    return {
      supporters: options.supporters,
      activities,
      ingestPerSec: Math.round(ingestPerSec),
      rawInsertPerSec: Math.round(rawInsertPerSec),
      fullSegmentationMs: ROUND(median(segmentationRuns)),
      rawScanMs: ROUND(median(scanRuns)),
      incrementalMs: ROUND(median(incrementalRuns)),
      incrementalRawMs: ROUND(median(incrementalRawRuns)),
      incrementalAlertsMs: ROUND(median(alertRuns)),
      incrementalApplyMs: ROUND(median(incrementalApplyRuns)),
      inboxP95Ms,
      profileP95Ms: ROUND(percentile(profileSamples, 95), 2),
      clvFitMs: ROUND(median(clvRuns)),
      pingDuringSegmentationMaxMs: ROUND(ping.maxRoundTripMs),
      alertLatencyMs,
      peakRssMb: Math.max(mb(peakRssBytes()), ping.peakRssMb),
      machine: { cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), platform: `${os.platform()} ${os.arch()}`, node: process.version },
    };
  } finally {
    if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The kernel's high-water mark of this process's resident memory (worker threads included): no sampling gaps. */
function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/**
 * Streams the generator in batches so millions of records never sit in memory at once. Between
 * batches the event loop gets a turn, as the worker's sync gets one while it awaits the next page:
 * that is when V8 finishes its collections, so a loop without it would measure a heap no app holds.
 */
async function forEachBatch(demo: Parameters<typeof generateDemoRecords>[0], onBatch: (batch: ChangeRecordJson[]) => void): Promise<void> {
  let batch: ChangeRecordJson[] = [];
  for (const record of generateDemoRecords(demo)) {
    batch.push(record);
    if (batch.length >= BATCH) {
      onBatch(batch);
      batch = [];
      await yieldToEventLoop();
    }
  }
  if (batch.length > 0) onBatch(batch);
}

/** The generator's activity count scales with busyness; measure it on a sample of supporters. */
function calibrateBusyness(supporters: number, activities: number, seed: number, now: number): number {
  const sample = Math.min(supporters, 2000);
  let count = 0;
  for (const record of generateDemoRecords({ supporters: sample, days: DAYS, seed, now, busyness: 1 })) if (record.entity === 'activity') count += 1;
  const perSupporterAtOne = count / sample;
  return Math.max(0.05, activities / supporters / perSupporterAtOne);
}

/**
 * The yardstick: the same activity rows, a plain prepared INSERT into a bare table, in the same
 * batches. Each batch goes in right after the real apply of it, so a slow spell of a shared machine
 * weighs on both sides of the ratio alike.
 */
class RawInsertYardstick {
  private readonly db: Database.Database;
  private readonly insertBatch: Database.Transaction<(batch: readonly ChangeRecordJson[]) => void>;
  private insertMs = 0;
  private rows = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(
      'CREATE TABLE activities (id TEXT, supporterId TEXT, type TEXT, at INTEGER, tokens INTEGER, conversationId TEXT, streamId TEXT, minutes REAL, itemId TEXT, category TEXT, tier TEXT, listingId TEXT, online INTEGER, version INTEGER)',
    );
    const insert = this.db.prepare('INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertBatch = this.db.transaction((batch: readonly ChangeRecordJson[]) => {
      for (const record of batch) {
        if (record.entity !== 'activity') continue;
        const d = record.data;
        insert.run(
          d.id,
          d.supporterId,
          d.type,
          Date.parse(d.at as string),
          (d.tokens as number | undefined) ?? 0,
          d.conversationId ?? null,
          d.streamId ?? null,
          d.minutes ?? null,
          d.itemId ?? null,
          d.category ?? null,
          d.tier ?? null,
          d.listingId ?? null,
          d.online === undefined ? null : d.online ? 1 : 0,
          null,
        );
        this.rows += 1;
      }
    });
  }

  insert(batch: readonly ChangeRecordJson[]): void {
    const started = performance.now();
    this.insertBatch.immediate(batch);
    this.insertMs += performance.now() - started;
  }

  /** Rows per second of insert time; closes the table. */
  finish(): number {
    this.db.close();
    return this.rows / (this.insertMs / 1000);
  }
}
