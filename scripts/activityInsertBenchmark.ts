/**
 * How much the grouped activity insert buys (issue 8): the demo's activity changes written into
 * a fresh cache by `ChangeStore.applyAll` once as sync pages (new activities go in as multi-row
 * INSERTs of ACTIVITY_INSERT_GROUP) and once one change per call (each a single-row INSERT, the
 * path taken before). Only the writes are timed, in transactions of one page; no services run.
 *
 *   node_modules/.bin/tsx scripts/activityInsertBenchmark.ts [--supporters 20000] [--busyness 0.6] [--seed 7]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ValidChange } from '../shared/domain/entities';
import { openCacheDatabase } from '../electron/core/db/openCacheDatabase';
import { generateDemoRecords } from '../electron/core/demo/generateDemoRecords';
import { InsertedActivities } from '../electron/core/ingest/insertedActivities';
import { validateChangeRecord } from '../electron/core/ingest/validateChangeRecord';
import { ACTIVITY_INSERT_GROUP, ChangeStore } from '../electron/core/store/changeStore';
import { SYNC_PAGE_SIZE } from '../electron/core/sync/syncService';

const { values } = parseArgs({
  options: {
    supporters: { type: 'string', default: '20000' },
    busyness: { type: 'string', default: '0.6' },
    seed: { type: 'string', default: '7' },
  },
});

const now = Date.parse('2025-12-03T10:00:00Z');
const pages: ValidChange[][] = [[]];
for (const record of generateDemoRecords({ supporters: Number(values.supporters), days: 90, seed: Number(values.seed), now, busyness: Number(values.busyness) })) {
  if (record.entity !== 'activity') continue;
  const validation = validateChangeRecord(record);
  if (!validation.ok) throw new Error(`the demo generator made an invalid record: ${validation.reason}`);
  const page = pages.at(-1) as ValidChange[];
  page.push(validation.change);
  if (page.length === SYNC_PAGE_SIZE) pages.push([]);
}
const activities = pages.reduce((sum, page) => sum + page.length, 0);

function measure(label: string, write: (store: ChangeStore, page: ValidChange[], inserted: InsertedActivities) => void): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-insert-bench-'));
  try {
    const db = openCacheDatabase(path.join(dir, 'cache.sqlite'));
    const store = new ChangeStore(db);
    let ms = 0;
    for (const page of pages) {
      const started = performance.now();
      db.transaction(() => write(store, page, new InsertedActivities()))();
      ms += performance.now() - started;
    }
    db.close();
    const perSecond = Math.round(activities / (ms / 1000));
    console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${String(perSecond).padStart(8)} activities/s`);
    return perSecond;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${activities} activities in pages of ${SYNC_PAGE_SIZE}, ${os.cpus().length} cores, Node ${process.version}`);
const single = measure('one change per call (single-row INSERTs)', (store, page, inserted) => {
  for (const change of page) store.applyAll([change], inserted);
});
const grouped = measure(`a page per call (INSERTs of ${ACTIVITY_INSERT_GROUP} rows)`, (store, page, inserted) => store.applyAll(page, inserted));
console.log(`grouped / single: ${(grouped / single).toFixed(2)}×`);
