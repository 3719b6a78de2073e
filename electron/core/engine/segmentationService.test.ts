import { describe, expect, it } from 'vitest';
import type { CrmCore } from '../crmCore';
import { ENGINE_VERSION } from './engineVersion';
import { readInboxPage } from './inbox/readInboxPage';
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
  storedRollup,
  storedRollups,
  storedScore,
} from './testing/engineTestKit';

const open = engineCoresClosedAfterEach();

/** Derived state without the bookkeeping that legitimately differs between runs (asOf). */
function derivedState(core: CrmCore) {
  const scores = core.db
    .prepare(
      `SELECT supporterId, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt, firstPurchaseAt, unreadCount,
        lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore, fanClubActive FROM supporter_state WHERE segment IS NOT NULL ORDER BY supporterId`,
    )
    .all();
  const rollups = storedRollups(core);
  return { scores, rollups };
}

function history(id: string, options: { lifetime?: number; daysAgo?: number } = {}): Change[] {
  const at = NOW - (options.daysAgo ?? 1) * DAY_MS;
  return [
    supporter(id),
    activity(id, 'chat_message', at, { tokens: 2 }),
    activity(id, 'gift', at + MINUTE_MS, { tokens: options.lifetime ?? 10 }),
    activity(id, 'creator_message', at + 2 * MINUTE_MS),
    activity(id, 'chat_message', at + 3 * MINUTE_MS),
  ];
}

function segmentOf(core: CrmCore, supporterId: string): string | undefined {
  return storedScore(core, supporterId)?.segment;
}

describe('SegmentationService', () => {
  it('keeps scores current batch by batch, equal to a rebuild from raw activity', () => {
    const incremental = open();
    incremental.service.ensureCurrent(NOW);
    const batches: Change[][] = [
      [...history('a'), ...history('b', { lifetime: 995 })],
      [activity('b', 'gift', NOW - HOUR_MS, { tokens: 5 }), ...history('c', { daysAgo: 8 })],
      [activity('a', 'creator_message', NOW - 30 * MINUTE_MS), activity('c', 'presence', NOW - 10 * MINUTE_MS, { online: true })],
      [supporter('c', { fanClub: { tier: 'gold', active: true } })],
    ];
    for (const batch of batches) incremental.apply(batch);
    expect(segmentOf(incremental.core, 'b')).toBe('vip');
    expect(storedScore(incremental.core, 'a')?.unreadCount).toBe(0);

    const rebuilt = open();
    for (const batch of batches) rebuilt.apply(batch);
    rebuilt.service.rebuildEverything(NOW);
    expect(derivedState(incremental.core)).toEqual(derivedState(rebuilt.core));
  });

  it('folds a batch from the rows it inserted, reading activity back only when they are not exactly the new rows', () => {
    const inMemory = open();
    const reference = open();
    const batches: Change[][] = [[...history('a'), ...history('b')], [activity('a', 'gift', NOW - HOUR_MS, { tokens: 5 }), ...history('c', { daysAgo: 3 })]];
    const scan = inMemory.core.stores.engineInput.scanActivities.bind(inMemory.core.stores.engineInput);
    let scans = 0;
    inMemory.core.stores.engineInput.scanActivities = (...args) => {
      scans += 1;
      return scan(...args);
    };
    for (const batch of batches) inMemory.apply(batch);
    expect(scans).toBe(0);
    // A delete and a new row in one batch: the new row may reuse a rowid, so the engine reads.
    const gift = batches[1]?.[0] as Change;
    inMemory.apply([remove('activity', String(gift.data.id)), activity('a', 'gift', NOW - 30 * MINUTE_MS, { tokens: 7 })]);
    for (const batch of [...batches, [remove('activity', String(gift.data.id)), activity('a', 'gift', NOW - 30 * MINUTE_MS, { tokens: 7 })]]) reference.apply(batch);
    reference.service.rebuildEverything(NOW);
    expect(derivedState(inMemory.core)).toEqual(derivedState(reference.core));
  });

  it('moves a supporter to dormant when time alone crosses 7 days, at the edge it stored', () => {
    const { core, service } = open();
    service.ensureCurrent(NOW);
    const last = NOW - 6 * DAY_MS;
    core.applyBatch([], 'noop');
    const records = [supporter('quiet'), activity('quiet', 'like', last)];
    core.applyBatch(records.map((value, position) => ({ kind: 'value', value, position })), 'test');
    expect(segmentOf(core, 'quiet')).toBe('active');
    expect(service.nextEdgeAt()).toBe(last + 7 * DAY_MS);
    expect(service.ensureCurrent(last + 7 * DAY_MS - 1)).toBe(0);
    expect(segmentOf(core, 'quiet')).toBe('active');
    expect(service.ensureCurrent(last + 7 * DAY_MS)).toBe(1);
    expect(segmentOf(core, 'quiet')).toBe('dormant');
    expect(service.nextEdgeAt()).toBe(last + 30 * DAY_MS);
    service.ensureCurrent(last + 30 * DAY_MS);
    expect(segmentOf(core, 'quiet')).toBe('cold');
    expect(service.nextEdgeAt()).toBeNull();
  });

  it('shows the workspace as it stood at an earlier now, then returns to the present', () => {
    const { core, services, service, apply } = open();
    service.ensureCurrent(NOW);
    apply([supporter('v'), activity('v', 'gift', NOW - 10 * DAY_MS, { tokens: 600 }), activity('v', 'gift', NOW - DAY_MS, { tokens: 600 })]);
    expect(segmentOf(core, 'v')).toBe('vip');
    const before = readInboxPage(services, { tab: 'vip' }, NOW - 5 * DAY_MS);
    expect(before.total).toBe(0);
    expect(segmentOf(core, 'v')).toBe('active');
    expect(storedScore(core, 'v')?.lifetimeTokens).toBe(600);
    expect(readInboxPage(services, { tab: 'vip' }, NOW).total).toBe(1);
    expect(storedScore(core, 'v')?.lifetimeTokens).toBe(1200);
  });

  it('runs a full re-segmentation as of an earlier now from raw activity', () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    apply([supporter('b'), activity('b', 'gift', NOW - 3 * DAY_MS, { tokens: 400 }), activity('b', 'gift', NOW - DAY_MS, { tokens: 600 })]);
    expect(service.runFull(NOW - 2 * DAY_MS).segments).toMatchObject({ vip: 0, active: 1 });
    expect(storedScore(core, 'b')).toMatchObject({ lifetimeTokens: 400, edgeAt: NOW - DAY_MS });
    expect(service.runFull(NOW).segments).toMatchObject({ vip: 1, active: 0 });
  });

  it('rebuilds a supporter whose activity was changed or deleted', () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    const gift = activity('x', 'gift', NOW - DAY_MS, { tokens: 100 });
    apply([supporter('x'), gift, activity('x', 'like', NOW - HOUR_MS)]);
    expect(storedScore(core, 'x')?.lifetimeTokens).toBe(100);
    apply([{ ...gift, data: { ...gift.data, tokens: 1500 } }]);
    expect(storedScore(core, 'x')).toMatchObject({ lifetimeTokens: 1500, segment: 'vip' });
    apply([remove('activity', String(gift.data.id))]);
    expect(storedScore(core, 'x')).toMatchObject({ lifetimeTokens: 0, segment: 'active' });
    // Replaying an identical record marks nothing.
    apply([activity('x', 'like', NOW - 2 * HOUR_MS)]);
    expect(core.stores.rollups.pendingCount()).toBe(0);
  });

  it('sees an insert that reuses the rowid of a deleted newest activity', () => {
    const { core, service, apply } = open({ observe: false });
    service.ensureCurrent(NOW);
    const newest = activity('p', 'gift', NOW - HOUR_MS, { tokens: 5 });
    apply([supporter('p'), supporter('q'), activity('p', 'like', NOW - 2 * HOUR_MS), newest]);
    service.ensureCurrent(NOW);
    // Without an observer: delete the newest row, then insert for someone else; SQLite reuses its rowid.
    apply([remove('activity', String(newest.data.id))]);
    apply([activity('q', 'gift', NOW - 30 * MINUTE_MS, { tokens: 1234 })]);
    service.ensureCurrent(NOW);
    expect(storedScore(core, 'p')?.lifetimeTokens).toBe(0);
    expect(storedScore(core, 'q')).toMatchObject({ lifetimeTokens: 1234, segment: 'vip' });
  });

  it('drops the score of a deleted supporter', () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    apply(history('gone'));
    expect(storedScore(core, 'gone')).not.toBeNull();
    apply([remove('supporter', 'gone')]);
    expect(storedScore(core, 'gone')).toBeNull();
    expect(storedRollup(core, 'gone')).toBeNull();
  });

  it('folds activity of a supporter the platform has not sent yet, and scores them once it does', () => {
    const incremental = open();
    incremental.service.ensureCurrent(NOW);
    const batches: Change[][] = [
      [activity('ghost', 'gift', NOW - 2 * HOUR_MS, { tokens: 700 }), ...history('known')],
      [activity('ghost', 'gift', NOW - HOUR_MS, { tokens: 500 }), activity('known', 'gift', NOW - HOUR_MS, { tokens: 5 })],
    ];
    for (const batch of batches) incremental.apply(batch);
    const { scores } = incremental.core.stores;
    expect(storedScore(incremental.core, 'ghost')).toBeNull();
    expect(storedRollup(incremental.core, 'ghost')?.lifetimeTokens).toBe(1200);
    expect(scores.segmentCounts()).toEqual({ vip: 0, hot_lead: 0, active: 1, dormant: 0, cold: 0 });

    const later: Change[][] = [[supporter('ghost')], [activity('ghost', 'gift', NOW - 30 * MINUTE_MS, { tokens: 100 })]];
    incremental.apply(later[0] as Change[]);
    expect(storedScore(incremental.core, 'ghost')).toMatchObject({ lifetimeTokens: 1200, segment: 'vip' });
    incremental.apply(later[1] as Change[]);
    expect(storedScore(incremental.core, 'ghost')?.lifetimeTokens).toBe(1300);

    const rebuilt = open();
    for (const batch of [...batches, ...later]) rebuilt.apply(batch);
    rebuilt.service.rebuildEverything(NOW);
    expect(derivedState(incremental.core)).toEqual(derivedState(rebuilt.core));

    // Deleting a supporter deletes their activity: score and rollup go, and so does their row.
    incremental.apply([remove('supporter', 'ghost')]);
    expect(storedScore(incremental.core, 'ghost')).toBeNull();
    expect(storedRollup(incremental.core, 'ghost')).toBeNull();
    expect(incremental.core.db.prepare("SELECT count(*) FROM supporter_state WHERE supporterId = 'ghost'").pluck().get()).toBe(0);
  });

  it('rescores when only the fan club changed', () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    apply(history('f'));
    const before = storedScore(core, 'f')?.conversionProbability ?? 0;
    apply([supporter('f', { fanClub: { tier: 'silver', active: true } })]);
    expect(storedScore(core, 'f')?.conversionProbability).toBe(before + 10);
  });

  it('scores a batch with the fan club flag stored for each supporter, kept current through changes', () => {
    const incremental = open();
    incremental.service.ensureCurrent(NOW);
    const batches: Change[][] = [
      [...history('f'), ...history('g'), ...history('h')],
      [supporter('f', { fanClub: { tier: 'gold', active: true } })],
      // Scored from the stored row: the flag must be the one the last change stored.
      [activity('f', 'gift', NOW - HOUR_MS, { tokens: 5 }), activity('g', 'gift', NOW - HOUR_MS, { tokens: 5 })],
      [supporter('f', { fanClub: { tier: 'gold', active: false } }), supporter('g', { fanClub: { tier: 'silver', active: true } })],
      // The change and new activity in one batch; and a supporter whose flag went off before.
      [supporter('h', { fanClub: { tier: 'gold', active: true } }), activity('h', 'gift', NOW - 30 * MINUTE_MS, { tokens: 5 })],
      [activity('f', 'gift', NOW - 20 * MINUTE_MS, { tokens: 5 }), activity('g', 'gift', NOW - 20 * MINUTE_MS, { tokens: 5 })],
    ];
    for (const batch of batches) incremental.apply(batch);
    const probability = (id: string) => storedScore(incremental.core, id)?.conversionProbability ?? 0;
    expect(storedScore(incremental.core, 'g')?.fanClubActive).toBe(true);
    expect(storedScore(incremental.core, 'f')?.fanClubActive).toBe(false);
    // Same activity pattern for f and g; only the fan club bonus tells them apart (SPEC §3: +10).
    expect(probability('g') - probability('f')).toBe(10);

    const rebuilt = open();
    for (const batch of batches) rebuilt.apply(batch);
    rebuilt.service.rebuildEverything(NOW);
    expect(derivedState(incremental.core)).toEqual(derivedState(rebuilt.core));
  });

  it('leaves a bulk batch for the next read, which then catches up', () => {
    const { core, services, service, apply } = open();
    service.ensureCurrent(NOW);
    const bulk: Change[] = [];
    for (let index = 0; index < 2500; index += 1) bulk.push(supporter(`bulk${index}`), activity(`bulk${index}`, 'gift', NOW - DAY_MS, { tokens: index }));
    apply(bulk);
    expect(storedScore(core, 'bulk7')).toBeNull();
    expect(readInboxPage(services, { tab: 'vip', limit: 1 }, NOW).total).toBe(1500);
    expect(storedScore(core, 'bulk7')?.lifetimeTokens).toBe(7);
  });

  it('rebuilds everything when the stored engine version differs', () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    apply(history('v1'));
    core.stores.meta.set('engineVersion', String(ENGINE_VERSION - 1));
    core.db.prepare('UPDATE supporter_state SET segment = ? WHERE segment IS NOT NULL').run('cold');
    expect(service.isVersionCurrent()).toBe(false);
    service.ensureCurrent(NOW);
    expect(service.isVersionCurrent()).toBe(true);
    expect(segmentOf(core, 'v1')).toBe('active');
  });

  it('rebuilds from raw activity in the next full run once asked to (requireRebuild, as after an engine update)', async () => {
    const { core, service, apply } = open();
    service.ensureCurrent(NOW);
    apply(history('r1'));
    const folded = storedRollup(core, 'r1');
    expect(folded).not.toBeNull();
    // A rollup only a rebuild from raw activity can restore.
    core.db.prepare('UPDATE supporter_state SET rollup = NULL').run();
    service.requireRebuild();
    expect(service.isVersionCurrent()).toBe(false);
    await service.runFullInSlices(NOW, { pause: async () => undefined });
    expect(service.isVersionCurrent()).toBe(true);
    expect(storedRollup(core, 'r1')).toEqual(folded);
    expect(segmentOf(core, 'r1')).toBe('active');
  });

  it('rebuilds inside the one transaction it is given, never a nested one (a savepoint journals every rewritten page again)', async () => {
    const { core, service, apply } = open();
    apply([...history('n1'), ...history('n2', { daysAgo: 10 })]);
    service.ensureCurrent(NOW);
    // Every transaction the engine opens, and how deep: a nested one is a SQLite savepoint.
    const outer = core.transaction.bind(core);
    let depth = 0;
    let deepest = 0;
    core.transaction = <T>(work: () => T): T =>
      outer(() => {
        depth += 1;
        deepest = Math.max(deepest, depth);
        try {
          return work();
        } finally {
          depth -= 1;
        }
      });
    service.requireRebuild();
    await service.runFullInSlices(NOW, { pause: async () => undefined });
    service.requireRebuild();
    service.ensureCurrent(NOW);
    expect(service.isVersionCurrent()).toBe(true);
    expect(deepest).toBe(1);
    expect(segmentOf(core, 'n1')).toBe('active');
  });

  it('catches up on changes applied by a process that had no observer', () => {
    const withoutObserver = open({ observe: false });
    withoutObserver.service.ensureCurrent(NOW);
    withoutObserver.apply([...history('late'), ...history('later', { daysAgo: 10 })]);
    expect(storedScore(withoutObserver.core, 'late')).toBeNull();
    withoutObserver.service.ensureCurrent(NOW);
    expect(segmentOf(withoutObserver.core, 'late')).toBe('active');
    expect(segmentOf(withoutObserver.core, 'later')).toBe('dormant');
  });

  it('a full run rewrites a stored score that differs in any value from the one it computes, and only those', () => {
    const { core, service, apply } = open();
    apply([...history('a'), ...history('b', { lifetime: 25 }), ...history('c')]);
    service.runFull(NOW);
    // A change one hash lane alone would see (25 → 50): compared value by value, it cannot be missed.
    core.db.prepare("UPDATE supporter_state SET monthlyTokens = monthlyTokens * 2 WHERE supporterId = 'b'").run();
    core.db.prepare("UPDATE supporter_state SET unreadCount = unreadCount + 1 WHERE supporterId = 'c'").run();
    const writes = core.stores.scores.writeIfChanged.bind(core.stores.scores);
    const written: string[] = [];
    core.stores.scores.writeIfChanged = (row, previous) => {
      const changed = writes(row, previous);
      if (changed) written.push(row.supporterId);
      return changed;
    };
    service.runFull(NOW + MINUTE_MS);
    expect(written.sort()).toEqual(['b', 'c']);
    const rebuilt = open();
    rebuilt.apply([...history('a'), ...history('b', { lifetime: 25 }), ...history('c')]);
    rebuilt.service.rebuildEverything(NOW + MINUTE_MS);
    expect(derivedState(core)).toEqual(derivedState(rebuilt.core));
  });

  it('a full run records its time and counts every supporter once', () => {
    const { core, service, apply } = open();
    apply([...history('a'), ...history('b', { lifetime: 2000 }), ...history('c', { daysAgo: 40 }), supporter('d')]);
    const summary = service.runFull(NOW);
    expect(summary).toEqual({ computedAt: new Date(NOW).toISOString(), segments: { vip: 1, hot_lead: 0, active: 1, dormant: 0, cold: 2 } });
    expect(core.stores.meta.get('lastFullSegmentationAt')).toBe(new Date(NOW).toISOString());
    expect(core.stores.meta.get('engineVersion')).toBe(String(ENGINE_VERSION));
  });
});
