import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { suiteTempDir, tempDir } from '../../../tests/support/tempDir';
import { generateDemoRecords } from '../demo/generateDemoRecords';
import type { AlertRecord } from '../store/alertStore';
import { alertEstimatedRevenue } from './alertEstimatedRevenue';
import { installAlertService, runAlertSweep } from './alertService';
import { activity, creator, DAY_MS, HOUR_MS, iso, listing, MINUTE_MS, NOW, openTestCore, supporter, vipHistory, type Change, type TestCore } from './alertTestKit';

/**
 * SPEC §8 (v1.1): which alerts a set of records raises does not depend on how the records are split
 * into pages nor on the order they arrive in — the result is that of one batch in (`at`, `id`) order.
 *
 * Why it did not hold: a supporter's records do not arrive in time order (the demo generator, like a
 * platform resending history, sends a supporter's fan club payments after their sessions), and each
 * page judged its records on the history that had arrived so far. A payment arriving on the next page
 * made a supporter VIP too late for the presence already judged; a milestone stayed on the record
 * that crossed it first in arrival order (its key is per threshold); and the cooldown compared both
 * sides, so a late earlier alert was held back by a later one instead of replacing it.
 */

const opened: TestCore[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

/**
 * Ends one property run: lets the announcements the alert service queued run (each holds its core
 * until then), then closes the run's caches.
 */
async function closeRun(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const test of opened.splice(0)) test.core.close();
}

let template: string | null = null;

/** A core with the alert service, on a copy of an empty migrated cache (opening one runs every migration: a third of a property run). */
function open(now = NOW): TestCore {
  if (template === null) {
    template = suiteTempDir('alert-order-template-');
    openTestCore(template).core.close();
  }
  const dataDir = tempDir('alert-order-');
  fs.copyFileSync(path.join(template, 'cache.sqlite'), path.join(dataDir, 'cache.sqlite'));
  const test = openTestCore(dataDir, now);
  installAlertService(test.core);
  opened.push(test);
  return test;
}

function storedAlerts(test: TestCore): AlertRecord[] {
  return test.core.db.prepare('SELECT * FROM alerts ORDER BY createdAt, type, supporterId').all() as AlertRecord[];
}

/**
 * What must not depend on pages or arrival: each alert's type, supporter and time, its expiry, the
 * facts its message shows and, for alerts raised by records, its metadata. (A renewal's metadata is
 * what the sweep that raised it knew at that moment.)
 */
function outcome(test: TestCore): string[] {
  return storedAlerts(test)
    .map((alert) => {
      const facts = [alert.type, alert.supporterId, iso(alert.createdAt), alert.expiresAt === null ? '-' : iso(alert.expiresAt), alert.detail];
      if (alert.type !== 'fan_club_renewal_due') facts.push(String(alert.conversionProbability), String(alertEstimatedRevenue(test.core.stores.alerts, alert)));
      return facts.join(' ');
    })
    .sort();
}

function triple(test: TestCore): string[] {
  return storedAlerts(test)
    .map((alert) => `${alert.type} ${alert.supporterId} ${iso(alert.createdAt)}`)
    .sort();
}

describe('late records are judged at their own time', () => {
  it('an older gift arriving after a newer one raises the milestone it crossed, at its own time', () => {
    const test = open();
    test.apply([creator(), supporter('m'), activity('m', 'gift', NOW - 5 * DAY_MS, { tokens: 950 })]);
    test.apply([activity('m', 'gift', NOW - HOUR_MS, { tokens: 100 })]);
    expect(triple(test)).toContain(`milestone_reached m ${iso(NOW - HOUR_MS)}`);
    test.apply([activity('m', 'gift', NOW - 2 * DAY_MS, { tokens: 100 })]);
    expect(triple(test).filter((line) => line.startsWith('milestone_reached'))).toEqual([`milestone_reached m ${iso(NOW - 2 * DAY_MS)}`]);
  });

  it('a payment that made a supporter VIP, arriving after their presence, raises the vip_online it implies', () => {
    const test = open();
    test.apply([creator(), supporter('v'), activity('v', 'gift', NOW - 20 * DAY_MS, { tokens: 500 }), activity('v', 'presence', NOW - HOUR_MS, { online: true })]);
    expect(triple(test).filter((line) => line.startsWith('vip_online'))).toEqual([]);
    test.apply([activity('v', 'fan_club_payment', NOW - 10 * DAY_MS, { tier: 'gold', tokens: 600 })]);
    expect(triple(test).filter((line) => line.startsWith('vip_online'))).toEqual([`vip_online v ${iso(NOW - HOUR_MS)}`]);
  });

  it('a record arriving before one judged since the judging state was written counts every record judged since, however old', () => {
    // The state is written at NOW − 80 days (the spike), then five gifts a month and more older
    // than NOW and a like are judged without rewriting it (no alert, fewer than 8 records). A gift
    // at NOW − 1 h arriving after the like brings the lifetime from 995 to 1,005: the milestone.
    // Judging it from the state plus only the last 32 days' records lost the five gifts (495 tokens).
    const gifts = [60, 59, 58, 57, 56].map((days) => activity('k', 'gift', NOW - days * DAY_MS, { tokens: 99 }));
    const pages: Change[][] = [
      [supporter('k'), activity('k', 'gift', NOW - 80 * DAY_MS, { tokens: 500 })],
      gifts,
      [activity('k', 'like', NOW - 30 * MINUTE_MS)],
      [activity('k', 'gift', NOW - HOUR_MS, { tokens: 10 })],
    ];
    const test = open();
    test.apply([creator()]);
    for (const page of pages) test.apply(page);
    runAlertSweep(test.core, NOW);
    test.clock.now = NOW + 2 * HOUR_MS;
    runAlertSweep(test.core, NOW + 2 * HOUR_MS);
    expect(triple(test)).toContain(`milestone_reached k ${iso(NOW - HOUR_MS)}`);
    const reference = referenceRun([creator()], pages.flat(), 60);
    expect(outcome(test)).toEqual(outcome(reference));
  });

  it('an offline record arriving before one judged since the judging state ends the open vip_online alert at its own time', () => {
    // The alert (NOW − 90 min) rewrites the state; the offline at NOW − 30 min ends the alert without
    // rewriting it; the offline at NOW − 60 min comes after the state's frontier but before that one.
    const pages: Change[][] = [
      vipHistory('v'),
      [activity('v', 'presence', NOW - 90 * MINUTE_MS, { online: true })],
      [activity('v', 'presence', NOW - 30 * MINUTE_MS, { online: false })],
      [activity('v', 'presence', NOW - 60 * MINUTE_MS, { online: false })],
    ];
    const test = open();
    test.apply([creator()]);
    for (const page of pages) test.apply(page);
    const vipOnline = storedAlerts(test).filter((alert) => alert.type === 'vip_online');
    expect(vipOnline.map((alert) => [iso(alert.createdAt), alert.expiresAt === null ? null : iso(alert.expiresAt)])).toEqual([[iso(NOW - 90 * MINUTE_MS), iso(NOW - 60 * MINUTE_MS)]]);
    runAlertSweep(test.core, NOW);
    test.clock.now = NOW + 2 * HOUR_MS;
    runAlertSweep(test.core, NOW + 2 * HOUR_MS);
    expect(outcome(test)).toEqual(outcome(referenceRun([creator()], pages.flat(), 60)));
  });

  it('a late earlier alert takes the cooldown from a later one instead of being held back by it', () => {
    const test = open();
    test.apply([creator(), listing('l1', NOW + 5 * DAY_MS), supporter('c')]);
    test.apply([activity('c', 'event_registration', NOW - 20 * MINUTE_MS, { listingId: 'l1' })]);
    test.apply([activity('c', 'event_registration', NOW - 70 * MINUTE_MS, { listingId: 'l1' })]);
    // In (at, id) order: the first registration raises its alert; the one 50 minutes later is inside the cooldown.
    expect(triple(test)).toEqual([`event_rsvp c ${iso(NOW - 70 * MINUTE_MS)}`]);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: any split into pages and any arrival order gives the alerts of one ordered batch.

type Episode =
  | { kind: 'burst'; day: number; minute: number; size: number; tokens: number }
  | { kind: 'session'; day: number; minute: number; length: number; goesOffline: boolean }
  | { kind: 'bigGift'; day: number; minute: number; tokens: number; type: 'gift' | 'live_gift' | 'ppv_purchase' | 'fan_club_payment' }
  | { kind: 'view'; day: number; minute: number }
  | { kind: 'rsvp'; day: number; minute: number; listing: 'l1' | 'l2' | 'unknown'; tokens: number; more: number[] }
  | { kind: 'misc'; day: number; minute: number; type: 'like' | 'match' | 'creator_message' | 'live_attendance' | 'chat_message' };

/** Days back from NOW (0–60; -1 is the hour after NOW, judged by the final sweep) and a minute of that day, on a 5-minute grid so records collide. */
const when = { day: fc.integer({ min: -1, max: 60 }), minute: fc.integer({ min: 0, max: 287 }).map((slot) => slot * 5) };

const episodeArbitrary: fc.Arbitrary<Episode> = fc.oneof(
  fc.record({ kind: fc.constant('burst' as const), ...when, size: fc.integer({ min: 3, max: 10 }), tokens: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('session' as const), ...when, length: fc.integer({ min: 0, max: 36 }).map((steps) => steps * 5), goesOffline: fc.boolean() }),
  fc.record({
    kind: fc.constant('bigGift' as const),
    ...when,
    tokens: fc.integer({ min: 50, max: 6000 }),
    type: fc.constantFrom('gift' as const, 'live_gift' as const, 'ppv_purchase' as const, 'fan_club_payment' as const),
  }),
  fc.record({ kind: fc.constant('view' as const), ...when }),
  fc.record({
    kind: fc.constant('rsvp' as const),
    ...when,
    listing: fc.constantFrom('l1' as const, 'l2' as const, 'unknown' as const),
    tokens: fc.integer({ min: 0, max: 20 }),
    // More registrations within two hours: chains of cooldowns that late records reshuffle.
    more: fc.array(fc.integer({ min: 0, max: 24 }).map((steps) => steps * 5), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('misc' as const), ...when, type: fc.constantFrom('like' as const, 'match' as const, 'creator_message' as const, 'live_attendance' as const, 'chat_message' as const) }),
);

interface GeneratedSupporter {
  fanClub: { active: boolean; renewsInHours: number } | null;
  episodes: Episode[];
}

const supporterArbitrary: fc.Arbitrary<GeneratedSupporter> = fc.record({
  fanClub: fc.option(fc.record({ active: fc.boolean(), renewsInHours: fc.integer({ min: 1, max: 120 }) }), { nil: null }),
  episodes: fc.array(episodeArbitrary, { minLength: 1, maxLength: 8 }),
});

function atOf(day: number, minute: number): number {
  return NOW - day * DAY_MS - (day < 0 ? -minute * 1000 : minute * MINUTE_MS);
}

/** Change records for one supporter's episodes; ids are fixed by position so both runs hold the same records. */
function supporterRecords(id: string, generated: GeneratedSupporter): Change[] {
  const fanClub = generated.fanClub;
  const records: Change[] = [
    supporter(
      id,
      fanClub === null ? {} : { fanClub: { tier: 'gold', since: iso(NOW - 60 * DAY_MS), renewsAt: iso(NOW + fanClub.renewsInHours * HOUR_MS), active: fanClub.active } },
    ),
  ];
  let serial = 0;
  const add = (type: string, at: number, extra: Record<string, unknown> = {}) => {
    serial += 1;
    records.push({ entity: 'activity', op: 'upsert', data: { id: `${id}-${String(serial).padStart(3, '0')}`, supporterId: id, type, at: iso(at), ...extra } });
  };
  for (const episode of generated.episodes) {
    const at = atOf(episode.day, episode.minute);
    switch (episode.kind) {
      case 'burst':
        for (let step = 0; step < episode.size; step += 1) {
          add('chat_message', at + step * 10 * MINUTE_MS, { tokens: 0 });
          // The gift shares the chat's instant half the time: the (at, id) tie-break decides.
          add('gift', at + step * 10 * MINUTE_MS + (step % 2) * MINUTE_MS, { tokens: episode.tokens });
        }
        break;
      case 'session':
        add('presence', at, { online: true });
        if (episode.goesOffline) add('presence', at + episode.length * MINUTE_MS, { online: false });
        break;
      case 'bigGift':
        add(episode.type, at, episode.type === 'fan_club_payment' ? { tokens: episode.tokens, tier: 'gold' } : episode.type === 'live_gift' ? { tokens: episode.tokens, streamId: 's1' } : episode.type === 'ppv_purchase' ? { tokens: episode.tokens, itemId: 'i1', category: 'photos' } : { tokens: episode.tokens });
        break;
      case 'view':
        add('profile_view', at);
        break;
      case 'rsvp': {
        const listingId = episode.listing === 'unknown' ? 'l-none' : episode.listing;
        add('event_registration', at, { listingId, tokens: episode.tokens });
        for (const minutes of episode.more) add('event_registration', at + minutes * MINUTE_MS, { listingId, tokens: 0 });
        break;
      }
      case 'misc':
        add(episode.type, at, episode.type === 'live_attendance' ? { streamId: 's1', minutes: 30 } : {});
        break;
    }
  }
  return records;
}

interface GeneratedLog {
  supporters: GeneratedSupporter[];
  arrival: number[];
  inOrder: boolean;
  pageSizes: number[];
  sweepBetweenPages: boolean;
  cooldownMinutes: number;
}

const logArbitrary: fc.Arbitrary<GeneratedLog> = fc.record({
  supporters: fc.array(supporterArbitrary, { minLength: 1, maxLength: 3 }),
  /** Sort keys for the arrival order, one per record (cycled); `inOrder` keeps the log's own order and only splits it. */
  arrival: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 400 }),
  inOrder: fc.boolean(),
  // Small pages half the time: records judged one by one, in the order they arrive.
  pageSizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 20 }),
  sweepBetweenPages: fc.boolean(),
  cooldownMinutes: fc.constantFrom(60, 60, 0, 30),
});

/** Creator and listings come first (an RSVP's expiry needs its listing); supporters and activities in any order. */
function buildLog(generated: GeneratedLog): { head: Change[]; body: Change[] } {
  const head = [creator(), listing('l1', NOW + 3 * DAY_MS), listing('l2', NOW - 10 * DAY_MS)];
  const body = generated.supporters.flatMap((value, index) => supporterRecords(`p${index + 1}`, value));
  return { head, body };
}

function arrive(body: Change[], arrival: number[], inOrder: boolean): Change[] {
  if (inOrder) return body;
  const keyed = body.map((record, index) => ({ record, key: (arrival[index % arrival.length] as number) * 1000 + index }));
  keyed.sort((a, b) => a.key - b.key);
  return keyed.map((entry) => entry.record);
}

/** The reference: the whole log in one batch, in (`at`, `id`) order, then the same sweeps. */
function referenceRun(head: Change[], body: Change[], cooldownMinutes: number): TestCore {
  const test = open();
  test.core.stores.settings.update({ alertCooldownMinutes: cooldownMinutes });
  const activities = body.filter((record) => record.entity === 'activity');
  activities.sort((a, b) => {
    const atA = Date.parse(String(a.data.at));
    const atB = Date.parse(String(b.data.at));
    return atA - atB || (String(a.data.id) < String(b.data.id) ? -1 : 1);
  });
  test.apply([...head, ...body.filter((record) => record.entity !== 'activity'), ...activities]);
  runAlertSweep(test.core, NOW);
  test.clock.now = NOW + 2 * HOUR_MS;
  runAlertSweep(test.core, NOW + 2 * HOUR_MS);
  return test;
}

/** Each run applies a log twice (two fresh caches): about 0.2 s on a quiet machine. `CRM_ALERT_PROPERTY_RUNS=1000` searches longer. */
const PROPERTY_RUNS = Number(process.env.CRM_ALERT_PROPERTY_RUNS ?? 120);

describe('alerts do not depend on page boundaries or arrival order (SPEC §8 v1.1)', () => {
  it('any split into pages and any arrival order gives the alerts of one ordered batch', async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (generated) => {
        try {
          const { head, body } = buildLog(generated);
          const reference = referenceRun(head, body, generated.cooldownMinutes);
          const expected = outcome(reference);

          const test = open();
          test.core.stores.settings.update({ alertCooldownMinutes: generated.cooldownMinutes });
          test.apply(head);
          const arriving = arrive(body, generated.arrival, generated.inOrder);
          let cursor = 0;
          for (let page = 0; cursor < arriving.length; page += 1) {
            const size = generated.pageSizes[page % generated.pageSizes.length] as number;
            test.apply(arriving.slice(cursor, cursor + size));
            cursor += size;
            if (generated.sweepBetweenPages && page % 3 === 2) runAlertSweep(test.core, NOW);
          }
          runAlertSweep(test.core, NOW);
          test.clock.now = NOW + 2 * HOUR_MS;
          runAlertSweep(test.core, NOW + 2 * HOUR_MS);
          expect(outcome(test)).toEqual(expected);
        } finally {
          await closeRun();
        }
      }),
      {
        numRuns: PROPERTY_RUNS,
        examples: [
          // Found by longer searches. A chat and a gift at the same instant, the gift arriving later:
          // the chat's alert estimates its impact from the records up to it, not the gift after it.
          [
            {
              supporters: [
                { fanClub: { active: true, renewsInHours: 1 }, episodes: [{ kind: 'session', day: 0, minute: 0, length: 0, goesOffline: false }, { kind: 'burst', day: 0, minute: 80, size: 9, tokens: 1 }] },
                { fanClub: null, episodes: [{ kind: 'rsvp', day: 0, minute: 0, listing: 'l1', tokens: 0, more: [] }] },
              ],
              arrival: [0],
              inOrder: false,
              pageSizes: [1],
              sweepBetweenPages: false,
              cooldownMinutes: 60,
            },
          ],
        ],
      },
    );
  }, PROPERTY_RUNS * 1500);

  it('the generated logs raise every alert type, with cooldown collisions and late records', async () => {
    // Guards the property above against generators that stop exercising the rules.
    const seen = new Set<string>();
    let held = 0;
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (generated) => {
        try {
          const { head, body } = buildLog(generated);
          const reference = referenceRun(head, body, generated.cooldownMinutes);
          for (const alert of storedAlerts(reference)) seen.add(alert.type);
          const withoutCooldown = referenceRun(head, body, 0);
          if (generated.cooldownMinutes > 0 && storedAlerts(withoutCooldown).length > storedAlerts(reference).length) held += 1;
        } finally {
          await closeRun();
        }
      }),
      { numRuns: 40, seed: 7 },
    );
    expect([...seen].sort()).toEqual(['dormant_reactivation', 'event_rsvp', 'fan_club_renewal_due', 'hot_lead_active', 'milestone_reached', 'spending_spike', 'vip_online']);
    expect(held).toBeGreaterThan(5);
  }, 180_000);
});

describe('the demo log at different page sizes', () => {
  it('gives identical alerts at pages of 5,000, 1,234 and 777 records', () => {
    const records = [...generateDemoRecords({ supporters: 300, days: 90, seed: 7, now: NOW })] as Change[];
    const results = [5000, 1234, 777].map((pageSize) => {
      const test = open();
      for (let start = 0; start < records.length; start += pageSize) test.apply(records.slice(start, start + pageSize));
      return triple(test);
    });
    expect(results[0]?.length).toBeGreaterThan(100);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  }, 180_000);
});
