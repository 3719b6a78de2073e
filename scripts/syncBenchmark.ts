/**
 * Sync apply throughput: a full pull of N change records (default 1,000,000) from the local
 * reference platform (run as its own process, as in real use), beside a raw better-sqlite3
 * prepared INSERT of the same rows into a bare table, measured in the same run.
 *
 *   node_modules/.bin/tsx scripts/syncBenchmark.ts [--records 1000000] [--page-size 5000] [--json]
 *
 * Reported:
 * - sync end to end: wall time of one `SyncService.syncNow()` into an empty workspace (HTTP, JSON
 *   parsing, forbidden-field stripping, validation, upserts with their indexes, cursor per page);
 * - sync apply: the time spent inside `core.applyBatch` (the same run, pages already parsed);
 * - raw insert: a prepared INSERT of the same rows, one transaction per page (and one for all), into
 *   a table with no key or index, from rows already fetched and parsed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CrmCore } from '../electron/core/crmCore';
import { MemoryCredentialVault } from '../electron/core/sync/credentialVault';
import { HttpPlatformClient } from '../electron/core/sync/platformClient';
import { attachSyncService } from '../electron/core/sync/syncRegistry';

const { values } = parseArgs({
  options: { records: { type: 'string' }, 'page-size': { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'boolean' } },
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

const platform = await startPlatform();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-sync-bench-'));
try {
  log(`platform at ${platform.url} serving ${RECORDS} records; pages of ${PAGE_SIZE}; work dir ${workDir}`);

  // Warm the platform's first pages so neither measurement pays its JIT warm-up.
  const client = new HttpPlatformClient({ serverUrl: platform.url, token: TOKEN, requestTimeoutMs: 120_000 });
  await client.fetchChanges(null, PAGE_SIZE, new AbortController().signal);

  // 1. Sync, end to end, into an empty workspace.
  const core = CrmCore.open({ dataDir: path.join(workDir, 'workspace') });
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
  const service = attachSyncService(core, { vault: new MemoryCredentialVault({ serverUrl: platform.url, token: TOKEN }), pageSize: PAGE_SIZE, requestTimeoutMs: 120_000 });
  const syncStarted = performance.now();
  const report = await service.syncNow();
  const syncMs = performance.now() - syncStarted;
  if (!report.ok) throw new Error(report.error);
  const received = report.summary.applied + report.summary.quarantined;
  await service.shutdown();
  core.close();
  log(`sync: ${received} records in ${(syncMs / 1000).toFixed(2)} s (apply ${(applyMs / 1000).toFixed(2)} s)`);

  // 2. Raw prepared INSERT of the same rows, fetched and parsed beforehand (only the inserts are timed).
  const perPage = openBare(fs.mkdtempSync(path.join(workDir, 'raw-pages-')));
  const insertPerPage = perPage.prepare(`INSERT INTO bare VALUES (${Array(17).fill('?').join(', ')})`);
  const pages: unknown[][][] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await client.fetchChanges(cursor, PAGE_SIZE, new AbortController().signal);
    pages.push(page.changes.map(rawRow));
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  let rawRows = 0;
  const rawStarted = performance.now();
  for (const rows of pages) {
    perPage.transaction(() => {
      for (const row of rows) insertPerPage.run(row);
    })();
    rawRows += rows.length;
  }
  const rawPerPageMs = performance.now() - rawStarted;
  perPage.close();
  const single = openBare(fs.mkdtempSync(path.join(workDir, 'raw-single-')));
  const insertSingle = single.prepare(`INSERT INTO bare VALUES (${Array(17).fill('?').join(', ')})`);
  const singleStarted = performance.now();
  single.transaction(() => {
    for (const rows of pages) for (const row of rows) insertSingle.run(row);
  })();
  const rawSingleMs = performance.now() - singleStarted;
  single.close();

  const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
  const result = {
    records: received,
    pageSize: PAGE_SIZE,
    syncSeconds: Number((syncMs / 1000).toFixed(2)),
    syncRecordsPerSecond: rate(received, syncMs),
    applySeconds: Number((applyMs / 1000).toFixed(2)),
    applyRecordsPerSecond: rate(received, applyMs),
    rawInsertPerPageRecordsPerSecond: rate(rawRows, rawPerPageMs),
    rawInsertOneTransactionRecordsPerSecond: rate(rawRows, rawSingleMs),
    syncVsRaw: Number((rate(received, syncMs) / rate(rawRows, rawPerPageMs)).toFixed(3)),
    applyVsRaw: Number((rate(received, applyMs) / rate(rawRows, rawPerPageMs)).toFixed(3)),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      [
        `records                      ${result.records} (pages of ${PAGE_SIZE})`,
        `sync end to end              ${result.syncSeconds} s  →  ${result.syncRecordsPerSecond.toLocaleString('en')} records/s  (${(result.syncVsRaw * 100).toFixed(0)}% of raw)`,
        `sync apply (core.applyBatch) ${result.applySeconds} s  →  ${result.applyRecordsPerSecond.toLocaleString('en')} records/s  (${(result.applyVsRaw * 100).toFixed(0)}% of raw)`,
        `raw INSERT, txn per page     ${result.rawInsertPerPageRecordsPerSecond.toLocaleString('en')} rows/s`,
        `raw INSERT, one txn          ${result.rawInsertOneTransactionRecordsPerSecond.toLocaleString('en')} rows/s`,
        `load average                 ${result.loadAverage.join(' ')} on ${result.cpus} cores`,
      ].join('\n') + '\n',
    );
  }
} finally {
  platform.stop();
  if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
}
