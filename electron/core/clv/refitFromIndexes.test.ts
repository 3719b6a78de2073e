import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import { isSpendActivity } from '../engine/isSpendActivity';
import { segmentAtMoment, VIP_LIFETIME_TOKENS } from '../engine/segmentAtMoment';
import {
  activity,
  creator,
  DAY_MS,
  HOUR_MS,
  NOW,
  openEngineCore,
  remove,
  supporter,
  type Change,
  type EngineTestCore,
} from '../engine/testing/engineTestKit';
import type { PurchaseRow, RecentActivityCounts } from '../store/clvStore';
import { ClvService } from './clvService';
import { createLocalDayKey } from './createLocalDayKey';
import { FORECAST_DAYS } from './fitSupporterColumns';
import { foldStoredPurchases } from './foldStoredPurchases';
import { MS_PER_DAY, summariseSupporterPurchases } from './summariseSupporterPurchases';
import type { FoldedPurchases, PurchaseFoldMoments } from './supporterPurchaseFolder';
import { supporterPurchaseHistory } from './supporterPurchaseHistory';
import { wasHotLeadFromCounts } from './wasHotLeadFromCounts';

/**
 * The refit reads purchases from their own index and last week's Hot Leads from counts of each
 * supporter's week (migration 15, issue 19). These tests hold it to a straightforward recomputation
 * from the raw activity rows, after any sequence of inserts, late (out-of-order) inserts, deletes
 * and supporter removals — the index is kept by SQLite on every one of them.
 */

const MOMENTS: PurchaseFoldMoments = { now: NOW, cutoff: NOW - FORECAST_DAYS * MS_PER_DAY, hotLeadAt: NOW - 7 * DAY_MS };
const HOT_LEAD_AT = MOMENTS.hotLeadAt;
const SUPPORTERS = ['a', 'b', 'c', 'd', 'e'] as const;
const TYPES: ActivityType[] = ['chat_message', 'gift', 'live_gift', 'profile_view', 'like', 'match', 'live_attendance', 'presence', 'creator_message', 'fan_club_payment', 'ppv_purchase'];

let open: EngineTestCore[] = [];
afterEach(() => {
  for (const testCore of open) testCore.close();
  open = [];
});

type RawRow = { id: string; supporterId: string; type: ActivityType; at: number; tokens: number; minutes: number | null; online: number | null; listingId: string | null };

function rawRows(testCore: EngineTestCore): RawRow[] {
  return testCore.core.db.prepare('SELECT id, supporterId, type, at, tokens, minutes, online, listingId FROM activities ORDER BY seq').all() as RawRow[];
}

/** What the refit folds, recomputed the plain way: every raw purchase in memory, histories, summaries. */
function referenceFold(rows: readonly RawRow[], timeZone: string) {
  const purchases: PurchaseRow[] = rows.filter((row) => isSpendActivity(row.type) && row.tokens > 0).map((row) => [row.supporterId, row.at, row.tokens]);
  const histories = supporterPurchaseHistory(purchases, NOW, createLocalDayKey(timeZone));
  const atNow = summariseSupporterPurchases(histories, NOW / MS_PER_DAY);
  const atCutoff = summariseSupporterPurchases(histories, MOMENTS.cutoff / MS_PER_DAY);
  return histories.map((history, i) => ({
    supporterId: history.supporterId,
    atNow: pickSummary(atNow[i]),
    atCutoff: pickSummary(atCutoff[i]),
    lastPurchaseAt: history.lastPurchaseAt,
    tokensByHotLeadAt: purchases.filter(([id, at]) => id === history.supporterId && at <= HOT_LEAD_AT).reduce((sum, [, , tokens]) => sum + tokens, 0),
    boughtAfterHotLeadAt: purchases.some(([id, at]) => id === history.supporterId && at > HOT_LEAD_AT && at <= NOW),
  }));
}

function pickSummary(summary: { purchaseDayCount: number; x: number; t_x: number; T: number; m_x: number } | undefined) {
  if (summary === undefined) return undefined;
  const { purchaseDayCount, x, t_x, T, m_x } = summary;
  return { purchaseDayCount, x, t_x, T, m_x };
}

function storedFold(testCore: EngineTestCore, timeZone: string, sliceRows: number) {
  const steps = foldStoredPurchases(testCore.core.stores.clv, MOMENTS, createLocalDayKey(timeZone), sliceRows);
  let folded: FoldedPurchases;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      folded = step.value;
      break;
    }
  }
  const column = (values: ArrayLike<number>, i: number) => values[i] ?? Number.NaN;
  return folded.supporterIds.map((supporterId, i) => ({
    supporterId,
    atNow: pickSummary({
      purchaseDayCount: column(folded.atNow.purchaseDayCount, i),
      x: column(folded.atNow.x, i),
      t_x: column(folded.atNow.t_x, i),
      T: column(folded.atNow.T, i),
      m_x: column(folded.atNow.m_x, i),
    }),
    atCutoff: pickSummary({
      purchaseDayCount: column(folded.atCutoff.purchaseDayCount, i),
      x: column(folded.atCutoff.x, i),
      t_x: column(folded.atCutoff.t_x, i),
      T: column(folded.atCutoff.T, i),
      m_x: column(folded.atCutoff.m_x, i),
    }),
    lastPurchaseAt: column(folded.lastPurchaseAt, i),
    tokensByHotLeadAt: column(folded.tokensByHotLeadAt, i),
    boughtAfterHotLeadAt: folded.boughtAfterHotLeadAt[i] === 1,
  }));
}

/** Last week's Hot Leads the plain way: every supporter active in the week before, whole history scored by the engine. */
function referenceHotLeads(testCore: EngineTestCore, rows: readonly RawRow[]) {
  const fanClub = new Set(testCore.core.db.prepare('SELECT id FROM supporters WHERE fanClubActive = 1').pluck().all() as string[]);
  const ids = [...new Set(rows.filter((row) => row.at > HOT_LEAD_AT - 7 * DAY_MS && row.at <= HOT_LEAD_AT).map((row) => row.supporterId))];
  let hotLeadsLastWeek = 0;
  let spentInFollowing7Days = 0;
  for (const supporterId of ids) {
    const history = rows
      .filter((row) => row.supporterId === supporterId && row.at <= HOT_LEAD_AT)
      .map((row) => [row.type, row.at, row.tokens, row.minutes, row.online, row.listingId, row.type === 'presence' ? row.id : null]);
    if (segmentAtMoment(supporterId, history, fanClub.has(supporterId), HOT_LEAD_AT) !== 'hot_lead') continue;
    hotLeadsLastWeek += 1;
    if (rows.some((row) => row.supporterId === supporterId && isSpendActivity(row.type) && row.tokens > 0 && row.at > HOT_LEAD_AT && row.at <= NOW)) spentInFollowing7Days += 1;
  }
  return hotLeadsLastWeek === 0 ? null : { hotLeadsLastWeek, spentInFollowing7Days, precision: spentInFollowing7Days / hotLeadsLastWeek };
}

/** One step of a workspace's history. */
type Step =
  | { kind: 'insert'; supporterId: string; type: ActivityType; at: number; tokens: number; minutes: number; online: boolean; count: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'removeSupporter'; supporterId: string }
  | { kind: 'addSupporter'; supporterId: string; fanClub: boolean }
  | { kind: 'busyWeek'; supporterId: string; chats: number; views: number; gifts: number; likes: number; oldGifts: number; presence: 'none' | 'online' | 'offline' | 'oldOnline'; match: 'none' | 'recent' | 'older' };

const moment = fc.oneof(
  // The week before the Hot Lead moment, where the counts are read (and its edges).
  fc.integer({ min: -7 * 24, max: 0 }).map((hours) => HOT_LEAD_AT + hours * HOUR_MS),
  fc.constantFrom(HOT_LEAD_AT, HOT_LEAD_AT - 7 * DAY_MS, HOT_LEAD_AT - 7 * DAY_MS + 1, HOT_LEAD_AT + 1),
  // Older history (lifetime gifts, an older presence or match), the cutoff, and after now.
  fc.integer({ min: -90 * 24, max: 2 * 24 }).map((hours) => NOW + hours * HOUR_MS),
  fc.integer({ min: -36, max: 36 }).map((hours) => MOMENTS.cutoff + hours * HOUR_MS),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      supporterId: fc.constantFrom(...SUPPORTERS),
      type: fc.constantFrom(...TYPES),
      at: moment,
      tokens: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
      minutes: fc.integer({ min: 0, max: 90 }),
      online: fc.boolean(),
      // Bursts of the same activity make Hot Leads (and undecided weeks) common enough to test.
      count: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 12 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeSupporter' as const), supporterId: fc.constantFrom(...SUPPORTERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addSupporter' as const), supporterId: fc.constantFrom(...SUPPORTERS), fanClub: fc.boolean() }) },
  {
    // A busy week before the Hot Lead moment, near the threshold, with what lies further back
    // (older gifts, an older presence record or match) deciding it either way.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('busyWeek' as const),
      supporterId: fc.constantFrom(...SUPPORTERS),
      chats: fc.integer({ min: 0, max: 12 }),
      views: fc.integer({ min: 0, max: 5 }),
      gifts: fc.integer({ min: 0, max: 3 }),
      likes: fc.integer({ min: 0, max: 4 }),
      oldGifts: fc.integer({ min: 0, max: 50 }),
      presence: fc.constantFrom('none' as const, 'online' as const, 'offline' as const, 'oldOnline' as const),
      match: fc.constantFrom('none' as const, 'recent' as const, 'older' as const),
    }),
  },
);

/** The records of a busy week (see the step above). */
function busyWeek(s: Extract<Step, { kind: 'busyWeek' }>): Change[] {
  // Each record of the week 3 hours before the previous one, the first 3 hours before the moment.
  let k = 0;
  const inWeek = () => HOT_LEAD_AT - (k += 1) * 3 * HOUR_MS;
  const records: Change[] = [];
  for (let n = 0; n < s.chats; n += 1) records.push(activity(s.supporterId, 'chat_message', inWeek()));
  for (let n = 0; n < s.views; n += 1) records.push(activity(s.supporterId, 'profile_view', inWeek()));
  for (let n = 0; n < s.gifts; n += 1) records.push(activity(s.supporterId, 'gift', inWeek(), { tokens: 2 }));
  for (let n = 0; n < s.likes; n += 1) records.push(activity(s.supporterId, 'like', inWeek()));
  for (let n = 0; n < s.oldGifts; n += 1) records.push(activity(s.supporterId, 'gift', HOT_LEAD_AT - (8 + n) * DAY_MS, { tokens: 1 }));
  if (s.presence === 'online' || s.presence === 'offline') records.push(activity(s.supporterId, 'presence', inWeek(), { online: s.presence === 'online' }));
  if (s.presence === 'oldOnline') records.push(activity(s.supporterId, 'presence', HOT_LEAD_AT - 9 * DAY_MS, { online: true }));
  if (s.match === 'recent') records.push(activity(s.supporterId, 'match', inWeek()));
  if (s.match === 'older') records.push(activity(s.supporterId, 'match', HOT_LEAD_AT - 10 * DAY_MS));
  return records;
}

/** Applies the steps in batches of a few, as sync pages would; returns the workspace. */
function workspaceAfter(steps: readonly Step[], timeZone: string, batchSize: number): EngineTestCore {
  const testCore = openEngineCore({ now: NOW });
  open.push(testCore);
  testCore.apply([creator(timeZone), ...SUPPORTERS.map((id) => supporter(id, id === 'a' ? { fanClub: { tier: 'gold', active: true } } : {}))]);
  const inserted: string[] = [];
  let batch: Change[] = [];
  for (const s of steps) {
    if (s.kind === 'insert') {
      for (let k = 0; k < s.count; k += 1) {
        const at = s.at - k * 10 * 60_000;
        const extra: Record<string, unknown> = {};
        if (isSpendActivity(s.type) && s.tokens > 0) extra.tokens = s.tokens;
        if (s.type === 'live_attendance') extra.minutes = s.minutes;
        if (s.type === 'presence') extra.online = s.online;
        const change = activity(s.supporterId, s.type, at, extra);
        inserted.push(String(change.data.id));
        batch.push(change);
      }
    } else if (s.kind === 'busyWeek') {
      for (const change of busyWeek(s)) {
        inserted.push(String(change.data.id));
        batch.push(change);
      }
    } else if (s.kind === 'delete') {
      const id = inserted[s.pick % Math.max(1, inserted.length)];
      if (id !== undefined) batch.push(remove('activity', id));
    } else if (s.kind === 'removeSupporter') {
      batch.push(remove('supporter', s.supporterId));
    } else {
      batch.push(supporter(s.supporterId, s.fanClub ? { fanClub: { tier: 'gold', active: true } } : {}));
    }
    if (batch.length >= batchSize) {
      testCore.apply(batch);
      batch = [];
    }
  }
  if (batch.length > 0) testCore.apply(batch);
  return testCore;
}

describe('the refit from the purchase index and counted weeks (migration 15)', () => {
  it('folds exactly the summaries a recomputation from the raw rows gives, after any inserts, late inserts, deletes and supporter removals', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (steps, timeZone, batchSize, sliceRows) => {
          const testCore = workspaceAfter(steps, timeZone, batchSize);
          const rows = rawRows(testCore);
          expect(storedFold(testCore, timeZone, sliceRows)).toEqual(referenceFold(rows, timeZone));
          testCore.close();
          open = open.filter((other) => other !== testCore);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds last week’s Hot Leads exactly as scoring every candidate’s whole history does', () => {
    let hotLeadsSeen = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), (steps, batchSize, sliceSupporters) => {
        const testCore = workspaceAfter(steps, 'UTC', batchSize);
        const { core, services } = testCore;
        const service = new ClvService({
          stores: core.stores,
          lastFullRunAt: () => services.segmentation.lastFullRunAt(),
          isOpen: () => core.isOpen(),
          slices: { purchaseRows: 5, hotLeadSupporters: sliceSupporters },
        });
        const expected = referenceHotLeads(testCore, rawRows(testCore));
        expect(service.refit(NOW).hotLeadPrecision).toEqual(expected);
        hotLeadsSeen += expected?.hotLeadsLastWeek ?? 0;
        testCore.close();
        open = open.filter((other) => other !== testCore);
      }),
      { numRuns: 80 },
    );
    // The generator must actually make Hot Leads, or the comparison above proves little.
    expect(hotLeadsSeen).toBeGreaterThan(0);
  });

  it('asks for the whole history when lifetime gifts decide, and gets the engine’s answer from it', () => {
    const at = HOT_LEAD_AT;
    const inWeek = (hours: number) => at - hours * HOUR_MS;
    const records: Change[] = [creator(), supporter('s')];
    // The week: 10 chats (chat signal 100), 4 profile views (80) and one gift — 45.6 on their own.
    for (let k = 0; k < 10; k += 1) records.push(activity('s', 'chat_message', inWeek(10 + k)));
    for (let k = 0; k < 4; k += 1) records.push(activity('s', 'profile_view', inWeek(30 + k)));
    records.push(activity('s', 'gift', inWeek(40), { tokens: 5 }));
    // The week is (at − 7 d, at]: a like exactly 7 days back is outside it, one exactly at `at` inside.
    records.push(activity('s', 'like', at - 7 * DAY_MS), activity('s', 'like', at));
    // 44 older gifts bring the gifting signal to 100: 72 points, a Hot Lead.
    for (let k = 0; k < 44; k += 1) records.push(activity('s', 'gift', at - (20 + k) * DAY_MS, { tokens: 5 }));
    const testCore = openEngineCore({ now: NOW });
    open.push(testCore);
    testCore.apply(records);
    const { clv } = testCore.core.stores;
    const [counts] = clv.recentActivityAfter('', 10, { from: at - 7 * DAY_MS, to: at });
    expect(counts).toBeDefined();
    const recent = counts as RecentActivityCounts;
    expect(recent.slice(0, 9)).toEqual(['s', 16, 10, 1, 0, 4, 0, 0, 1]);
    const lifetimeTokens = 45 * 5;
    expect(lifetimeTokens).toBeLessThan(VIP_LIFETIME_TOKENS);
    expect(wasHotLeadFromCounts(recent, lifetimeTokens, false, at)).toBeNull();
    const lifetime = clv.lifetimeFactsAt('s', at);
    expect(lifetime).toEqual({ gifts: 45, lastMatchAt: null, online: null });
    expect(wasHotLeadFromCounts(recent, lifetimeTokens, false, at, lifetime)).toBe(true);
    expect(segmentAtMoment('s', clv.activitiesUpTo('s', at), false, at)).toBe('hot_lead');
    const plans = clv.explainLifetimeFacts().join('\n');
    expect(plans).toContain('USING COVERING INDEX activities_purchases');
    expect(plans).toContain('USING COVERING INDEX activities_rare_scoring');
    expect(plans).not.toContain('SCAN');
  });
});
