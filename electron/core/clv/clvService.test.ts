import { afterEach, describe, expect, it } from 'vitest';
import type { ModelQuality } from '../../../shared/domain/modelQuality';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import type { CoreServices } from '../createCoreServices';
import { createDemoWorkspace, DEFAULT_DEMO } from '../demo/createDemoWorkspace';
import { readInboxPage } from '../engine/inbox/readInboxPage';
import { createEngineScheduler } from '../engine/schedule/createEngineScheduler';
import { classifySegment, VIP_LIFETIME_TOKENS } from '../engine/score/classifySegment';
import {
  activity,
  creator,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  NOW,
  openEngineCore,
  supporter,
  type Change,
  type EngineTestCore,
} from '../engine/testing/engineTestKit';
import { type ClvDependencies, ClvService } from './clvService';
import { createLocalDayKey } from './createLocalDayKey';
import { simulateBgNbdPurchases } from './simulateBgNbdPurchases';
import { supporterPurchaseHistory } from './supporterPurchaseHistory';

let open: EngineTestCore[] = [];
afterEach(() => {
  for (const testCore of open) testCore.close();
  open = [];
});

function workspace(records: Change[], now = NOW): EngineTestCore {
  const testCore = openEngineCore({ now });
  open.push(testCore);
  testCore.apply(records);
  return testCore;
}

/** A creator's purchase history simulated from the models themselves over the last 200 days (ids c000…). */
function simulatedPurchases(count: number, seed: number): Change[] {
  const customers = simulateBgNbdPurchases({
    params: { r: 0.8, alpha: 12, a: 0.6, b: 3 },
    customers: count,
    seed,
    firstPurchaseSpan: 150,
    observationEnd: 200,
    spend: { p: 4, q: 4, gamma: 30 },
  });
  const records: Change[] = [];
  customers.forEach((customer, i) => {
    const id = `c${String(i).padStart(3, '0')}`;
    records.push(supporter(id));
    customer.purchaseTimes.forEach((t, k) => {
      const at = NOW - 200 * DAY_MS + Math.round(t * DAY_MS);
      records.push(activity(id, 'gift', at, { tokens: Math.max(1, Math.round(customer.purchaseValues[k] ?? 1)) }));
    });
  });
  return records;
}

const handlers = createRequestHandlers();
async function call<T>(services: CoreServices, name: 'profile.get' | 'model.quality' | 'inbox.page', input: unknown): Promise<T> {
  const result = await invokeRequest(services, handlers, name, input, (error) => {
    throw error;
  });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The workspace's model service with a timer that reports a fixed duration (and, if given, small slices). */
function clvServiceTimedBy(services: CoreServices, timer: () => number, slices?: ClvDependencies['slices']): ClvService {
  const { core, segmentation } = services;
  return new ClvService({ stores: core.stores, lastFullRunAt: () => segmentation.lastFullRunAt(), isOpen: () => core.isOpen(), timer, ...(slices ? { slices } : {}) });
}

function fixedTimer(ms = 5) {
  let t = 0;
  return () => (t += ms);
}

describe('supporterPurchaseHistory', () => {
  it('keeps purchases at or before now only and merges same-day purchases, summing tokens', () => {
    const day = (n: number, hour = 12) => NOW - n * DAY_MS + (hour - 12) * HOUR_MS;
    const rows: [string, number, number][] = [
      ['a', day(10, 9), 5],
      ['a', day(10, 18), 7],
      ['a', day(3), 2],
      ['a', NOW + MINUTE_MS, 100],
      ['b', day(1), 0],
      ['c', NOW, 4],
    ];
    const histories = supporterPurchaseHistory(rows, NOW, createLocalDayKey('UTC'));
    expect(histories.map((h) => h.supporterId)).toEqual(['a', 'c']);
    expect(histories[0]).toEqual({ supporterId: 'a', purchaseDays: [day(10, 9) / DAY_MS, day(3) / DAY_MS], purchaseTokens: [12, 2], lastPurchaseAt: day(3) });
    expect(histories[1]?.lastPurchaseAt).toBe(NOW);
  });

  it('merges by the creator’s calendar day, not UTC’s', () => {
    // 23:30 and 00:30 UTC are one evening in New York (18:30 and 19:30) but two UTC days.
    const evening = Date.parse('2026-01-10T23:30:00Z');
    const rows: [string, number, number][] = [
      ['a', evening, 5],
      ['a', evening + HOUR_MS, 5],
    ];
    expect(supporterPurchaseHistory(rows, NOW, createLocalDayKey('UTC'))[0]?.purchaseDays).toHaveLength(2);
    expect(supporterPurchaseHistory(rows, NOW, createLocalDayKey('America/New_York'))[0]?.purchaseDays).toHaveLength(1);
    expect(supporterPurchaseHistory(rows, NOW, createLocalDayKey('Not/A_Zone'))[0]?.purchaseDays).toHaveLength(2);
  });
});

describe('ClvStore reads for a refit', () => {
  it('reads purchases from their own index, by supporter and time, keeping only spend with tokens > 0 at or before now', () => {
    const { core } = workspace([
      supporter('a'),
      supporter('b'),
      activity('b', 'gift', NOW - 3 * DAY_MS, { tokens: 4 }),
      activity('a', 'chat_message', NOW - 2 * DAY_MS, { tokens: 2 }),
      activity('a', 'creator_message', NOW - 2 * DAY_MS, { tokens: 9 }),
      activity('a', 'like', NOW - 2 * DAY_MS),
      activity('a', 'gift', NOW - DAY_MS, { tokens: 6 }),
      activity('a', 'gift', NOW + HOUR_MS, { tokens: 7 }),
      activity('a', 'gift', NOW - 4 * DAY_MS, { tokens: 1 }),
    ]);
    const { clv } = core.stores;
    const last = clv.maxActivitySeq();
    expect(clv.purchasesAfter('', NOW, last, 100)).toEqual([
      ['a', NOW - 4 * DAY_MS, 1],
      ['a', NOW - 2 * DAY_MS, 2],
      ['a', NOW - DAY_MS, 6],
      ['b', NOW - 3 * DAY_MS, 4],
    ]);
    expect(clv.purchasesAfter('a', NOW, last, 100)).toEqual([['b', NOW - 3 * DAY_MS, 4]]);
    expect(clv.purchasesAfter('', NOW, last, 2)).toHaveLength(2);
    expect(clv.purchasesOf('a', NOW, last)).toHaveLength(3);
    // Rows applied after the refit started (a higher change sequence) wait for the next refit.
    expect(clv.purchasesOf('a', NOW, last - 1)).toEqual([
      ['a', NOW - 2 * DAY_MS, 2],
      ['a', NOW - DAY_MS, 6],
    ]);
    const plan = clv.explainPurchasesAfter().join('\n');
    expect(plan).toContain('USING COVERING INDEX activities_purchases');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});

describe('ClvService', () => {
  it('fits on the creator’s supporters and stores parameters, fit time and every purchaser’s figures', () => {
    const { core, services } = workspace([creator(), ...simulatedPurchases(300, 11)]);
    const service = clvServiceTimedBy(services, fixedTimer());
    const fit = service.refit(NOW);
    expect(fit.parameters).not.toBeNull();
    expect(fit.fittedAt).toBe(NOW);
    expect(fit.fitMs).toBe(5);
    expect(fit.supportersFitted).toBe(300);
    expect(fit.repeatSupporters).toBeGreaterThanOrEqual(20);
    expect(core.stores.clv.fit()).toEqual(fit);
    const bgnbd = fit.parameters?.bgnbd;
    expect(bgnbd && [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b].every((value) => value > 0)).toBe(true);
    expect('bins' in fit.backtest && fit.backtest.bins.map((bin) => bin.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);

    const stored = core.db.prepare('SELECT count(*) AS n, count(chanceActive) AS scored FROM clv_supporters').get() as { n: number; scored: number };
    expect(stored.n).toBe(300);
    expect(stored.scored).toBe(fit.repeatSupporters);
  });

  it('uses only what was known at `now`: a later purchase changes nothing, and an earlier read refits', () => {
    const records = simulatedPurchases(200, 5);
    const { core, services, apply } = workspace(records);
    const service = services.clv;
    const before = service.refit(NOW - 20 * DAY_MS);
    const figures = core.db.prepare('SELECT * FROM clv_supporters ORDER BY supporterId').all();

    // A purchase after that moment is invisible to a fit at that moment.
    apply([activity('c000', 'gift', NOW - 5 * DAY_MS, { tokens: 500 }), supporter('new'), activity('new', 'gift', NOW - 2 * DAY_MS, { tokens: 9 })]);
    const again = service.refit(NOW - 20 * DAY_MS);
    expect(again.parameters).toEqual(before.parameters);
    expect(core.db.prepare('SELECT * FROM clv_supporters ORDER BY supporterId').all()).toEqual(figures);

    // A stored fit from a later moment is never served for an earlier read.
    service.refit(NOW);
    expect(service.ensureFitted(NOW - 20 * DAY_MS).fittedAt).toBe(NOW - 20 * DAY_MS);
    expect(service.ensureFitted(NOW - 20 * DAY_MS + HOUR_MS).fittedAt).toBe(NOW - 20 * DAY_MS);
  });

  it('refits after the daily run time passes and after a full segmentation, not on every read', () => {
    const { services } = workspace(simulatedPurchases(120, 3));
    const service = services.clv;
    expect(service.ensureFitted(NOW).fittedAt).toBe(NOW);
    expect(service.ensureFitted(NOW + HOUR_MS).fittedAt).toBe(NOW);
    // NOW is 12:00 UTC; the next daily run time is 03:00 UTC tomorrow.
    expect(service.ensureFitted(NOW + DAY_MS).fittedAt).toBe(NOW + DAY_MS);
    services.segmentation.runFull(NOW + DAY_MS + HOUR_MS);
    expect(service.ensureFitted(NOW + DAY_MS + 2 * HOUR_MS).fittedAt).toBe(NOW + DAY_MS + 2 * HOUR_MS);
  });

  it('is refitted by the engine scheduler right after its daily full segmentation', () => {
    const testCore = workspace(simulatedPurchases(120, 3));
    const messages: string[] = [];
    const scheduler = createEngineScheduler(
      testCore.services,
      { setTimeout: () => 0, clearTimeout: () => undefined },
      { log: (_level, message) => messages.push(message) },
    );
    scheduler.start();
    scheduler.stop();
    expect(testCore.core.stores.clv.fit()?.fittedAt).toBe(NOW);
    expect(messages.some((message) => message.startsWith('Customer-base models refitted in'))).toBe(true);
  });

  it('refits in slices to the very same result, pausing between them; a read meanwhile takes the stored fit', async () => {
    const { core, services } = workspace([creator('Europe/Berlin'), ...simulatedPurchases(300, 11)]);
    const service = clvServiceTimedBy(services, fixedTimer(), { purchaseRows: 97, hotLeadSupporters: 40 });
    service.refit(NOW - DAY_MS);
    const whole = clvServiceTimedBy(services, fixedTimer()).refit(NOW);
    const rows = () => core.db.prepare('SELECT * FROM clv_supporters ORDER BY supporterId').all();
    const wholeRows = rows();

    service.refit(NOW - DAY_MS);
    let pauses = 0;
    const sliced = await service.refitInSlices(NOW, {
      pause: async () => {
        pauses += 1;
        // Between slices the previous fit is served, without a refit of its own.
        expect(service.ensureFitted(NOW).fittedAt).toBe(NOW - DAY_MS);
      },
    });
    // 300 supporters' purchases in slices of 97 rows, their weeks in slices of 40 supporters.
    expect(pauses).toBeGreaterThan(10);
    expect(sliced).toEqual(whole);
    expect(rows()).toEqual(wholeRows);
    // Once it is done, a stale fit is refitted on read again.
    service.refit(NOW - DAY_MS);
    expect(service.ensureFitted(NOW).fittedAt).toBe(NOW);
  });

  it('leaves the stored fit as it was when a refit in slices is aborted', async () => {
    const { core, services } = workspace([creator(), ...simulatedPurchases(120, 3)]);
    const service = services.clv;
    const before = service.refit(NOW - DAY_MS);
    const abort = new AbortController();
    const messages: string[] = [];
    await service.refitInSlicesAfterSegmentation(NOW, { pause: async () => abort.abort(), signal: abort.signal }, (_level, message) => messages.push(message));
    expect(core.stores.clv.fit()).toEqual(before);
    expect(messages).toEqual([]);
    await expect(service.refitInSlices(NOW, { pause: async () => undefined, signal: abort.signal })).rejects.toThrow();
  });

  it('keeps the refit, the backtest and every profile working when the fit at the cutoff is degenerate', async () => {
    // The default demo workspace generated at this moment fits BG/NBD at now − 30 days with a and b
    // in the hundreds of thousands, where the usual series for the expectation cannot converge.
    // That once failed the refit, and with it every profile read (a read refits a stale fit).
    const at = Date.parse('2026-11-24T11:03:00Z');
    const testCore = workspace([], at);
    createDemoWorkspace(testCore.core, { ...DEFAULT_DEMO, now: at });
    const fit = testCore.services.clv.refit(at);
    expect(fit.parameters).not.toBeNull();
    const quality = await call<ModelQuality>(testCore.services, 'model.quality', {});
    expect('bins' in quality.backtest).toBe(true);
    const vip = readInboxPage(testCore.services, { tab: 'vip', limit: 1 }, at).entries[0];
    expect(vip).toBeDefined();
    const profile = await call<SupporterProfile>(testCore.services, 'profile.get', { supporterId: vip?.supporterId });
    expect(profile.supporterId).toBe(vip?.supporterId);
  }, 60_000);

  it('says "not enough data" for the workspace below 20 repeat supporters, and why', async () => {
    const records: Change[] = [creator()];
    for (let i = 0; i < 15; i += 1) {
      records.push(supporter(`r${i}`), activity(`r${i}`, 'gift', NOW - 40 * DAY_MS, { tokens: 5 }), activity(`r${i}`, 'gift', NOW - 3 * DAY_MS, { tokens: 5 }));
    }
    const { services } = workspace(records);
    const quality = await call<ModelQuality>(services, 'model.quality', {});
    expect(quality.parameters).toBeNull();
    expect(quality.detail).toMatch(/15 supporters with a repeat purchase; at least 20 are needed/);
    expect(quality.backtest).toMatchObject({ notEnoughData: true });
    expect(quality.supportersFitted).toBe(15);
    const profile = await call<SupporterProfile>(services, 'profile.get', { supporterId: 'r1' });
    expect(profile.clv).toBeNull();
    expect(profile.handle).toBe('fan_r1');
  });

  it('explains a scored supporter, a one-off buyer and a supporter without purchases in plain words', async () => {
    const { services, apply } = workspace([creator(), ...simulatedPurchases(300, 11)]);
    apply([
      supporter('oneoff'),
      activity('oneoff', 'gift', NOW - 12 * DAY_MS - HOUR_MS, { tokens: 40 }),
      supporter('lurker'),
      activity('lurker', 'like', NOW - DAY_MS),
      supporter('regular'),
      ...[60, 45, 31, 20, 3].map((daysAgo) => activity('regular', 'gift', NOW - daysAgo * DAY_MS - HOUR_MS, { tokens: 20 })),
    ]);
    const regular = (await call<SupporterProfile>(services, 'profile.get', { supporterId: 'regular' })).clv;
    if (regular === null || 'notEnoughData' in regular) throw new Error('expected figures for a regular');
    expect(regular.chanceActive).toBeGreaterThan(0.5);
    expect(regular.chanceActive).toBeLessThanOrEqual(1);
    expect(regular.expectedPurchases30d).toBeGreaterThan(0);
    expect(regular.expectedTokens30d).toBeGreaterThan(0);
    const percent = Math.round(regular.chanceActive * 100);
    expect(regular.explanation).toBe(
      `Based on 5 purchase days, the last 3 days ago, there is ${percent >= 80 && percent <= 89 ? 'an' : 'a'} ${percent}% chance they are still an active buyer; ` +
        `expect about ${regular.expectedPurchases30d.toFixed(1)} purchases (~${Math.round(regular.expectedTokens30d)} tokens) in the next 30 days.`,
    );
    expect(regular.fittedAt).toBe(new Date(NOW).toISOString());

    expect((await call<SupporterProfile>(services, 'profile.get', { supporterId: 'oneoff' })).clv).toEqual({
      notEnoughData: true,
      explanation: 'Only one purchase day so far (12 days ago): a forecast needs at least two purchase days to tell a regular buyer from a one-off.',
      fittedAt: new Date(NOW).toISOString(),
    });
    expect((await call<SupporterProfile>(services, 'profile.get', { supporterId: 'lurker' })).clv).toMatchObject({
      notEnoughData: true,
      explanation: 'No purchases yet, so there is nothing to forecast.',
    });
  });

  it('says so when a supporter bought again after the fit instead of pretending the figures are current', async () => {
    const testCore = workspace([creator(), ...simulatedPurchases(300, 11)]);
    testCore.services.clv.refit(NOW - HOUR_MS);
    testCore.apply([activity('c001', 'gift', NOW - MINUTE_MS, { tokens: 5 })]);
    const clv = (await call<SupporterProfile>(testCore.services, 'profile.get', { supporterId: 'c001' })).clv;
    expect(clv?.explanation).toContain('They have bought since the model was last updated (2026-01-15)');
  });

  it('sorts the All tab by chance still active or expected tokens, "not enough data" and newcomers last', async () => {
    const { core, services, apply } = workspace([creator(), ...simulatedPurchases(150, 7)]);
    services.clv.refit(NOW);
    // Bought for the first time after the fit: no figures yet.
    apply([supporter('late'), activity('late', 'gift', NOW, { tokens: 3 })]);
    const figures = new Map(
      (core.db.prepare('SELECT supporterId, chanceActive, expectedTokens30d FROM clv_supporters').all() as {
        supporterId: string;
        chanceActive: number | null;
        expectedTokens30d: number | null;
      }[]).map((row) => [row.supporterId, row]),
    );

    for (const [sort, key] of [['chance_active', 'chanceActive'], ['expected_tokens', 'expectedTokens30d']] as const) {
      const ids: string[] = [];
      const totals = new Set<number>();
      for (let offset = 0; ; offset += 40) {
        const page = readInboxPage(services, { tab: 'all', sort, limit: 40, offset }, NOW);
        totals.add(page.total);
        ids.push(...page.entries.map((entry) => entry.supporterId));
        if (page.entries.length < 40) break;
      }
      expect([...totals]).toEqual([151]);
      expect(ids).toHaveLength(151);
      expect(new Set(ids).size).toBe(151);
      expect(ids.at(-1)).toBe('late');
      const values = ids.slice(0, -1).map((id) => figures.get(id)?.[key] ?? null);
      const scored = values.filter((value): value is number => value !== null);
      expect(scored.length).toBeGreaterThan(20);
      expect(values.slice(0, scored.length)).toEqual(scored); // every NULL after every figure
      expect(scored).toEqual([...scored].sort((p, q) => q - p));
    }

    const viaApi = await call<{ entries: { supporterId: string }[] }>(services, 'inbox.page', { tab: 'all', sort: 'expected_tokens', limit: 3 });
    expect(viaApi.entries).toHaveLength(3);
    const search = readInboxPage(services, { tab: 'all', sort: 'chance_active', search: 'late' }, NOW);
    expect(search.entries.map((entry) => entry.supporterId)).toEqual(['late']);
  });

  it('refuses the model orders on tabs other than All with invalid_input', async () => {
    const { services } = workspace([creator(), ...simulatedPurchases(30, 2)]);
    const result = await invokeRequest(services, handlers, 'inbox.page', { tab: 'vip', sort: 'chance_active' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Sorting by "chance_active" is only available on the All tab' } });
  });

  it('walks the model indexes for the All tab orders instead of sorting', () => {
    const { core } = workspace([]);
    for (const sort of ['chance_active', 'expected_tokens'] as const) {
      const plan = core.stores.clv.explainAllTabPage(sort).join('\n');
      expect(plan).toContain(`SCAN c USING COVERING INDEX ${sort === 'chance_active' ? 'clv_by_chance_active' : 'clv_by_expected_tokens'}`);
      expect(plan).toContain('SEARCH s USING INDEX scores_with_purchase (supporterId=?)');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('measures last week’s Hot Leads: scored at now − 7 days by the engine, precision = share who spent since', async () => {
    const weekAgo = NOW - 7 * DAY_MS;
    // Chat, gifts, profile views and live attendance in the week before `weekAgo` make a Hot Lead then.
    const hotLeadHistory = (id: string): Change[] => [
      supporter(id),
      ...Array.from({ length: 10 }, (_, i) => activity(id, 'chat_message', weekAgo - (i + 1) * HOUR_MS)),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'gift', weekAgo - (i + 1) * DAY_MS, { tokens: 10 })),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'profile_view', weekAgo - (i + 1) * 2 * HOUR_MS)),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'live_attendance', weekAgo - (i + 1) * 3 * HOUR_MS, { minutes: 30, streamId: 'st1' })),
    ];
    const { services } = workspace([
      creator(),
      ...simulatedPurchases(60, 4),
      ...hotLeadHistory('h1'),
      ...hotLeadHistory('h2'),
      ...hotLeadHistory('h3'),
      // h1 spends in the week after; h2 only chats; h3 spends after now (not yet known).
      activity('h1', 'gift', weekAgo + DAY_MS, { tokens: 5 }),
      activity('h2', 'chat_message', weekAgo + DAY_MS),
      activity('h3', 'gift', NOW + HOUR_MS, { tokens: 5 }),
    ]);
    const quality = await call<ModelQuality>(services, 'model.quality', {});
    expect(quality.hotLeadPrecision).toEqual({ hotLeadsLastWeek: 3, spentInFollowing7Days: 1, precision: 1 / 3 });
  });

  it('skips supporters who were VIPs a week ago when looking for Hot Leads, as the engine’s first rule does', async () => {
    // The shortcut relies on SPEC §4's order: whoever has reached the VIP threshold is a VIP, whatever the score.
    expect(classifySegment({ lifetimeTokens: VIP_LIFETIME_TOKENS, lastActivityAt: NOW, conversionProbability: 100 }, NOW)).toBe('vip');
    const weekAgo = NOW - 7 * DAY_MS;
    const busy = (id: string, giftTokens: number): Change[] => [
      supporter(id),
      ...Array.from({ length: 10 }, (_, i) => activity(id, 'chat_message', weekAgo - (i + 1) * HOUR_MS)),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'gift', weekAgo - (i + 1) * DAY_MS, { tokens: giftTokens })),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'profile_view', weekAgo - (i + 1) * 2 * HOUR_MS)),
      ...Array.from({ length: 5 }, (_, i) => activity(id, 'live_attendance', weekAgo - (i + 1) * 3 * HOUR_MS, { minutes: 30, streamId: 'st1' })),
      activity(id, 'gift', weekAgo + HOUR_MS, { tokens: 1 }),
    ];
    const { services } = workspace([creator(), ...simulatedPurchases(60, 4), ...busy('lead', 10), ...busy('vip', VIP_LIFETIME_TOKENS / 5)]);
    expect((await call<ModelQuality>(services, 'model.quality', {})).hotLeadPrecision).toEqual({ hotLeadsLastWeek: 1, spentInFollowing7Days: 1, precision: 1 });
  });

  it('answers model.quality from the stored fit, and refits on request', async () => {
    const { core, services } = workspace([creator(), ...simulatedPurchases(200, 9)]);
    const first = await call<ModelQuality>(services, 'model.quality', {});
    expect(first.fittedAt).toBe(new Date(NOW).toISOString());
    expect(Object.keys(first).sort()).toEqual(
      ['backtest', 'detail', 'fitMs', 'fittedAt', 'hotLeadPrecision', 'parameters', 'refitMs', 'repeatSupporters', 'supportersFitted'].sort(),
    );
    expect(first.refitMs).toBeGreaterThanOrEqual(first.fitMs);
    const events: string[] = [];
    core.onEvent((event) => events.push(event.kind));
    expect((await call<ModelQuality>(services, 'model.quality', {})).refitMs).toBe(first.refitMs);
    expect(events).toEqual([]);
    await call<ModelQuality>(services, 'model.quality', { refit: true });
    expect(events).toEqual(['data_changed']);
  });
});
