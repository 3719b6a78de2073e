import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCoreServices, type CoreServices } from '../../createCoreServices';
import { CrmCore } from '../../crmCore';
import type { IncomingRecord } from '../../ingest/applyChangeBatch';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engineTime';
import { scoreColumnList, scoreFromSql, type SqlValue } from '../../store/scoreLayout';
import type { SupporterRollup } from '../rollup/supporterRollup';
import type { ScoreRow } from '../score/scoreRow';
import type { EngineLimits } from '../engineLimits';
import type { SegmentationService } from '../segmentationService';

/** Change records and a core on a hand-driven clock, for engine tests. */
export const NOW = Date.parse('2026-01-15T12:00:00Z');
export { DAY_MS, HOUR_MS, MINUTE_MS };

export const iso = (at: number) => new Date(at).toISOString();

export type Change = { entity: string; op: 'upsert' | 'delete'; data: Record<string, unknown> };

export function creator(timezone = 'UTC'): Change {
  return { entity: 'creator', op: 'upsert', data: { id: 'creator-1', handle: 'the_creator', earnOn: true, timezone } };
}

export function supporter(id: string, extra: Record<string, unknown> = {}): Change {
  return { entity: 'supporter', op: 'upsert', data: { id, handle: `fan_${id}`, firstSeenAt: iso(NOW - 200 * DAY_MS), ...extra } };
}

let sequence = 0;
export function activity(supporterId: string, type: string, at: number, extra: Record<string, unknown> = {}): Change {
  sequence += 1;
  return {
    entity: 'activity',
    op: 'upsert',
    data: { id: `a-${supporterId}-${String(sequence).padStart(6, '0')}`, supporterId, type, at: iso(at), ...extra },
  };
}

export function remove(entity: string, id: string): Change {
  return { entity, op: 'delete', data: { id } };
}

export function stream(id: string, fields: { scheduledAt: number; startedAt?: number; endedAt?: number }): Change {
  return {
    entity: 'stream',
    op: 'upsert',
    data: {
      id,
      title: `Stream ${id}`,
      scheduledAt: iso(fields.scheduledAt),
      ...(fields.startedAt === undefined ? {} : { startedAt: iso(fields.startedAt) }),
      ...(fields.endedAt === undefined ? {} : { endedAt: iso(fields.endedAt) }),
    },
  };
}

export function listing(id: string, startsAt: number): Change {
  return { entity: 'listing', op: 'upsert', data: { id, title: `Event ${id}`, startsAt: iso(startsAt) } };
}

export function asIncoming(records: readonly Change[]): IncomingRecord[] {
  return records.map((value, position) => ({ kind: 'value', value, position }));
}

export interface EngineTestCore {
  core: CrmCore;
  /** The core's services as the composition root builds them (the engine alone follows applied batches). */
  services: CoreServices;
  clock: { now: number };
  service: SegmentationService;
  dataDir: string;
  apply(records: readonly Change[]): void;
  close(): void;
}

/**
 * A fresh workspace in a temp folder with the engine following every applied batch, as the app has
 * it. `observe: false` leaves every change for the next read, as in a process that ran without the
 * engine; `limits` sets where the engine changes strategy.
 */
export function openEngineCore(options: { now?: number; observe?: boolean; dataDir?: string; limits?: Partial<EngineLimits> } = {}): EngineTestCore {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-engine-'));
  const clock = { now: options.now ?? NOW };
  const core = CrmCore.open({ dataDir, clock: () => clock.now });
  const services = createCoreServices(core, { observers: (options.observe ?? true) ? 'engine' : 'none', ...(options.limits ? { engineLimits: options.limits } : {}) });
  return {
    core,
    services,
    clock,
    service: services.segmentation,
    dataDir,
    apply(records) {
      core.applyBatch(asIncoming(records), 'test');
    },
    close() {
      core.close();
      if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `openEngineCore` for a test file: every core it opens is closed (and its folder removed) after
 * each test. Call once at the top of the file.
 */
export function engineCoresClosedAfterEach(): (options?: Parameters<typeof openEngineCore>[0]) => EngineTestCore {
  const opened: EngineTestCore[] = [];
  afterEach(() => {
    for (const testCore of opened.splice(0)) testCore.close();
  });
  return (options = {}) => {
    const testCore = openEngineCore(options);
    opened.push(testCore);
    return testCore;
  };
}

/** Every stored score (the score half of `supporter_state`), `asOf` included, in supporter order. */
export function storedScores(core: CrmCore): unknown[] {
  return core.db.prepare(`SELECT supporterId, ${scoreColumnList()} FROM supporter_state WHERE segment IS NOT NULL ORDER BY supporterId`).all();
}

/** One supporter's stored score as the engine wrote it, or null without one. */
export function storedScore(core: CrmCore, supporterId: string): ScoreRow | null {
  const row = core.db
    .prepare<[string], SqlValue[]>(`SELECT ${scoreColumnList()} FROM supporter_state WHERE supporterId = ? AND segment IS NOT NULL`)
    .raw()
    .get(supporterId);
  return row === undefined ? null : scoreFromSql(supporterId, row, 0);
}

/** One supporter's stored rollup, or null without one. */
export function storedRollup(core: CrmCore, supporterId: string): SupporterRollup | null {
  return core.stores.rollups.getMany([supporterId]).get(supporterId) ?? null;
}

/** Every stored rollup (the rollup half of `supporter_state`), in supporter order. */
export function storedRollups(core: CrmCore): unknown[] {
  return core.db
    .prepare(
      `SELECT supporterId, rollupVersion, rollup, presenceId, rollupRegisteredListingIds
       FROM supporter_state WHERE rollupVersion IS NOT NULL ORDER BY supporterId`,
    )
    .all();
}
