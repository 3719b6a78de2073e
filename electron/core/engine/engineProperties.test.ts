import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/domain/activityTypes';
import { FAN_CLUB_TIERS } from '../../../shared/domain/fanClubTiers';
import type { InboxEntry, InboxPage, NowQueuePage } from '../../../shared/domain/inboxEntry';
import { INBOX_TABS, SEGMENTS, type InboxTab } from '../../../shared/domain/segments';
import type { CoreServices } from '../createCoreServices';
import type { CrmCore } from '../crmCore';
import type { EngineLimits } from './engineLimits';
import { readInboxPage } from './inbox/readInboxPage';
import { readSupporterProfile } from './profile/readSupporterProfile';
import type { RollupActivity } from './rollup/supporterRollup';
import { scoreSupporter } from './score/scoreSupporter';
import { summarizeActivities } from './score/summarizeActivities';
import {
  DAY_MS,
  engineCoresClosedAfterEach,
  iso,
  listing,
  NOW,
  remove,
  storedRollups,
  stream,
  type Change,
  type EngineTestCore,
} from './testing/engineTestKit';

const open = engineCoresClosedAfterEach();

const SUPPORTER_IDS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'];
/** Times cluster around the window edges (7, 14, 30 days) so boundaries are hit often. */
const timeArb = fc.oneof(
  fc.integer({ min: NOW - 60 * DAY_MS, max: NOW + 2 * DAY_MS }),
  fc.constantFrom(7, 14, 30).chain((days) => fc.integer({ min: -2, max: 2 }).map((delta) => NOW - days * DAY_MS + delta)),
);
const tokensArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 300, max: 1200 }));

const activityArb = fc.record({
  supporterId: fc.constantFrom(...SUPPORTER_IDS),
  type: fc.constantFrom<ActivityType>(...ACTIVITY_TYPES),
  at: timeArb,
  tokens: tokensArb,
  minutes: fc.integer({ min: 0, max: 240 }),
  online: fc.boolean(),
  listingId: fc.constantFrom('l-past', 'l-future'),
});
type GeneratedActivity = typeof activityArb extends fc.Arbitrary<infer T> ? T : never;

const supporterArb = fc.record({
  fanClub: fc.option(fc.record({ tier: fc.constantFrom(...FAN_CLUB_TIERS), active: fc.boolean() }), { nil: undefined }),
  timezone: fc.constantFrom(undefined, 'Asia/Tokyo', 'America/Los_Angeles'),
});

function toChanges(supporters: { fanClub?: { tier: string; active: boolean }; timezone?: string }[], activities: GeneratedActivity[]): Change[] {
  const records: Change[] = [
    { entity: 'creator', op: 'upsert', data: { id: 'c', handle: 'creator', earnOn: true, timezone: 'Europe/Berlin' } },
    listing('l-past', NOW - 3 * DAY_MS),
    listing('l-future', NOW + 3 * DAY_MS),
    stream('st', { scheduledAt: NOW + DAY_MS }),
  ];
  supporters.forEach((fields, index) => {
    const id = SUPPORTER_IDS[index] as string;
    records.push({
      entity: 'supporter',
      op: 'upsert',
      data: { id, handle: `fan_${id}`, firstSeenAt: iso(NOW - 90 * DAY_MS), ...(fields.fanClub ? { fanClub: fields.fanClub } : {}), ...(fields.timezone ? { timezone: fields.timezone } : {}) },
    });
  });
  activities.forEach((generated, index) => {
    const data: Record<string, unknown> = { id: `act${String(index).padStart(4, '0')}`, supporterId: generated.supporterId, type: generated.type, at: iso(generated.at), tokens: generated.tokens };
    if (generated.type === 'live_attendance') Object.assign(data, { streamId: 'st', minutes: generated.minutes });
    if (generated.type === 'live_gift') data.streamId = 'st';
    if (generated.type === 'ppv_purchase') Object.assign(data, { itemId: 'i', category: 'video' });
    if (generated.type === 'fan_club_payment') data.tier = 'gold';
    if (generated.type === 'event_registration' || generated.type === 'event_attendance') data.listingId = generated.listingId;
    if (generated.type === 'presence') data.online = generated.online;
    records.push({ entity: 'activity', op: 'upsert', data });
  });
  return records;
}

const workspaceArb = fc.record({
  supporters: fc.array(supporterArb, { minLength: SUPPORTER_IDS.length, maxLength: SUPPORTER_IDS.length }),
  activities: fc.array(activityArb, { maxLength: 80 }),
});

function allPages(services: CoreServices, now: number): Record<InboxTab, InboxPage> {
  return Object.fromEntries(INBOX_TABS.map((tab) => [tab, readInboxPage(services, { tab, limit: 100 }, now)])) as Record<InboxTab, InboxPage>;
}

function derivedScores(core: CrmCore) {
  return core.db
    .prepare(
      `SELECT supporterId, edgeAt, segment, online, lifetimeTokens, monthlyTokens, lastActivityAt, firstPurchaseAt, unreadCount,
        lastCreatorMessageAt, registeredListingIds, conversionProbability, priorityScore FROM supporter_state WHERE segment IS NOT NULL ORDER BY supporterId`,
    )
    .all();
}

describe('engine properties', () => {
  it('probability is an integer 0–100 and priority an integer at most 150, for any activity', () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 120 }), fc.boolean(), (generated, fanClubActive) => {
        const activities: RollupActivity[] = generated.map((activity, index) => ({ ...activity, id: `a${index}` }));
        const score = scoreSupporter(summarizeActivities('s', activities, NOW), fanClubActive, NOW);
        expect(Number.isInteger(score.conversionProbability)).toBe(true);
        expect(score.conversionProbability).toBeGreaterThanOrEqual(0);
        expect(score.conversionProbability).toBeLessThanOrEqual(100);
        expect(Number.isInteger(score.priorityScore)).toBe(true);
        expect(score.priorityScore).toBeLessThanOrEqual(150);
        expect(SEGMENTS).toContain(score.segment);
      }),
      { numRuns: 300 },
    );
  });

  it('puts every supporter in exactly one segment and every tab in its order', () => {
    fc.assert(
      fc.property(workspaceArb, fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), ({ supporters, activities }, shift) => {
        const { core, services, apply } = open();
        apply(toChanges(supporters, activities));
        const now = NOW + shift;
        const pages = allPages(services, now);
        const segments = SUPPORTER_IDS.map((id) => readSupporterProfile(core.stores, id, now).segment);
        for (const segment of SEGMENTS) expect(core.stores.scores.segmentCounts()[segment]).toBe(segments.filter((s) => s === segment).length);
        const profiles = new Map(SUPPORTER_IDS.map((id) => [id, readSupporterProfile(core.stores, id, now)]));
        const members = (tab: InboxTab) =>
          SUPPORTER_IDS.filter((id) => {
            const profile = profiles.get(id)!;
            if (tab === 'vip') return profile.segment === 'vip';
            if (tab === 'hot_leads') return profile.segment === 'hot_lead';
            if (tab === 'dormant') return profile.segment === 'dormant';
            if (tab === 'all') return profile.spending.lifetimeTokens > 0;
            return false;
          });
        // The CLV pages read All-tab membership from the first-purchase index (migration 7): the same set.
        for (const score of derivedScores(core) as { lifetimeTokens: number; firstPurchaseAt: number | null }[]) {
          expect(score.firstPurchaseAt !== null).toBe(score.lifetimeTokens > 0);
        }
        for (const tab of ['vip', 'hot_leads', 'all', 'dormant'] as const) {
          expect(pages[tab].total).toBe(members(tab).length);
          expect(pages[tab].entries.map((entry) => entry.supporterId).sort()).toEqual(members(tab).sort());
        }
        const ordered = (entries: InboxEntry[], key: (entry: InboxEntry) => (number | string)[]) => {
          for (let index = 1; index < entries.length; index += 1) {
            const before = key(entries[index - 1]!);
            const after = key(entries[index]!);
            expect(compareKeys(before, after)).toBeLessThan(0);
          }
        };
        const time = (value: string | null) => (value === null ? -Infinity : Date.parse(value));
        ordered(pages.vip.entries, (entry) => [-entry.lifetimeTokens, entry.supporterId]);
        ordered(pages.hot_leads.entries, (entry) => [-entry.conversionProbability, -entry.lifetimeTokens, entry.supporterId]);
        ordered(pages.all.entries, (entry) => [-time(entry.lastActivityAt), entry.supporterId]);
        ordered(pages.dormant.entries, (entry) => [-entry.lifetimeTokens, -time(entry.lastActivityAt), entry.supporterId]);
        // The Now queue (SPEC §11): everyone who spent or whom an open alert names, its score
        // from the entry's own figures, in nowScore, priorityScore, id order, and small pages
        // (the index read a window at a time) that add up to the whole queue.
        const openAlertIds = new Set(
          core.db.prepare('SELECT supporterId FROM alerts WHERE dismissedAt IS NULL AND createdAt <= ? AND (expiresAt IS NULL OR expiresAt > ?)').pluck().all(now, now) as string[],
        );
        const nowQueue = readInboxPage(services, { tab: 'now', limit: 100 }, now) as NowQueuePage;
        expect(nowQueue.entries.map((entry) => entry.supporterId).sort()).toEqual(
          SUPPORTER_IDS.filter((id) => profiles.get(id)!.spending.lifetimeTokens > 0 || openAlertIds.has(id)).sort(),
        );
        for (const entry of nowQueue.entries) {
          expect(entry.nowScore).toBe(entry.priorityScore + (entry.online ? 25 : 0) + Math.min(entry.unreadCount, 5) * 4 + (openAlertIds.has(entry.supporterId) ? 15 : 0));
          expect(entry.nowReasons.length).toBeGreaterThan(0);
        }
        const nowOrder = (entry: InboxEntry) => [-(entry as NowQueuePage['entries'][number]).nowScore, -entry.priorityScore, entry.supporterId];
        ordered(nowQueue.entries, nowOrder);
        const pieces: string[] = [];
        for (let offset = 0; offset < nowQueue.total; offset += 3) {
          pieces.push(...readInboxPage(services, { tab: 'now', limit: 3, offset }, now).entries.map((entry) => entry.supporterId));
        }
        expect(pieces).toEqual(nowQueue.entries.map((entry) => entry.supporterId));
        for (const entry of pages.new.entries) {
          const first = profiles.get(entry.supporterId)!;
          expect(first.spending.lifetimeTokens).toBeGreaterThan(0);
        }
        // Each inbox entry agrees with the profile computed from raw activity.
        for (const tab of INBOX_TABS) {
          for (const entry of pages[tab].entries) {
            const profile = profiles.get(entry.supporterId)!;
            expect([entry.segment, entry.conversionProbability, entry.priorityScore, entry.lifetimeTokens, entry.monthlyTokens, entry.online]).toEqual([
              profile.segment,
              profile.conversionProbability,
              profile.priorityScore,
              profile.spending.lifetimeTokens,
              profile.spending.monthlyTokens,
              profile.online,
            ]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same results whatever order the records were imported in', () => {
    fc.assert(
      fc.property(workspaceArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 5 }), ({ supporters, activities }, seed, batches) => {
        const records = toChanges(supporters, activities);
        const shuffled = shuffle(records, seed);
        const first = open();
        first.apply(records);
        const second = open();
        const size = Math.ceil(shuffled.length / batches);
        for (let start = 0; start < shuffled.length; start += size) second.apply(shuffled.slice(start, start + size));
        expect(allPages(second.services, NOW)).toEqual(allPages(first.services, NOW));
        expect(derivedScores(second.core)).toEqual(derivedScores(first.core));
        for (const id of SUPPORTER_IDS) expect(readSupporterProfile(second.core.stores, id, NOW)).toEqual(readSupporterProfile(first.core.stores, id, NOW));
      }),
      { numRuns: 30 },
    );
  });

  it('incremental recompute equals a full recompute, through edits, deletes and the passing of time', () => {
    fc.assert(
      fc.property(
        workspaceArb,
        fc.array(fc.tuple(fc.nat(), tokensArb, fc.boolean()), { maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 10 * DAY_MS }), { minLength: 1, maxLength: 4 }),
        ({ supporters, activities }, edits, steps) => {
          const records = toChanges(supporters, activities);
          const incremental = open();
          incremental.service.ensureCurrent(NOW);
          const half = Math.floor(records.length / 2);
          incremental.apply(records.slice(0, half));
          incremental.apply(records.slice(half));
          const followUps = followUpsOf(records, edits);
          for (const change of followUps) incremental.apply([change]);
          let now = NOW;
          for (const step of steps) {
            now += step;
            incremental.clock.now = now;
            incremental.service.ensureCurrent(now);
          }
          expectSameAsRebuilt(incremental, [...records, ...followUps], now);
        },
      ),
      { numRuns: 30 },
    );
  });
});

/**
 * Every strategy of the engine (`EngineLimits`) forced by tiny limits, each with what shows it ran:
 * incremental recompute must equal a rebuild from raw activity on each.
 */
const STRATEGIES: { name: string; limits: Partial<EngineLimits>; ran: (calls: StrategyCalls) => boolean }[] = [
  { name: 'each batch folded from its own rows (the defaults)', limits: {}, ran: (calls) => calls.batches > 0 && calls.scans === 0 && calls.workSetRescores > 0 },
  { name: 'a batch with more supporters than allowed left for the next read', limits: { batchMaxSupporters: 1 }, ran: (calls) => calls.scans > 0 },
  { name: 'a batch with more new rows than allowed left for the next read', limits: { batchMaxNewRows: 1 }, ran: (calls) => calls.scans > 0 },
  { name: 'a batch with more queued supporters than allowed left for the next read', limits: { batchMaxQueued: 0 }, ran: (calls) => calls.scans > 0 },
  {
    name: 'a backlog read in pages of 2 rows, its rollups written out beyond 1 held',
    limits: { batchMaxSupporters: 0, scanPageRows: 2, heldRollupsMax: 1 },
    ran: (calls) => calls.scans > 1 && calls.rollupsWrittenAlone > 0,
  },
  {
    name: 'every rebuild left for a read and done as a rebuild of everything',
    limits: { batchMaxSupporters: 0, rebuildAllAbove: 0, bulkShare: 0 },
    ran: (calls) => calls.rebuildsOfEverything > 0,
  },
  {
    name: 'every rescore done as a pass over everyone',
    limits: { rescoreAllAbove: 0, bulkShare: 0 },
    ran: (calls) => calls.slices > 0 && calls.workSetRescores === 0,
  },
  { name: 'full runs in slices of one supporter', limits: { fullRunSliceSupporters: 1 }, ran: (calls) => calls.slices > SUPPORTER_IDS.length },
];

interface StrategyCalls {
  batches: number;
  scans: number;
  rollupsWrittenAlone: number;
  rebuildsOfEverything: number;
  slices: number;
  workSetRescores: number;
}

/** Counts the store calls that show which strategy the engine took. */
function countCalls(core: CrmCore, calls: StrategyCalls): void {
  const { engineInput, rollups, scores } = core.stores;
  const count = <T extends object, K extends keyof T>(target: T, method: K, field: keyof StrategyCalls) => {
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = ((...args: unknown[]) => {
      calls[field] += 1;
      return original.apply(target, args);
    }) as T[K];
  };
  count(engineInput, 'scanActivities', 'scans');
  count(rollups, 'upsert', 'rollupsWrittenAlone');
  count(engineInput, 'rebuildIdsAfter', 'rebuildsOfEverything');
  count(engineInput, 'fanClubActiveAfter', 'slices');
  count(scores, 'supportersToScore', 'workSetRescores');
}

describe('engine strategies', () => {
  for (const strategy of STRATEGIES) {
    it(`incremental equals a rebuild from raw activity: ${strategy.name}`, async () => {
      const calls: StrategyCalls = { batches: 0, scans: 0, rollupsWrittenAlone: 0, rebuildsOfEverything: 0, slices: 0, workSetRescores: 0 };
      await fc.assert(
        fc.asyncProperty(
          workspaceArb,
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.tuple(fc.nat(), tokensArb, fc.boolean()), { maxLength: 6 }),
          fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY_MS }), fc.constantFrom('read', 'full run', 'sliced run')), { minLength: 1, maxLength: 3 }),
          async ({ supporters, activities }, seed, batches, edits, steps) => {
            const records = shuffle(toChanges(supporters, activities), seed);
            const incremental = open({ limits: strategy.limits });
            countCalls(incremental.core, calls);
            const size = Math.ceil(records.length / batches);
            for (let start = 0; start < records.length; start += size) {
              incremental.apply(records.slice(start, start + size));
              calls.batches += 1;
            }
            const followUps = followUpsOf(records, edits);
            incremental.apply(followUps);
            let now = NOW;
            for (const [step, how] of steps) {
              now += step;
              incremental.clock.now = now;
              if (how === 'read') incremental.service.ensureCurrent(now);
              else if (how === 'full run') incremental.service.runFull(now);
              else await incremental.service.runFullInSlices(now, { pause: async () => undefined });
            }
            incremental.service.ensureCurrent(now);
            expectSameAsRebuilt(incremental, [...records, ...followUps], now);
          },
        ),
        { numRuns: 12 },
      );
      expect(strategy.ran(calls), JSON.stringify(calls)).toBe(true);
    });
  }
});

/** What happens at a pause between two slices of a rebuild from raw activity. */
type BetweenSlices = 'batch' | 'edit' | 'supporter change' | 'read' | 'nothing';

/** Changes to supporter records: `[which supporter, fan club active or, with false, delete the record]`. */
const supporterChangesArb = fc.array(fc.tuple(fc.nat(), fc.option(fc.boolean(), { nil: false as const })), { maxLength: 4 });

function supporterChangesOf(changes: readonly [number, boolean | false][], records: readonly Change[]): Change[] {
  return changes.map(([pick, fanClubActive]) => {
    const id = SUPPORTER_IDS[pick % SUPPORTER_IDS.length] as string;
    if (fanClubActive === false) return remove('supporter', id);
    const record = records.find((change) => change.entity === 'supporter' && change.data.id === id);
    return { entity: 'supporter', op: 'upsert', data: { ...record?.data, id, handle: `fan_${id}`, firstSeenAt: iso(NOW - 90 * DAY_MS), fanClub: { tier: 'gold', active: fanClubActive } } };
  });
}

/** A workspace whose engine followed every one of these batches, read at `now`: the incremental way. */
function followedIncrementally(batches: readonly (readonly Change[])[], now: number): EngineTestCore {
  const incremental = open();
  incremental.apply(batches[0] ?? []);
  incremental.clock.now = now;
  for (const batch of batches.slice(1)) incremental.apply(batch);
  incremental.service.ensureCurrent(now);
  return incremental;
}

/** A fresh workspace with these records, rebuilt from raw activity in one transaction at `now`. */
function rebuiltAtOnce(records: readonly Change[], now: number): EngineTestCore {
  const full = open({ observe: false });
  full.apply(records);
  full.service.rebuildEverything(now);
  return full;
}

/** Derived state as the tabs, the scores and the rollups (bytes) hold it. */
function derivedState(testCore: EngineTestCore, now: number) {
  return { scores: derivedScores(testCore.core), rollups: storedRollups(testCore.core), pages: allPages(testCore.services, now) };
}

describe('engine rebuild from raw activity in slices', () => {
  it('ends as one unsliced rebuild and as incremental, with batches, late records, edits, deletes and reads between its slices', async () => {
    let slicesSeen = 0;
    let readsWhileStale = 0;
    await fc.assert(
      fc.asyncProperty(
        workspaceArb,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.record({ rows: fc.integer({ min: 1, max: 4 }), supporters: fc.integer({ min: 1, max: 3 }) }),
        fc.array(fc.constantFrom<BetweenSlices>('batch', 'edit', 'supporter change', 'read', 'nothing'), { minLength: 1, maxLength: 14 }),
        fc.array(fc.tuple(fc.nat(), tokensArb, fc.boolean()), { maxLength: 4 }),
        supporterChangesArb,
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        async ({ supporters, activities }, seed, size, between, edits, supporterEdits, shift) => {
          const records = shuffle(toChanges(supporters, activities), seed);
          // Two thirds are stored before the engine update; the rest arrives between slices in
          // batches of up to three, times at random: late records among them.
          const stored = records.slice(0, Math.ceil((records.length * 2) / 3));
          const queues: Record<Exclude<BetweenSlices, 'read' | 'nothing'>, Change[][]> = {
            batch: chunks(records.slice(stored.length), 3),
            edit: followUpsOf(stored, edits).map((change) => [change]),
            'supporter change': supporterChangesOf(supporterEdits, records).map((change) => [change]),
          };
          const now = NOW + shift;
          const sliced = open({ limits: { rebuildSliceRows: size.rows, fullRunSliceSupporters: size.supporters } });
          sliced.apply(stored);
          sliced.service.ensureCurrent(NOW);
          sliced.service.requireRebuild();
          sliced.clock.now = now;
          const applied: Change[][] = [stored];
          const apply = (batch: Change[] | undefined) => {
            if (batch === undefined) return;
            sliced.apply(batch);
            applied.push(batch);
          };
          let pauses = 0;
          let finished = false;
          const pause = async () => {
            const action = between[pauses % between.length] as BetweenSlices;
            pauses += 1;
            const stale = !sliced.service.isVersionCurrent();
            // The version mark is set once, after the last slice: never stale again after that.
            if (finished) expect(stale).toBe(false);
            if (!stale) finished = true;
            else slicesSeen += 1;
            if (action === 'read') {
              // A read while stale finishes the rebuild under way and answers as one rebuild of
              // everything applied so far would.
              if (stale) readsWhileStale += 1;
              expect(allPages(sliced.services, now)).toEqual(allPages(rebuiltAtOnce(applied.flat(), now).services, now));
            } else if (action !== 'nothing') {
              apply(queues[action].shift());
            }
          };
          await sliced.service.runFullInSlices(now, { pause, sliceSize: size.supporters });
          expect(sliced.service.isVersionCurrent()).toBe(true);
          // Whatever was not applied between slices arrives after the run.
          for (const queue of Object.values(queues)) for (const batch of queue) apply(batch);
          sliced.service.ensureCurrent(now);

          const expected = derivedState(rebuiltAtOnce(applied.flat(), now), now);
          expect(derivedState(sliced, now)).toEqual(expected);
          expect(derivedState(followedIncrementally(applied, now), now)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
    // The runs were sliced: more than one pause while stale per run on average (96–138 in all over
    // seven seeds; a read finishes the rebuild under way, and a slice takes whole supporters), where
    // an unsliced rebuild would give none. And reads did meet a rebuild under way.
    expect(slicesSeen).toBeGreaterThan(40);
    expect(readsWhileStale).toBeGreaterThan(0);
  });

  it('is redone exactly after a run cut short: carried on in the process, or from the start in a new one, by a run or a read', async () => {
    await fc.assert(
      fc.asyncProperty(
        workspaceArb,
        fc.record({ rows: fc.integer({ min: 1, max: 4 }), supporters: fc.integer({ min: 1, max: 3 }) }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.constantFrom('sliced run', 'full run', 'read'),
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        fc.array(fc.tuple(fc.nat(), tokensArb, fc.boolean()), { maxLength: 3 }),
        async ({ supporters, activities }, size, cutAt, newProcess, finishBy, shift, edits) => {
          const records = toChanges(supporters, activities);
          const limits = { rebuildSliceRows: size.rows, fullRunSliceSupporters: size.supporters };
          const first = open({ limits });
          first.apply(records);
          first.service.requireRebuild();
          const cut = new AbortController();
          let pauses = 0;
          // Whether the run was cut while the rebuild was under way (it may also be cut after it, before its completion mark).
          let cutWhileStale = false;
          const pause = async () => {
            pauses += 1;
            if (pauses !== cutAt) return;
            cutWhileStale = !first.service.isVersionCurrent();
            cut.abort();
          };
          const firstRun = first.service.runFullInSlices(NOW, { pause, sliceSize: size.supporters, signal: cut.signal });
          const wasCut = await firstRun.then(
            () => false,
            () => true,
          );
          // A run cut short records no completion, and one cut during the rebuild leaves the version stale.
          expect(first.service.lastFullRunAt()).toBe(wasCut ? null : NOW);
          expect(first.service.isVersionCurrent()).toBe(!cutWhileStale);
          const followUps = followUpsOf(records, edits);
          first.apply(followUps);

          const now = NOW + shift;
          let finishing = first;
          if (newProcess) {
            // The process ends; the next one opens the same workspace (one without any activity
            // left starts current: there is nothing to rebuild).
            const nothingToRebuild = first.core.stores.engineInput.maxActivitySeq() === 0;
            first.core.close();
            finishing = open({ dataDir: first.dataDir, limits });
            expect(finishing.service.isVersionCurrent()).toBe(!cutWhileStale || nothingToRebuild);
          }
          finishing.clock.now = now;
          if (finishBy === 'sliced run') await finishing.service.runFullInSlices(now, { pause: async () => undefined, sliceSize: size.supporters });
          else if (finishBy === 'full run') finishing.service.runFull(now);
          finishing.service.ensureCurrent(now);
          expect(finishing.service.isVersionCurrent()).toBe(true);
          expect(derivedState(finishing, now)).toEqual(derivedState(rebuiltAtOnce([...records, ...followUps], now), now));
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** The items in consecutive groups of up to `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}

/** Edits and deletes of some of the records' activities: `[which, new tokens, delete it]`. */
function followUpsOf(records: readonly Change[], edits: readonly [number, number, boolean][]): Change[] {
  const activityRecords = records.filter((record) => record.entity === 'activity');
  const followUps: Change[] = [];
  for (const [pick, tokens, removeIt] of edits) {
    const target = activityRecords[pick % Math.max(1, activityRecords.length)];
    if (!target) break;
    followUps.push(removeIt ? { entity: 'activity', op: 'delete', data: { id: target.data.id } } : { ...target, data: { ...target.data, tokens } });
  }
  return followUps;
}

/** The incremental workspace's scores and tabs at `now` equal those of a fresh one rebuilt from `records`. */
function expectSameAsRebuilt(incremental: EngineTestCore, records: readonly Change[], now: number): void {
  const full = open();
  full.apply(records);
  full.service.rebuildEverything(now);
  expect(derivedScores(incremental.core)).toEqual(derivedScores(full.core));
  expect(allPages(incremental.services, now)).toEqual(allPages(full.services, now));
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index]!;
    const y = b[index]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

