import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { yieldToEventLoop } from '../engine/yieldToEventLoop';
import { median } from './percentile';
import { BARE_SUPPORTER_ROW_BYTES } from './pageApplyYardstick';

export interface RebuildFigures {
  /** Every supporter's rollup and score rebuilt from raw activity, as after an engine-version change, run as the worker runs it (median). */
  rebuildMs: number;
  /** One GROUP BY over all activities plus a bare insert of one row per supporter (median). */
  rebuildYardstickMs: number;
  /** The same full run again at the same clock right after, where nothing has changed (median). */
  noopRescoreMs: number;
  runs: number;
}

/**
 * `rebuildMs` beside its yardstick, each run of one taken right after a run of the other so a slow
 * spell of a shared machine weighs on both. The yardstick is the least any engine must do to
 * derive per-supporter state from raw activity in SQLite: read every activity once, grouped by
 * supporter and type (count, tokens, latest), and write one row per supporter. The no-op rescore is
 * reported apart, as what it is: a daily run on an unchanged workspace.
 */
export async function measureRebuild(
  services: CoreServices,
  options: { runs: number; scratchDir: string; supporterIds: readonly string[]; log: (message: string) => void },
): Promise<RebuildFigures> {
  const { core, segmentation } = services;
  const now = core.clock();
  const reader = new Database(CrmCore.cachePath(core.dataDir), { readonly: true });
  const rebuildRuns: number[] = [];
  const yardstickRuns: number[] = [];
  const noopRuns: number[] = [];
  try {
    for (let run = 0; run < options.runs; run += 1) {
      const yardstickMs = measureYardstick(reader, path.join(options.scratchDir, 'rebuild-yardstick.sqlite'), options.supporterIds);
      yardstickRuns.push(yardstickMs);

      // The worker's full run (`segmentation.run`, the daily scheduler) on a stale engine version.
      segmentation.requireRebuild();
      let started = performance.now();
      await segmentation.runFullInSlices(now, { pause: yieldToEventLoop });
      rebuildRuns.push(performance.now() - started);

      started = performance.now();
      await segmentation.runFullInSlices(now, { pause: yieldToEventLoop });
      noopRuns.push(performance.now() - started);
      options.log(`  rebuild ${Math.round(rebuildRuns.at(-1) ?? 0)} ms, yardstick ${Math.round(yardstickMs)} ms, no-op rescore ${Math.round(noopRuns.at(-1) ?? 0)} ms`);
    }
  } finally {
    reader.close();
  }
  return { rebuildMs: median(rebuildRuns), rebuildYardstickMs: median(yardstickRuns), noopRescoreMs: median(noopRuns), runs: options.runs };
}

function measureYardstick(reader: Database.Database, file: string, supporterIds: readonly string[]): number {
  const grouped = reader.prepare('SELECT supporterId, type, count(*), sum(tokens), max(at) FROM activities GROUP BY supporterId, type').raw();
  const started = performance.now();
  let groups = 0;
  for (const row of grouped.iterate()) if (row !== undefined) groups += 1;
  const groupMs = performance.now() - started;

  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const scratch = new Database(file);
  try {
    scratch.pragma('journal_mode = WAL');
    scratch.pragma('synchronous = NORMAL');
    scratch.exec('CREATE TABLE supporter_rows (id TEXT, payload BLOB)');
    const insert = scratch.prepare('INSERT INTO supporter_rows VALUES (?, ?)');
    const payload = Buffer.alloc(BARE_SUPPORTER_ROW_BYTES, 7);
    const insertAll = scratch.transaction(() => {
      for (const supporterId of supporterIds) insert.run(supporterId, payload);
    });
    const insertStarted = performance.now();
    insertAll.immediate();
    const insertMs = performance.now() - insertStarted;
    if (groups === 0 && supporterIds.length > 0) throw new Error('the rebuild yardstick read no activity');
    return groupMs + insertMs;
  } finally {
    scratch.close();
  }
}
