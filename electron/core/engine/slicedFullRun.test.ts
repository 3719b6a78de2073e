import { describe, expect, it } from 'vitest';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import type { CrmCore } from '../crmCore';
import { ENGINE_VERSION } from './engineVersion';
import { readInboxPage } from './inbox/readInboxPage';
import { yieldToEventLoop } from './yieldToEventLoop';
import { META_LAST_FULL_RUN } from './segmentationService';
import {
  activity,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  NOW,
  engineCoresClosedAfterEach,
  remove,
  supporter,
  type Change,
  type EngineTestCore,
  storedRollups,
  storedScore,
  storedScores,
} from './testing/engineTestKit';

const open = engineCoresClosedAfterEach();

/** Every stored score, `asOf` included: a sliced run must leave exactly what one run leaves. */
function allScores(core: CrmCore): unknown[] {
  return storedScores(core);
}

function allRollups(core: CrmCore): unknown[] {
  return storedRollups(core);
}

/**
 * A workspace with every kind of supporter a full run meets: buyers, a VIP, quiet ones going
 * dormant or cold as time passes, supporters with no activity, activity of a supporter the
 * platform has not sent, and ids that sort around each other.
 */
function workspace(): Change[] {
  const records: Change[] = [];
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  ids.forEach((id, index) => {
    records.push(supporter(id, index % 4 === 0 ? { fanClub: { tier: 'gold', active: true } } : {}));
    if (index % 3 === 2) return; // no activity at all
    const at = NOW - (index + 1) * 2 * DAY_MS;
    records.push(
      activity(id, 'chat_message', at, { tokens: 2 }),
      activity(id, 'gift', at + MINUTE_MS, { tokens: index === 1 ? 1500 : 10 * index }),
      activity(id, 'creator_message', at + 2 * MINUTE_MS),
    );
  });
  records.push(activity('ghost', 'gift', NOW - DAY_MS, { tokens: 50 }));
  return records;
}

/** Scores for supporters that do not exist, one sorting inside the range of supporters and one after them all. */
function plantOrphans(core: CrmCore): void {
  const template = storedScore(core, 'a');
  if (template === null) throw new Error('expected a score for a');
  core.stores.scores.write({ ...template, supporterId: 'bb-gone' }, null);
  core.stores.scores.write({ ...template, supporterId: 'zz-gone' }, null);
}

/** A pause that lets no event loop turn pass, counting the slices and running `between` at each. */
function pauses(between: (pause: number) => void = () => undefined) {
  const counter = { count: 0 };
  const pause = async () => {
    counter.count += 1;
    between(counter.count);
  };
  return { counter, pause };
}

describe('SegmentationService.runFullInSlices', () => {
  it('leaves the same scores as one run, whatever the slice size, orphans and backtests included', async () => {
    for (const [label, prepare] of [
      ['stale scores', (testCore: EngineTestCore) => testCore.service.ensureCurrent(NOW)],
      // Scores from a later now than the run's: every one is rewritten, as one run does.
      ['scores ahead of the run', (testCore: EngineTestCore) => testCore.service.ensureCurrent(NOW + 30 * DAY_MS)],
    ] as const) {
      const runAt = NOW + 10 * DAY_MS;
      const reference = open();
      reference.apply(workspace());
      prepare(reference);
      plantOrphans(reference.core);
      const expectedSummary = reference.service.runFull(runAt);

      for (const sliceSize of [1, 2, 3, 1000]) {
        const sliced = open();
        sliced.apply(workspace());
        prepare(sliced);
        plantOrphans(sliced.core);
        const { counter, pause } = pauses();
        const summary = await sliced.service.runFullInSlices(runAt, { pause, sliceSize });
        expect(summary, `${label}, slices of ${sliceSize}`).toEqual(expectedSummary);
        expect(allScores(sliced.core), `${label}, slices of ${sliceSize}`).toEqual(allScores(reference.core));
        expect(storedScore(sliced.core, 'bb-gone')).toBeNull();
        expect(storedScore(sliced.core, 'zz-gone')).toBeNull();
        // One pause after the catch-up, one per slice (ten supporters), none after the completion.
        expect(counter.count).toBe(1 + (sliceSize === 1000 ? 1 : Math.ceil(10 / sliceSize) + (10 % sliceSize === 0 ? 1 : 0)));
      }
      expect(storedScore(reference.core, 'e')?.segment, label).toBe('dormant');
      expect(storedScore(reference.core, 'c')?.segment, label).toBe('cold');
    }
  });

  it('records the completion only after the last slice, and an aborted run leaves none', async () => {
    const { core, service, apply } = open();
    apply(workspace());
    service.ensureCurrent(NOW);
    const before = core.stores.meta.get(META_LAST_FULL_RUN);
    const seen: (string | null)[] = [];
    const aborted = new AbortController();
    const { pause } = pauses((count) => {
      seen.push(core.stores.meta.get(META_LAST_FULL_RUN));
      if (count === 3) aborted.abort();
    });
    await expect(service.runFullInSlices(NOW + DAY_MS, { pause, sliceSize: 2, signal: aborted.signal })).rejects.toThrow();
    expect(seen).toEqual([before, before, before]);
    expect(core.stores.meta.get(META_LAST_FULL_RUN)).toBe(before);

    // A run after the abandoned one completes it.
    const finishing = pauses(() => seen.push(core.stores.meta.get(META_LAST_FULL_RUN)));
    await service.runFullInSlices(NOW + DAY_MS, { pause: finishing.pause, sliceSize: 2 });
    expect(seen.every((value) => value === before)).toBe(true);
    expect(core.stores.meta.get(META_LAST_FULL_RUN)).toBe(new Date(NOW + DAY_MS).toISOString());
  });

  it('answers reads between slices with scores current for each supporter', async () => {
    const { core, services, service, apply } = open();
    apply(workspace());
    service.ensureCurrent(NOW);
    const runAt = NOW + 6 * DAY_MS;
    const reference = open();
    reference.apply(workspace());
    reference.service.ensureCurrent(NOW);
    reference.service.runFull(runAt);
    const handlers = createRequestHandlers();
    const reads: number[] = [];
    const { pause } = pauses(() => {
      // A read at the run's moment sees every supporter as the finished run will, sliced yet or not.
      for (const tab of ['all', 'dormant'] as const) {
        const page = readInboxPage(services, { tab }, runAt);
        reads.push(page.total);
        for (const entry of page.entries) expect(entry.segment).toBe(storedScore(reference.core, entry.supporterId)?.segment);
      }
    });
    const run = service.runFullInSlices(runAt, { pause, sliceSize: 2 });
    const counts = await invokeRequest(services, handlers, 'inbox.counts', {});
    expect(counts.ok).toBe(true);
    await run;
    expect(reads.length).toBeGreaterThan(2);
    expect(allScores(core)).toEqual(allScores(reference.core));
  });

  it('ends as one run followed by the batch when a sync batch is applied between slices', async () => {
    for (const minutesLater of [0, 5]) {
      const runAt = NOW + 3 * DAY_MS;
      const batch: Change[] = [
        activity('a', 'gift', runAt - HOUR_MS, { tokens: 2000 }), // already sliced: becomes a VIP
        activity('i', 'chat_message', runAt - HOUR_MS), // not sliced yet
        supporter('bc'), // new, in a range already sliced
        activity('bc', 'like', runAt - 2 * HOUR_MS),
        supporter('b', { fanClub: { tier: 'silver', active: true } }), // fan club of a sliced supporter
        remove('supporter', 'h'), // deleted before its slice
        supporter('zz-new'), // new, after every supporter, no activity
      ];

      const reference = open();
      reference.apply(workspace());
      reference.service.ensureCurrent(NOW);
      reference.service.runFull(runAt);
      reference.clock.now = runAt + minutesLater * MINUTE_MS;
      reference.apply(batch);

      const sliced = open();
      sliced.apply(workspace());
      sliced.service.ensureCurrent(NOW);
      const { pause } = pauses((count) => {
        // Slices of two: after the third pause, supporters a–d have been rescored and e–j have not.
        if (count !== 3) return;
        sliced.clock.now = runAt + minutesLater * MINUTE_MS;
        sliced.apply(batch);
      });
      await sliced.service.runFullInSlices(runAt, { pause, sliceSize: 2 });

      expect(allScores(sliced.core), `${minutesLater} minutes later`).toEqual(allScores(reference.core));
      expect(allRollups(sliced.core)).toEqual(allRollups(reference.core));
      expect(storedScore(sliced.core, 'a')?.segment).toBe('vip');
      expect(storedScore(sliced.core, 'h')).toBeNull();
      expect(storedScore(sliced.core, 'zz-new')?.segment).toBe('cold');
      expect(sliced.core.stores.meta.get(META_LAST_FULL_RUN)).toBe(new Date(runAt).toISOString());
    }
  });

  it('runs requested runs one after the other', async () => {
    const { core, service, apply } = open();
    apply(workspace());
    service.ensureCurrent(NOW);
    const log: string[] = [];
    const named = (name: string) => async () => {
      log.push(name);
    };
    const first = service.runFullInSlices(NOW + DAY_MS, { pause: named('first'), sliceSize: 4 });
    const second = service.runFullInSlices(NOW + 2 * DAY_MS, { pause: named('second'), sliceSize: 4 });
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'first', 'first', 'first', 'second', 'second', 'second', 'second']);
    expect(core.stores.meta.get(META_LAST_FULL_RUN)).toBe(new Date(NOW + 2 * DAY_MS).toISOString());
  });

  it('rebuilds everything first when the engine version changed, then completes', async () => {
    const { core, service, apply } = open();
    apply(workspace());
    service.ensureCurrent(NOW);
    const reference = open();
    reference.apply(workspace());
    reference.service.runFull(NOW + DAY_MS);
    core.stores.meta.set('engineVersion', String(ENGINE_VERSION - 1));
    core.db.prepare("UPDATE supporter_state SET segment = 'cold' WHERE segment IS NOT NULL").run();
    await service.runFullInSlices(NOW + DAY_MS, { pause: async () => undefined, sliceSize: 2 });
    expect(service.isVersionCurrent()).toBe(true);
    // The rebuild writes every score at its `now`; the reference kept rows that came out the same
    // as at ingest (validity from an earlier asOf). Everything a score says must match.
    const withoutAsOf = (rows: unknown[]) => (rows as { asOf: number }[]).map(({ asOf: _asOf, ...rest }) => rest);
    expect(withoutAsOf(allScores(core))).toEqual(withoutAsOf(allScores(reference.core)));
    expect(allRollups(core)).toEqual(allRollups(reference.core));
  });
});

describe('a rebuild from raw activity in slices', () => {
  it('drops a rebuild whose slice failed, and the next run rebuilds from the start to the same end', async () => {
    const limits = { rebuildSliceRows: 2, fullRunSliceSupporters: 2 };
    const reference = open();
    reference.apply(workspace());
    reference.service.rebuildEverything(NOW);

    const { core, service, apply } = open({ limits });
    apply(workspace());
    service.requireRebuild();
    // The fourth score write of the rebuild fails (a full disk, say): its slice rolls back.
    const { scores } = core.stores;
    const write = scores.write.bind(scores);
    let writes = 0;
    scores.write = (...args) => {
      writes += 1;
      if (writes === 4) throw new Error('disk full');
      write(...args);
    };
    await expect(service.runFullInSlices(NOW, { pause: async () => undefined, sliceSize: 2 })).rejects.toThrow('disk full');
    expect(service.isVersionCurrent()).toBe(false);
    expect(service.lastFullRunAt()).toBeNull();

    // Had the rebuild carried on after the slice that was rolled back, its supporters would have no row.
    await service.runFullInSlices(NOW, { pause: async () => undefined, sliceSize: 2 });
    expect(service.isVersionCurrent()).toBe(true);
    expect(allScores(core)).toEqual(allScores(reference.core));
    expect(allRollups(core)).toEqual(allRollups(reference.core));
  });

  it('answers requests between its slices, and sets the version mark only after the last', async () => {
    const { services, service, apply } = open({ limits: { rebuildSliceRows: 3, fullRunSliceSupporters: 2 } });
    apply(workspace());
    service.requireRebuild();
    const handlers = createRequestHandlers();
    let finished = false;
    const run = service.runFullInSlices(NOW, { pause: yieldToEventLoop, sliceSize: 2 }).finally(() => (finished = true));
    let pingsWhileStale = 0;
    // (Bounded, so a rebuild that never yields fails the test instead of hanging it.)
    for (let turn = 0; turn < 1000 && !service.isVersionCurrent(); turn += 1) {
      const ping = await invokeRequest(services, handlers, 'system.ping', {});
      expect(ping.ok).toBe(true);
      pingsWhileStale += 1;
      // A turn of the event loop, as between two requests of the host.
      await yieldToEventLoop();
    }
    expect(service.isVersionCurrent()).toBe(true);
    // Ten supporters and thirty activity rows: several folding and writing slices, a ping between each two.
    expect(pingsWhileStale).toBeGreaterThan(5);
    expect(finished).toBe(false);
    await run;
    expect(service.lastFullRunAt()).toBe(NOW);
  });
});

describe('segmentation.run through the API', () => {
  it('answers another request while the run is under way', async () => {
    const { core, services, apply } = open();
    apply(workspace());
    const handlers = createRequestHandlers();
    let finished = false;
    const run = invokeRequest(services, handlers, 'segmentation.run', {}).finally(() => (finished = true));
    // The run yields to the event loop after its first step; this request is answered in that turn.
    const ping = await invokeRequest(services, handlers, 'system.ping', {});
    expect(ping).toEqual({ ok: true, value: { pong: true } });
    expect(finished).toBe(false);
    expect(core.stores.meta.get(META_LAST_FULL_RUN)).toBeNull();
    const result = await run;
    expect(result.ok).toBe(true);
    expect(core.stores.meta.get(META_LAST_FULL_RUN)).toBe(new Date(NOW).toISOString());
  });
});
