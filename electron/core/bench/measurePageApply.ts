import path from 'node:path';
import type { CoreServices } from '../createCoreServices';
import type { ChangeObserver } from '../crmCore';
import { SeededRandom } from '../demo/seededRandom';
import type { IncomingRecord } from '../ingest/applyChangeBatch';
import { yieldToEventLoop } from '../engine/yieldToEventLoop';
import { generateSyncPage, type SyncPageRecord } from './generateSyncPage';
import { PageApplyYardstick } from './pageApplyYardstick';
import { median, percentile } from './percentile';

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface PageApplyFigures {
  /** The whole `core.applyBatch` of a page of 1,000: validation, cache writes, every observer, commit. */
  pageApplyMs: Percentiles;
  /** Its yardstick (`PageApplyYardstick`), taken right after each real page. */
  pageApplyRawMs: Percentiles;
  /** Medians per page of each observer the composition root installs, and of everything else (validation, cache writes, commit). */
  partsMs: Record<string, number>;
  pages: number;
}

/** Times each change observer on every applied batch; wrap them as the composition root registers them. */
export class ObserverTimer {
  private readonly last = new Map<string, number>();

  readonly wrap = (observer: ChangeObserver): ChangeObserver => ({
    name: observer.name,
    afterBatch: (outcome) => {
      const started = performance.now();
      try {
        observer.afterBatch(outcome);
      } finally {
        this.last.set(observer.name, (this.last.get(observer.name) ?? 0) + performance.now() - started);
      }
    },
  });

  /** What each observer took since the last call, and starts afresh. */
  take(): Map<string, number> {
    const taken = new Map(this.last);
    this.last.clear();
    return taken;
  }
}

/** Pages applied before timing: the first meet cold statement caches and an unwarmed JIT. */
const WARM_UP_PAGES = 3;

/**
 * `pageApplyMs`: pages of the realistic mix (`generateSyncPage`) through the real
 * `core.applyBatch`, as a sync page goes — parsed records in, validation, cache writes, the engine,
 * alert evaluation, the search index, the commit — against `pageApplyRawMs`, the same rows in raw
 * SQLite, each yardstick page right after its real one. The event loop gets a turn between pages,
 * as the worker's has while its sync awaits the next one.
 */
export async function measurePageApply(
  services: CoreServices,
  timer: ObserverTimer,
  options: { pages: number; seed: number; scratchDir: string; supporterIds: readonly string[]; log: (message: string) => void },
): Promise<PageApplyFigures> {
  const { core } = services;
  const random = new SeededRandom(options.seed);
  const world = {
    random,
    supporterIds: options.supporterIds,
    supporter: (supporterId: string) => core.stores.engineInput.supporter(supporterId),
    streams: core.stores.engineInput.streams(),
    listings: core.stores.engineInput.listings(),
    now: core.clock(),
  };
  const yardstick = new PageApplyYardstick(path.join(options.scratchDir, 'page-apply-yardstick.sqlite'), options.supporterIds);
  const applyRuns: number[] = [];
  const rawRuns: number[] = [];
  const parts = new Map<string, number[]>();
  try {
    for (let page = 0; page < WARM_UP_PAGES + options.pages; page += 1) {
      const { records, touched } = generateSyncPage(world, page);
      const incoming = records.map((value, position): IncomingRecord => ({ kind: 'value', value, position }));
      timer.take();
      const started = performance.now();
      core.applyBatch(incoming, 'bench');
      const applyMs = performance.now() - started;
      const observers = timer.take();
      const rawMs = yardstick.apply(records satisfies SyncPageRecord[], touched);
      await yieldToEventLoop();
      if (page < WARM_UP_PAGES) continue;
      applyRuns.push(applyMs);
      rawRuns.push(rawMs);
      let observed = 0;
      for (const [name, ms] of observers) {
        parts.set(name, [...(parts.get(name) ?? []), ms]);
        observed += ms;
      }
      parts.set('validation, cache writes and commit', [...(parts.get('validation, cache writes and commit') ?? []), applyMs - observed]);
    }
  } finally {
    yardstick.close();
  }
  options.log(`  whole apply per page (ms): ${applyRuns.map((ms) => ms.toFixed(0)).join(', ')}`);
  options.log(`  raw yardstick per page (ms): ${rawRuns.map((ms) => ms.toFixed(1)).join(', ')}`);
  return {
    pageApplyMs: percentiles(applyRuns),
    pageApplyRawMs: percentiles(rawRuns),
    partsMs: Object.fromEntries([...parts].map(([name, runs]) => [name, round(median(runs))])),
    pages: options.pages,
  };
}

function percentiles(samples: readonly number[]): Percentiles {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

function round(value: number): number {
  return Number(value.toFixed(1));
}
