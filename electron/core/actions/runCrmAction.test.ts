import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, HOUR_MS, listing, MINUTE_MS, NOW, openTestCore, stream, supporter, type TestCore } from '../alerts/alertTestKit';
import { runAlertSweep } from '../alerts/alertService';
import { defaultActionEffects } from './actionEffects';
import { activityLog, crmMetrics } from './actionOutcomes';
import { reconcileActionsWithOutbox, workspaceOutboxEntries } from './reconcileActionsWithOutbox';
import { ACTION_SAFETY_LOG_KIND, previewCrmAction, runCrmAction } from './runCrmAction';

const opened: TestCore[] = [];

function open(records = [creator(), supporter('s1'), supporter('s2')]): TestCore {
  const test = openTestCore(tempDir());
  test.apply(records);
  opened.push(test);
  return test;
}

afterEach(() => {
  for (const test of opened.splice(0)) test.core.close();
});

function safetyLog(test: TestCore) {
  return test.core.stores.safetyLog.list(100).filter((entry) => entry.kind === ACTION_SAFETY_LOG_KIND);
}

describe('every rejection rule has a clear reason and a safety-log entry (SPEC §7)', () => {
  it('refuses a list of supporters, even a list of one, and logs only the count', () => {
    const test = open();
    for (const ids of [['s1', 's2', 'realName@example.com'], ['s1']]) {
      const result = runCrmAction(test.core, { supporterId: ids, type: 'dm_reminder' });
      expect(result).toEqual({
        status: 'rejected',
        reason: `One supporter per action: this request named ${ids.length} supporter${ids.length === 1 ? '' : 's'} as a list. Bulk actions are not allowed.`,
        expectedImpact: null,
      });
    }
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual([
      'bulk_request: 1 supporter ids in one request for dm_reminder',
      'bulk_request: 3 supporter ids in one request for dm_reminder',
    ]);
    expect(JSON.stringify(test.core.stores.safetyLog.list(100))).not.toContain('example.com');
    expect(test.core.stores.actionLog.list(100)).toEqual([]);
  });

  it.each([
    ['bulk_messaging', 'Bulk messaging is not allowed'],
    ['export_supporter_list', 'Exporting supporter lists is not allowed'],
    ['offline_meetup_planning', 'Planning offline meetups is not allowed'],
    ['identity_revelation', 'Revealing identities is not allowed'],
    ['contact_info_exchange', 'Exchanging contact details is not allowed'],
  ])('refuses the forbidden type %s', (type, reason) => {
    const test = open();
    const result = runCrmAction(test.core, { supporterId: 's1', type });
    expect(result.status).toBe('rejected');
    expect(result.reason).toContain(reason);
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual([`forbidden_type: ${type} requested for s1`]);
  });

  it('refuses an unknown type, naming the valid ones, without logging free text', () => {
    const test = open();
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'send_gift_card' })).toMatchObject({
      status: 'rejected',
      reason: 'Unknown action type "send_gift_card". Use one of: dm_reminder, invite_to_live, offer_fan_club, event_early_access, prioritize_reply.',
    });
    runCrmAction(test.core, { supporterId: 's1', type: 'call me at +1 555 0100' });
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual([
      'unknown_type: (a type name of 22 characters) requested for s1',
      'unknown_type: send_gift_card requested for s1',
    ]);
  });

  it('refuses an unknown supporter', () => {
    const test = open();
    expect(runCrmAction(test.core, { supporterId: 'ghost', type: 'dm_reminder' })).toEqual({
      status: 'rejected',
      reason: 'There is no supporter "ghost" in this workspace.',
      expectedImpact: null,
    });
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual(['unknown_supporter: dm_reminder for ghost']);
  });

  it('refuses the same type for the same supporter within 24 hours, and allows it after', () => {
    const test = open();
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW }).status).toBe('executed');
    const again = runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW + 23 * HOUR_MS });
    // The creator's words and when it is possible again (the creator's zone is UTC here), never the type id.
    expect(again).toMatchObject({
      status: 'rejected',
      reason: 'Message reminder was already used for @fan_s1 in the last 24 hours: available again at 10:00 (UTC).',
      availableAt: new Date(NOW + 24 * HOUR_MS).toISOString(),
    });
    expect(again.reason).not.toContain('dm_reminder');
    expect(again.expectedImpact).not.toBeNull();
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual(['repeat_within_24h: dm_reminder for s1 again within 24 h']);
    // Another type, or another supporter, is fine; and the same one a day later.
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'prioritize_reply' }, { now: NOW + HOUR_MS }).status).toBe('executed');
    expect(runCrmAction(test.core, { supporterId: 's2', type: 'dm_reminder' }, { now: NOW + HOUR_MS }).status).toBe('executed');
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW + 24 * HOUR_MS }).status).toBe('executed');
  });

  it('refuses more than 60 actions per hour', () => {
    const records = [creator()];
    for (let index = 0; index < 62; index += 1) records.push(supporter(`r${index}`));
    const test = open(records);
    for (let index = 0; index < 60; index += 1) {
      expect(runCrmAction(test.core, { supporterId: `r${index}`, type: 'dm_reminder' }, { now: NOW + index * 30_000 }).status).toBe('executed');
    }
    const sixtyFirst = runCrmAction(test.core, { supporterId: 'r60', type: 'dm_reminder' }, { now: NOW + 30 * MINUTE_MS });
    expect(sixtyFirst).toMatchObject({
      status: 'rejected',
      reason: 'At most 60 actions per hour: available again at 11:00 (UTC).',
      availableAt: new Date(NOW + HOUR_MS).toISOString(),
    });
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual(['rate_limit: dm_reminder for r60: 60 actions already in the last hour']);
    // An hour after the first one, there is room again.
    expect(runCrmAction(test.core, { supporterId: 'r60', type: 'dm_reminder' }, { now: NOW + HOUR_MS }).status).toBe('executed');
  });

  it('refuses every action while the creator’s earnOn is false', () => {
    const test = open([creator(false), supporter('s1')]);
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'prioritize_reply' })).toMatchObject({
      status: 'rejected',
      reason: 'Earning is switched off for this account, so CRM actions are unavailable until it is turned on again.',
    });
    expect(safetyLog(test).map((entry) => entry.detail)).toEqual(['earn_off: prioritize_reply for s1 while earnOn is false']);
    expect(previewCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' })).toMatchObject({ ok: false });
  });

  it('keeps refused actions for a known supporter in the activity log as rejected', () => {
    const test = open([creator(false), supporter('s1')]);
    runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' });
    expect(activityLog(test.core, 10)).toEqual([
      expect.objectContaining({ supporterId: 's1', handle: 'fan_s1', type: 'dm_reminder', status: 'rejected', reason: expect.stringContaining('Earning is switched off') }),
    ]);
  });
});

describe('preconditions of each type', () => {
  it('invite_to_live needs a live or scheduled stream; offer_fan_club a higher tier; event_early_access a future listing', () => {
    const royal = { fanClub: { tier: 'royal_elite', since: '2025-01-01T00:00:00Z', renewsAt: '2026-01-01T00:00:00Z', active: true } };
    const test = open([creator(), supporter('s1'), supporter('vipfan', royal), stream('old', { scheduledAt: NOW - 3 * DAY_MS, startedAt: NOW - 3 * DAY_MS, endedAt: NOW - 3 * DAY_MS + HOUR_MS }), listing('past', NOW - DAY_MS)]);
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'invite_to_live' })).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no live or scheduled stream') });
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'event_early_access' })).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no upcoming event') });
    expect(runCrmAction(test.core, { supporterId: 'vipfan', type: 'offer_fan_club' })).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no higher tier') });
    // A precondition is not a safety matter: nothing in the safety log.
    expect(safetyLog(test)).toEqual([]);

    test.apply([stream('next', { scheduledAt: NOW + DAY_MS }), listing('gala', NOW + 5 * DAY_MS)]);
    const invite = runCrmAction(test.core, { supporterId: 's1', type: 'invite_to_live' });
    expect(invite).toMatchObject({ status: 'executed', expectedImpact: { timeWindow: 'until the stream ends', windowEndsAt: null } });
    const early = runCrmAction(test.core, { supporterId: 's1', type: 'event_early_access' });
    expect(early).toMatchObject({ status: 'executed', expectedImpact: { timeWindow: 'until the event starts', windowEndsAt: new Date(NOW + 5 * DAY_MS).toISOString() } });
    const offer = runCrmAction(test.core, { supporterId: 's1', type: 'offer_fan_club' });
    expect(offer).toMatchObject({ status: 'executed', expectedImpact: { timeWindow: '7 days', windowEndsAt: new Date(NOW + 7 * DAY_MS).toISOString() } });
    const outbox = test.core.outbox.open().list();
    expect(outbox.map((entry) => [entry.type, entry.supporterId, entry.params])).toEqual([
      ['invite_to_live', 's1', { streamId: 'next' }],
      ['event_early_access', 's1', { listingId: 'gala' }],
      ['offer_fan_club', 's1', { tier: 'silver' }],
    ]);
  });
});

describe('validate → pending → execute → log', () => {
  it('executes with a local effect, an outbox message under the action id, and an activity-log entry', () => {
    const test = open();
    const result = runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' });
    expect(result).toMatchObject({ status: 'executed', actionId: expect.any(String) });
    expect(test.core.stores.flags.get('s1').dmReminderAt).toBe(NOW);
    runCrmAction(test.core, { supporterId: 's2', type: 'prioritize_reply' });
    expect(test.core.stores.flags.get('s2').priorityReplyAt).toBe(NOW);
    const [queued] = test.core.outbox.open().list();
    expect(queued).toMatchObject({ type: 'dm_reminder', supporterId: 's1', idempotencyKey: result.actionId, status: 'pending', createdAt: NOW });
    expect(activityLog(test.core, 10).map((entry) => [entry.type, entry.status])).toEqual([
      ['prioritize_reply', 'executed'],
      ['dm_reminder', 'executed'],
    ]);
    expect(test.events.filter((event) => event.kind === 'data_changed' && event.reason === 'action')).toHaveLength(2);
  });

  it('records failed with the reason when delivery cannot be queued, and sets no flag', () => {
    const test = open();
    const flags = { setDmReminder: () => undefined, setPriorityReply: () => undefined };
    const result = runCrmAction(
      test.core,
      { supporterId: 's1', type: 'dm_reminder' },
      { effects: { flags, outbox: { enqueue: () => { throw new Error('disk full'); } } } },
    );
    expect(result).toMatchObject({ status: 'failed', reason: 'Could not complete the action: disk full' });
    expect(activityLog(test.core, 10)).toEqual([expect.objectContaining({ status: 'failed', reason: 'Could not complete the action: disk full' })]);
    expect(test.core.stores.flags.get('s1').dmReminderAt).toBeNull();
  });

  it('shows the expected impact before running: probability × average spend per active week over 90 days', () => {
    const test = open([
      creator(),
      supporter('s1'),
      activity('s1', 'gift', NOW - 2 * DAY_MS, { tokens: 300 }),
      activity('s1', 'chat_message', NOW - DAY_MS),
      activity('s1', 'gift', NOW - 20 * DAY_MS, { tokens: 100 }),
      activity('s1', 'gift', NOW - 100 * DAY_MS, { tokens: 999 }),
    ]);
    const preview = previewCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' });
    // Signals: chat 10 → 3; gifting 2×3 + 10×1 = 16 → 4.8: 7.8 → 8. 400 tokens over 2 active weeks: 200.
    expect(preview).toEqual({ ok: true, impact: { conversionProbability: 8, estimatedTokens: 16, basis: 'formula', sampleSize: 0, timeWindow: '24 hours', windowEndsAt: new Date(NOW + DAY_MS).toISOString() } });
    expect(runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }).expectedImpact).toEqual(preview.ok ? preview.impact : null);
  });
});

describe('outcomes and CRM metrics', () => {
  it('records the tokens spent inside the window when it closes, and reports metrics per type for 7 and 30 days', () => {
    const test = open([creator(), supporter('s1'), supporter('s2'), stream('live', { scheduledAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS })]);
    runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW });
    runCrmAction(test.core, { supporterId: 's2', type: 'dm_reminder' }, { now: NOW });
    runCrmAction(test.core, { supporterId: 's1', type: 'invite_to_live' }, { now: NOW });
    test.apply([
      activity('s1', 'gift', NOW + HOUR_MS, { tokens: 40 }),
      activity('s1', 'live_gift', NOW + 2 * HOUR_MS, { tokens: 25, streamId: 'live' }),
      activity('s1', 'gift', NOW + 30 * HOUR_MS, { tokens: 500 }),
    ]);
    // The stream has not reported its end (its fallback is 12 h after the start): nothing closes yet.
    expect(runAlertSweep(test.core, NOW + 10 * HOUR_MS).outcomesMeasured).toBe(0);
    test.apply([stream('live', { scheduledAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS, endedAt: NOW + 3 * HOUR_MS })]);
    expect(runAlertSweep(test.core, NOW + 10 * HOUR_MS).outcomesMeasured).toBe(1);
    expect(runAlertSweep(test.core, NOW + 25 * HOUR_MS).outcomesMeasured).toBe(2);
    const log = activityLog(test.core, 10);
    expect(log.map((entry) => [entry.supporterId, entry.type, entry.outcomeTokens])).toEqual(
      expect.arrayContaining([
        ['s1', 'dm_reminder', 65],
        ['s2', 'dm_reminder', 0],
        ['s1', 'invite_to_live', 65],
      ]),
    );
    const metrics = crmMetrics(test.core, 7, NOW + 25 * HOUR_MS);
    expect(metrics.days).toBe(7);
    expect(metrics.rows.map((row) => row.type)).toEqual(['dm_reminder', 'invite_to_live', 'offer_fan_club', 'event_early_access', 'prioritize_reply']);
    expect(metrics.rows[0]).toMatchObject({ type: 'dm_reminder', actions: 2, converted: 1, conversionRate: 50, tokensAttributed: 65 });
    expect(metrics.rows[1]).toMatchObject({ type: 'invite_to_live', actions: 1, converted: 1, conversionRate: 100, tokensAttributed: 65 });
    expect(metrics.rows[2]).toMatchObject({ actions: 0, conversionRate: null, tokensAttributed: 0, expectedTokens: 0 });
    expect(crmMetrics(test.core, 7, NOW + 8 * DAY_MS).rows[0]?.actions).toBe(0);
    expect(crmMetrics(test.core, 30, NOW + 8 * DAY_MS).rows[0]?.actions).toBe(2);
  });

  it('settles an action an interruption left pending, from what reached the outbox', () => {
    const test = open();
    const result = runCrmAction(test.core, { supporterId: 's1', type: 'dm_reminder' }, { now: NOW });
    test.core.db.prepare("UPDATE crm_actions SET status = 'pending' WHERE id = ?").run(result.actionId);
    test.core.db.prepare('INSERT INTO crm_actions (id, supporterId, type, status, requestedAt) VALUES (?, ?, ?, ?, ?)').run('lost', 's2', 'prioritize_reply', 'pending', NOW);
    runAlertSweep(test.core, NOW + 10 * MINUTE_MS);
    expect(test.core.stores.actionLog.get(result.actionId as string)?.status).toBe('executed');
    expect(test.core.stores.actionLog.get('lost')).toMatchObject({ status: 'failed', reason: 'Interrupted before the action was queued for the platform.' });
  });
});

describe('the outbox is the source of truth for actions (docs/sync-protocol.md §6)', () => {
  it('restores the activity-log row and the flag of an action whose cache was rebuilt, once', () => {
    const first = open();
    const taken = runCrmAction(first.core, { supporterId: 's1', type: 'prioritize_reply' }, { now: NOW });
    expect(reconcileActionsWithOutbox(first.core, defaultActionEffects(first.core), workspaceOutboxEntries(first.core), NOW)).toBe(0);
    // The cache is moved aside and rebuilt: same data dir, fresh cache.sqlite, the outbox kept.
    first.core.close();
    for (const name of fs.readdirSync(first.core.dataDir)) if (name.startsWith('cache.sqlite')) fs.rmSync(path.join(first.core.dataDir, name));
    const rebuilt = openTestCore(first.core.dataDir);
    opened.push(rebuilt);
    rebuilt.apply([creator(), supporter('s1')]);
    expect(reconcileActionsWithOutbox(rebuilt.core, defaultActionEffects(rebuilt.core), workspaceOutboxEntries(rebuilt.core), NOW + HOUR_MS)).toBe(1);
    expect(reconcileActionsWithOutbox(rebuilt.core, defaultActionEffects(rebuilt.core), workspaceOutboxEntries(rebuilt.core), NOW + HOUR_MS)).toBe(0);
    expect(rebuilt.core.stores.flags.get('s1').priorityReplyAt).toBe(NOW);
    expect(activityLog(rebuilt.core, 10)).toEqual([
      expect.objectContaining({ id: taken.actionId, type: 'prioritize_reply', status: 'executed', requestedAt: new Date(NOW).toISOString() }),
    ]);
    // Its window is known again, so its outcome is measured like any other.
    expect(runAlertSweep(rebuilt.core, NOW + 25 * HOUR_MS).outcomesMeasured).toBe(1);
  });
});
