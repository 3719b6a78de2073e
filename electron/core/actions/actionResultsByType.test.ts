import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { CrmCore } from '../crmCore';
import { runAlertSweep } from '../alerts/alertService';
import { activity, creator, DAY_MS, HOUR_MS, MINUTE_MS, NOW, openTestCore, stream, supporter, type Change, type TestCore } from '../alerts/alertTestKit';
import { actionResultsByType } from './actionResultsByType';
import { previewCrmAction, runCrmAction } from './runCrmAction';

const opened: TestCore[] = [];
afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

const INVITED = Array.from({ length: 12 }, (_, index) => `i${index}`);
const STREAM_START = NOW + HOUR_MS;
const STREAM_END = NOW + 3 * HOUR_MS;

/**
 * Twelve supporters invited to a stream at NOW; the first eight send a live gift of 40 + 10·i tokens
 * during it, the other four spend only after it ended. `fan` is the supporter previews are asked
 * about: chats and gifts this week, so both the chance and §7's tokens are above zero.
 */
function workspace(): TestCore {
  const records: Change[] = [
    creator(),
    stream('st1', { scheduledAt: STREAM_START, startedAt: STREAM_START, endedAt: STREAM_END }),
    stream('st2', { scheduledAt: NOW + 2 * DAY_MS }),
    supporter('fan'),
  ];
  for (let day = 1; day <= 5; day += 1) {
    records.push(activity('fan', 'chat_message', NOW - day * DAY_MS), activity('fan', 'gift', NOW - day * DAY_MS + MINUTE_MS, { tokens: 60 }));
  }
  for (const id of INVITED) records.push(supporter(id));
  const test = openTestCore(tempDir());
  test.apply(records);
  opened.push(test);
  for (const id of INVITED) expect(runCrmAction(test.core, { supporterId: id, type: 'invite_to_live' }, { now: NOW }).status).toBe('executed');
  test.apply(
    INVITED.map((id, index) =>
      index < 8 ? activity(id, 'live_gift', STREAM_START + 30 * MINUTE_MS, { tokens: 40 + 10 * index, streamId: 'st1' }) : activity(id, 'gift', STREAM_END + HOUR_MS, { tokens: 500 }),
    ),
  );
  return test;
}

const preview = (test: TestCore, type: string, now: number) => {
  const result = previewCrmAction(test.core, { supporterId: 'fan', type }, now);
  if (!result.ok) throw new Error(result.reason);
  return result.impact;
};

describe('expected impact learned from the creator’s closed actions (SPEC §12)', () => {
  it('counts an action once its outcome is recorded after the window closed; only spend inside the window converts', () => {
    const test = workspace();
    const later = STREAM_END + 2 * HOUR_MS;
    // The window has closed but the sweep has not recorded the outcomes yet: nothing to learn from.
    expect(actionResultsByType(test.core.stores.actionLog, later).invite_to_live).toEqual({ closed: 0, converted: 0, convertedTokens: 0 });
    const before = preview(test, 'invite_to_live', later);
    expect(before).toMatchObject({ basis: 'formula', sampleSize: 0 });

    expect(runAlertSweep(test.core, later).outcomesMeasured).toBe(12);
    const results = actionResultsByType(test.core.stores.actionLog, later);
    // 40 + 50 + … + 110 = 600 tokens from the eight who gave during the stream.
    expect(results.invite_to_live).toEqual({ closed: 12, converted: 8, convertedTokens: 600 });
    expect(results.dm_reminder).toEqual({ closed: 0, converted: 0, convertedTokens: 0 });

    const p0 = before.conversionProbability / 100;
    const p = (8 + 10 * p0) / (12 + 10);
    expect(preview(test, 'invite_to_live', later)).toEqual({
      conversionProbability: Math.round(p * 100),
      estimatedTokens: Math.round(p * (600 / 8)),
      basis: 'your_results',
      sampleSize: 12,
      timeWindow: 'until the stream ends',
      windowEndsAt: null,
    });
    // A type without evidence keeps §7's formula, so the two now differ.
    const reminder = preview(test, 'dm_reminder', later);
    expect(reminder).toMatchObject({ conversionProbability: before.conversionProbability, estimatedTokens: before.estimatedTokens, basis: 'formula', sampleSize: 0 });
    expect(preview(test, 'invite_to_live', later).estimatedTokens).not.toBe(reminder.estimatedTokens);
  });

  it('sees the results as they stood at an earlier now: windows that close later do not count yet', () => {
    const test = workspace();
    runAlertSweep(test.core, STREAM_END + HOUR_MS);
    expect(actionResultsByType(test.core.stores.actionLog, STREAM_END - 1).invite_to_live.closed).toBe(0);
    expect(actionResultsByType(test.core.stores.actionLog, STREAM_END).invite_to_live.closed).toBe(12);
  });

  it('runs with the blended impact it previewed, and the activity log keeps those figures', () => {
    const test = workspace();
    const later = STREAM_END + 2 * HOUR_MS;
    runAlertSweep(test.core, later);
    const shown = preview(test, 'invite_to_live', later);
    const result = runCrmAction(test.core, { supporterId: 'fan', type: 'invite_to_live' }, { now: later });
    expect(result).toMatchObject({ status: 'executed', expectedImpact: shown });
    const stored = test.core.stores.actionLog.get(result.actionId as string);
    expect(stored).toMatchObject({ conversionProbability: shown.conversionProbability, estimatedTokens: shown.estimatedTokens });
  });

  it('closes an invitation to a stream that never reports its end 12 hours after it started', () => {
    const records: Change[] = [creator(), stream('open', { scheduledAt: NOW + HOUR_MS, startedAt: NOW + HOUR_MS })];
    for (const id of INVITED) records.push(supporter(id));
    const test = openTestCore(tempDir());
    test.apply(records);
    opened.push(test);
    for (const id of INVITED) runCrmAction(test.core, { supporterId: id, type: 'invite_to_live' }, { now: NOW });
    test.apply([activity('i0', 'live_gift', NOW + 5 * HOUR_MS, { tokens: 70, streamId: 'open' })]);
    expect(runAlertSweep(test.core, NOW + 12 * HOUR_MS).outcomesMeasured).toBe(0);
    expect(runAlertSweep(test.core, NOW + 13 * HOUR_MS).outcomesMeasured).toBe(12);
    expect(actionResultsByType(test.core.stores.actionLog, NOW + 13 * HOUR_MS).invite_to_live).toEqual({ closed: 12, converted: 1, convertedTokens: 70 });
  });

  it('leaves refused actions out: they had no window', () => {
    const test = workspace();
    for (const id of INVITED) expect(runCrmAction(test.core, { supporterId: id, type: 'invite_to_live' }, { now: NOW + MINUTE_MS }).status).toBe('rejected');
    runAlertSweep(test.core, STREAM_END + HOUR_MS);
    expect(actionResultsByType(test.core.stores.actionLog, STREAM_END + HOUR_MS).invite_to_live.closed).toBe(12);
  });

  it('is read from the log once per change: it follows this store’s writes, other connections’ commits, and never keeps a rolled-back read', () => {
    const test = workspace();
    const log = test.core.stores.actionLog;
    const later = STREAM_END + 2 * HOUR_MS;
    runAlertSweep(test.core, later);
    expect(actionResultsByType(log, later).invite_to_live).toEqual({ closed: 12, converted: 8, convertedTokens: 600 });

    // Another connection (another process on the same workspace) changes an outcome and commits.
    const other = new Database(CrmCore.cachePath(test.core.dataDir));
    try {
      other.prepare("UPDATE crm_actions SET outcomeTokens = 1000 WHERE supporterId = 'i11'").run();
    } finally {
      other.close();
    }
    expect(actionResultsByType(log, later).invite_to_live).toEqual({ closed: 12, converted: 9, convertedTokens: 1600 });

    // This store records an outcome inside a transaction that is rolled back: the read inside saw it,
    // the read after does not.
    const fresh = runCrmAction(test.core, { supporterId: 'fan', type: 'dm_reminder' }, { now: later });
    const rollback = new Error('rolled back on purpose');
    expect(() =>
      test.core.db.transaction(() => {
        log.recordOutcome(fresh.actionId as string, 25, later + 2 * DAY_MS, later + DAY_MS);
        expect(actionResultsByType(log, later + 2 * DAY_MS).dm_reminder).toEqual({ closed: 1, converted: 1, convertedTokens: 25 });
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(actionResultsByType(log, later + 2 * DAY_MS).dm_reminder).toEqual({ closed: 0, converted: 0, convertedTokens: 0 });
    log.recordOutcome(fresh.actionId as string, 25, later + 2 * DAY_MS, later + DAY_MS);
    expect(actionResultsByType(log, later + 2 * DAY_MS).dm_reminder).toEqual({ closed: 1, converted: 1, convertedTokens: 25 });
    // An earlier now still sees only what had closed by then.
    expect(actionResultsByType(log, later).dm_reminder).toEqual({ closed: 0, converted: 0, convertedTokens: 0 });
  });
});
