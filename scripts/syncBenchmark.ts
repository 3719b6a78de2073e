/**
 * Sync apply throughput: a full pull of N change records (default 1,000,000) from the local
 * reference platform (run as its own process, as in real use), beside a raw better-sqlite3
 * prepared INSERT of the same rows into a bare table, measured in the same run.
 *
 *   node_modules/.bin/tsx scripts/syncBenchmark.ts [--records 1000000] [--page-size 5000] [--json] [--skip-services]
 *
 * Reported:
 * - sync end to end: wall time of one `SyncService.syncNow()` into an empty workspace (HTTP, JSON
 *   parsing, forbidden-field stripping, validation, upserts with their indexes, cursor per page);
 * - sync apply: the time spent inside `core.applyBatch` (the same run, pages already parsed);
 * - both again with the services the app runs on every applied page (`createCoreServices`:
 *   alert evaluation, …), unless `--skip-services`;
 * - raw insert: a prepared INSERT of the same rows, one transaction per page (and one for all), into
 *   a table with no key or index, from rows already fetched and parsed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
import { MemoryCredentialVault } from '../electron/core/sync/credentialVault';
import { HttpPlatformClient } from '../electron/core/sync/platformClient';

const { values } = parseArgs({
  options: { records: { type: 'string' }, 'page-size': { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'boolean' }, 'skip-services': { type: 'boolean' } },
});
const RECORDS = Number(values.records ?? 1_000_000);
const PAGE_SIZE = Number(values['page-size'] ?? 5000);
const TOKEN = 'benchmark-token';
const REPO = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function startPlatform(): Promise<{ url: string; stop: () => void }> {
  // About 80 records per demo supporter over 90 days; the log is cut at exactly RECORDS.
  const supporters = Math.ceil(RECORDS / 70);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'electron/platform/main.ts'), '--port', '0', '--token', TOKEN, '--demo', '--supporters', String(supporters), '--seed', '1', '--now', '2025-12-01T00:00:00Z', '--max-records', String(RECORDS)],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`platform exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function rawRow(record: unknown): unknown[] {
  const { entity, op, data } = record as { entity: string; op: string; data: Record<string, unknown> };
  const field = (name: string) => {
    const value = data[name];
    if (value === undefined || value === null) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return typeof value === 'object' ? JSON.stringify(value) : value;
  };
  return [
    entity, op, field('id'), field('supporterId'), field('type'), field('at'), field('tokens'), field('conversationId'), field('streamId'),
    field('minutes'), field('itemId'), field('category'), field('tier'), field('listingId'), field('online'), field('handle'), field('fanClub'),
  ];
}

const BARE_TABLE = `CREATE TABLE bare (entity, op, id, supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online, handle, fanClub)`;

function openBare(dir: string): Database.Database {
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(BARE_TABLE);
  return db;
}

async function measureSync(withServices: boolean): Promise<{ received: number; syncMs: number; applyMs: number }> {
  const core = CrmCore.open({ dataDir: fs.mkdtempSync(path.join(workDir, withServices ? 'with-services-' : 'sync-')) });
  let applyMs = 0;
  const applyBatch = core.applyBatch.bind(core);
  core.applyBatch = (records, source, extraWork) => {
    const started = performance.now();
    try {
      return applyBatch(records, source, extraWork);
    } finally {
      applyMs += performance.now() - started;
    }
  };
  const { sync: service } = createCoreServices(core, {
    observers: withServices ? 'all' : 'none',
    sync: { vault: new MemoryCredentialVault({ serverUrl: platform.url, token: TOKEN }), pageSize: PAGE_SIZE, requestTimeoutMs: 120_000 },
  });
  const started = performance.now();
  const report = await service.syncNow();
  const syncMs = performance.now() - started;
  if (!report.ok) throw new Error(report.error);
  await service.shutdown();
  core.close();
  const received = report.summary.applied + report.summary.quarantined;
  log(`sync${withServices ? ' with app services' : ''}: ${received} records in ${(syncMs / 1000).toFixed(2)} s (apply ${(applyMs / 1000).toFixed(2)} s)`);
  return { received, syncMs, applyMs };
}

/** A prepared INSERT into a bare table (no key, no index): one transaction per page, and one for all. */
function measureRaw(pages: unknown[][][]): { perPageMs: number; singleMs: number } {
  const perPage = openBare(fs.mkdtempSync(path.join(workDir, 'raw-pages-')));
  const insertPerPage = perPage.prepare(`INSERT INTO bare VALUES (${Array(17).fill('?').join(', ')})`);
  const perPageStarted = performance.now();
  for (const rows of pages) {
    perPage.transaction(() => {
      for (const row of rows) insertPerPage.run(row);
    })();
  }
  const perPageMs = performance.now() - perPageStarted;
  perPage.close();
  const single = openBare(fs.mkdtempSync(path.join(workDir, 'raw-single-')));
  const insertSingle = single.prepare(`INSERT INTO bare VALUES (${Array(17).fill('?').join(', ')})`);
  const singleStarted = performance.now();
  single.transaction(() => {
    for (const rows of pages) for (const row of rows) insertSingle.run(row);
  })();
  const singleMs = performance.now() - singleStarted;
  single.close();
  log(`raw insert: ${(perPageMs / 1000).toFixed(2)} s per page, ${(singleMs / 1000).toFixed(2)} s one transaction`);
  return { perPageMs, singleMs };
}

const platform = await startPlatform();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-sync-bench-'));
try {
  log(`platform at ${platform.url} serving ${RECORDS} records; pages of ${PAGE_SIZE}; work dir ${workDir}`);

  // Warm the platform's first pages so neither measurement pays its JIT warm-up.
  const client = new HttpPlatformClient({ serverUrl: platform.url, token: TOKEN, requestTimeoutMs: 120_000 });
  await client.fetchChanges(null, PAGE_SIZE, new AbortController().signal);

  // The same rows for the raw yardstick, fetched and parsed beforehand (only the inserts are timed).
  const pages: unknown[][][] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await client.fetchChanges(cursor, PAGE_SIZE, new AbortController().signal);
    pages.push(page.changes.map(rawRow));
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const rawRows = pages.reduce((sum, rows) => sum + rows.length, 0);

  // The raw insert runs before and after the syncs; the faster run is the yardstick, so a busy
  // machine during one of them cannot flatter the ratio.
  const rawBefore = measureRaw(pages);
  // Sync, end to end, into an empty workspace: first the sync engine and cache writes alone,
  // then again with the services the app installs on every applied page (alert evaluation, …).
  const bare = await measureSync(false);
  const withServices = values['skip-services'] ? null : await measureSync(true);
  const received = bare.received;
  const rawAfter = measureRaw(pages);
  const rawPerPageMs = Math.min(rawBefore.perPageMs, rawAfter.perPageMs);
  const rawSingleMs = Math.min(rawBefore.singleMs, rawAfter.singleMs);

  const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
  const rawRate = rate(rawRows, rawPerPageMs);
  const figures = (measured: { syncMs: number; applyMs: number }) => ({
    syncSeconds: Number((measured.syncMs / 1000).toFixed(2)),
    syncRecordsPerSecond: rate(received, measured.syncMs),
    applySeconds: Number((measured.applyMs / 1000).toFixed(2)),
    applyRecordsPerSecond: rate(received, measured.applyMs),
    syncVsRaw: Number((rate(received, measured.syncMs) / rawRate).toFixed(3)),
    applyVsRaw: Number((rate(received, measured.applyMs) / rawRate).toFixed(3)),
  });
  const result = {
    records: received,
    pageSize: PAGE_SIZE,
    sync: figures(bare),
    syncWithAppServices: withServices ? figures(withServices) : null,
    rawInsertPerPageRecordsPerSecond: rawRate,
    rawInsertOneTransactionRecordsPerSecond: rate(rawRows, rawSingleMs),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}% of raw`;
    const lines = [
      `records                          ${result.records} (pages of ${PAGE_SIZE})`,
      `sync end to end                  ${result.sync.syncSeconds} s  →  ${result.sync.syncRecordsPerSecond.toLocaleString('en')} records/s  (${percent(result.sync.syncVsRaw)})`,
      `sync apply (core.applyBatch)     ${result.sync.applySeconds} s  →  ${result.sync.applyRecordsPerSecond.toLocaleString('en')} records/s  (${percent(result.sync.applyVsRaw)})`,
    ];
    if (result.syncWithAppServices) {
      const w = result.syncWithAppServices;
      lines.push(
        `sync end to end, app services    ${w.syncSeconds} s  →  ${w.syncRecordsPerSecond.toLocaleString('en')} records/s  (${percent(w.syncVsRaw)})`,
        `sync apply, app services         ${w.applySeconds} s  →  ${w.applyRecordsPerSecond.toLocaleString('en')} records/s  (${percent(w.applyVsRaw)})`,
      );
    }
    lines.push(
      `raw INSERT, txn per page         ${result.rawInsertPerPageRecordsPerSecond.toLocaleString('en')} rows/s`,
      `raw INSERT, one txn              ${result.rawInsertOneTransactionRecordsPerSecond.toLocaleString('en')} rows/s`,
      `load average                     ${result.loadAverage.join(' ')} on ${result.cpus} cores`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  platform.stop();
  if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
}
