import { describe, expect, it } from 'vitest';
import { runAlertSweep } from '../../electron/core/alerts/alertService';
import { activity, creator, DAY_MS, HOUR_MS, MINUTE_MS, NOW, openTestCore, supporter, vipHistory, type Change } from '../../electron/core/alerts/alertTestKit';
import { createCoreServices, type CoreServices } from '../../electron/core/createCoreServices';
import type { CrmCore } from '../../electron/core/crmCore';
import { tempDir } from '../support/tempDir';

/**
 * The engine, alert evaluation and the customer-base refit find new activity above a watermark on
 * the change sequence (`activities.seq`, migration 10). Deleting the newest rows and inserting
 * others, and VACUUM, must change no result: the workspace ends exactly as one that only ever
 * received the surviving records.
 */

const base: Change[] = [
  creator(),
  ...vipHistory('vip'),
  supporter('buyer'),
  activity('buyer', 'gift', NOW - 10 * DAY_MS, { tokens: 40 }),
  activity('buyer', 'gift', NOW - 3 * DAY_MS, { tokens: 60 }),
  supporter('quiet'),
  activity('quiet', 'chat_message', NOW - 12 * DAY_MS),
];
/** The newest rows when they are deleted: the next inserts take the numbers after them, never theirs. */
const doomed: Change[] = [activity('quiet', 'gift', NOW - 2 * HOUR_MS, { tokens: 700 }), activity('buyer', 'gift', NOW - HOUR_MS, { tokens: 5 })];
/** Inserted after the deletes: a VIP coming online (an alert) and purchases that move two scores. */
const later: Change[] = [
  activity('vip', 'presence', NOW - 20 * MINUTE_MS, { online: true }),
  activity('buyer', 'gift', NOW - 15 * MINUTE_MS, { tokens: 1500 }),
  activity('quiet', 'like', NOW - 10 * MINUTE_MS),
];
const remove = (records: readonly Change[]): Change[] => records.map((record) => ({ entity: 'activity', op: 'delete', data: { id: record.data.id } }));

interface Outcome {
  scores: unknown[];
  alertsFromLater: string[];
  purchases: unknown[];
  clv: unknown;
}

/** What the engine, the alerts and the customer-base refit made of the workspace at NOW. */
function outcome(services: CoreServices): Outcome {
  const { core } = services;
  services.segmentation.ensureCurrent(NOW);
  runAlertSweep(core, NOW);
  const laterIds = new Set(later.map((record) => record.data.id));
  const { clv } = core.stores;
  const { fitMs: _fitMs, refitMs: _refitMs, ...fit } = services.clv.refit(NOW);
  return {
    scores: scoresWithoutAsOf(core),
    alertsFromLater: core.stores.alerts
      .list({ now: NOW, includeAll: true, unreadOnly: false, supporterId: null, limit: 100 })
      .filter((alert) => laterIds.has(alert.triggerActivityId ?? ''))
      .map((alert) => `${alert.type}:${alert.supporterId}:${alert.createdAt}`)
      .sort(),
    purchases: clv.purchasesAfter('', NOW, clv.maxActivitySeq(), Number.MAX_SAFE_INTEGER).sort(),
    clv: { fit, vip: clv.supporter('vip'), buyer: clv.supporter('buyer') },
  };
}

function scoresWithoutAsOf(core: CrmCore): unknown[] {
  return (core.db.prepare('SELECT * FROM supporter_state WHERE segment IS NOT NULL ORDER BY supporterId').all() as { asOf: number }[]).map(
    ({ asOf: _asOf, ...score }) => score,
  );
}

function reference(): Outcome {
  const test = openTestCore(tempDir(), NOW);
  const services = createCoreServices(test.core);
  test.apply(base);
  test.apply(later);
  const result = outcome(services);
  test.core.close();
  return result;
}

describe('change tracking on the activity change sequence', () => {
  for (const observed of [true, false]) {
    it(`gives the same scores, alerts and model inputs after deleting the newest rows, VACUUM and new inserts (${observed ? 'engine and alerts observing each batch' : 'caught up on the next read'})`, () => {
      const expected = reference();
      expect(expected.alertsFromLater).toEqual([
        `milestone_reached:buyer:${NOW - 15 * MINUTE_MS}`,
        `spending_spike:buyer:${NOW - 15 * MINUTE_MS}`,
        `vip_online:vip:${NOW - 20 * MINUTE_MS}`,
      ]);

      const test = openTestCore(tempDir(), NOW);
      // Without observers every change waits for the next read, as in a process that ran without them.
      const services = createCoreServices(test.core, { observers: observed ? 'all' : 'none' });
      test.apply(base);
      test.apply(doomed);
      outcome(services); // every watermark past the doomed rows
      test.apply(remove(doomed));
      test.core.db.exec('VACUUM');
      test.apply(later);
      test.core.db.exec('VACUUM');
      const result = outcome(services);
      test.core.close();

      expect(result.scores).toEqual(expected.scores);
      expect(result.alertsFromLater).toEqual(expected.alertsFromLater);
      expect(result.purchases).toEqual(expected.purchases);
      expect(result.clv).toEqual(expected.clv);
    });
  }

  it('gives a row inserted after the newest were deleted, in the same batch, a new number above every watermark', () => {
    const test = openTestCore(tempDir(), NOW);
    const services = createCoreServices(test.core);
    test.apply(base);
    test.apply(doomed);
    const seqOf = (id: unknown) => test.core.db.prepare('SELECT seq FROM activities WHERE id = ?').pluck().get(id) as number;
    const newest = seqOf(doomed[1]?.data.id);
    test.apply([...remove(doomed), ...later]);
    expect(later.map((record) => seqOf(record.data.id)).every((seq) => seq > newest)).toBe(true);
    const expected = reference();
    expect(outcome(services).scores).toEqual(expected.scores);
    test.core.close();
  });
});
