import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../shared/domain/alertView';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, HOUR_MS, iso, MINUTE_MS, NOW, supporter, vipHistory } from '../../core/alerts/alertTestKit';

function workspaceWith(records: unknown[]): { dataDir: string; file: string } {
  const dataDir = tempDir();
  const file = path.join(tempDir(), 'changes.jsonl');
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  return { dataDir, file };
}

describe('crm alerts', () => {
  it('runs the sweep at --now before listing, so alerts and time-based ones appear; --all keeps expired ones', async () => {
    const renewing = supporter('f1', { fanClub: { tier: 'diamond', since: '2025-01-01T00:00:00Z', renewsAt: iso(NOW + DAY_MS), active: true } });
    const { dataDir, file } = workspaceWith([creator(), ...vipHistory('v1'), activity('v1', 'presence', NOW - MINUTE_MS, { online: true }), renewing]);
    expect((await captureCli(['import', file, '--data-dir', dataDir, '--json'])).code).toBe(0);

    const current = await captureCli(['alerts', '--data-dir', dataDir, '--now', iso(NOW), '--json']);
    expect(current.code).toBe(0);
    const { alerts } = current.json<{ alerts: AlertView[] }>();
    expect(alerts.map((alert) => [alert.type, alert.supporterId, alert.priority])).toEqual([
      ['fan_club_renewal_due', 'f1', 'medium'],
      ['vip_online', 'v1', 'urgent'],
    ]);
    expect(Object.keys(alerts[0] as object).sort()).toEqual(
      ['actionable', 'createdAt', 'dismissedAt', 'expiresAt', 'id', 'message', 'metadata', 'priority', 'readAt', 'suggestedAction', 'supporterId', 'type'].sort(),
    );
    expect(alerts[1]?.message).toBe('VIP @fan_v1 just came online');

    const later = await captureCli(['alerts', '--data-dir', dataDir, '--now', iso(NOW + 3 * DAY_MS), '--json']);
    expect(later.json<{ alerts: AlertView[] }>().alerts).toEqual([]);
    const all = await captureCli(['alerts', '--data-dir', dataDir, '--now', iso(NOW + 3 * DAY_MS), '--all', '--json']);
    expect(all.json<{ alerts: AlertView[] }>().alerts.map((alert) => alert.type)).toEqual(expect.arrayContaining(['vip_online', 'fan_club_renewal_due']));

    const human = await captureCli(['alerts', '--data-dir', dataDir, '--now', iso(NOW)]);
    expect(human.stdout).toContain('URGENT  ');
    expect(human.stdout).toContain('VIP @fan_v1 just came online');
  });
});

describe('crm action', () => {
  it('runs one action and prints {status, expectedImpact}; a refusal exits 0 with its reason', async () => {
    const { dataDir, file } = workspaceWith([creator(), supporter('s1'), supporter('s2'), activity('s1', 'gift', NOW - DAY_MS, { tokens: 50 })]);
    await captureCli(['import', file, '--data-dir', dataDir]);
    const run = (args: string[]) => captureCli(['action', ...args, '--data-dir', dataDir, '--now', iso(NOW), '--json']);

    const executed = await run(['s1', 'dm_reminder']);
    expect(executed.code).toBe(0);
    expect(executed.json()).toEqual({
      status: 'executed',
      expectedImpact: {
        conversionProbability: expect.any(Number),
        estimatedTokens: expect.any(Number),
        basis: 'formula',
        sampleSize: 0,
        timeWindow: '24 hours',
        windowEndsAt: iso(NOW + DAY_MS),
      },
    });

    const repeated = await run(['s1', 'dm_reminder']);
    expect(repeated.code).toBe(0);
    expect(repeated.json()).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^Message reminder was already used for @fan_s1 in the last 24 hours: available again (tomorrow )?at \d\d:\d\d \(UTC\)\.$/) });

    const bulk = await run(['s1', 's2', 'dm_reminder']);
    expect(bulk.code).toBe(0);
    expect(bulk.json()).toEqual({ status: 'rejected', reason: expect.stringContaining('One supporter per action'), expectedImpact: null });

    const forbidden = await run(['s1', 'export_supporter_list']);
    expect(forbidden.json()).toMatchObject({ status: 'rejected', reason: expect.stringContaining('not allowed') });

    const stats = await captureCli(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.json()).toMatchObject({ outboxPending: 1 });

    const missing = await captureCli(['action', 's1', '--data-dir', dataDir, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: crm action SUPPORTER_ID TYPE');
  });
});

describe('crm action: expected impact learned from closed actions (SPEC §12)', () => {
  it('prints basis and sampleSize, and switches to your results at the 10th closed action of the type', async () => {
    const reminded = Array.from({ length: 10 }, (_, index) => `r${index}`);
    const records = [creator(), supporter('fan'), activity('fan', 'gift', NOW - DAY_MS, { tokens: 300 }), activity('fan', 'chat_message', NOW - DAY_MS)];
    for (const id of reminded) records.push(supporter(id));
    // Four of the ten spend inside their 24 hours (30 + 60 + 90 + 120 = 300 tokens); r9 is reminded two hours later.
    for (const [index, id] of reminded.slice(0, 4).entries()) records.push(activity(id, 'gift', NOW + 3 * HOUR_MS, { tokens: 30 * (index + 1) }));
    const { dataDir, file } = workspaceWith(records);
    expect((await captureCli(['import', file, '--data-dir', dataDir, '--json'])).code).toBe(0);
    const at = (time: number, args: string[]) => captureCli([...args, '--data-dir', dataDir, '--now', iso(time), '--json']);
    for (const id of reminded.slice(0, 9)) expect((await at(NOW, ['action', id, 'dm_reminder'])).json()).toMatchObject({ status: 'executed' });
    expect((await at(NOW + 2 * HOUR_MS, ['action', 'r9', 'dm_reminder'])).json()).toMatchObject({ status: 'executed' });

    // `alerts` runs the sweep, which records the outcome of every window closed by then: nine so far.
    expect((await at(NOW + DAY_MS + HOUR_MS, ['alerts'])).code).toBe(0);
    const nine = await at(NOW + DAY_MS + HOUR_MS, ['action', 'fan', 'dm_reminder']);
    expect(nine.json()).toMatchObject({ status: 'executed', expectedImpact: { basis: 'formula', sampleSize: 9 } });
    const prior = (nine.json() as { expectedImpact: { conversionProbability: number } }).expectedImpact.conversionProbability;

    expect((await at(NOW + DAY_MS + 3 * HOUR_MS, ['alerts'])).code).toBe(0);
    const ten = await at(NOW + DAY_MS + 3 * HOUR_MS, ['action', 'fan', 'prioritize_reply']);
    // prioritize_reply has no closed actions: still the formula; the reminder now has ten.
    expect(ten.json()).toMatchObject({ status: 'executed', expectedImpact: { basis: 'formula', sampleSize: 0 } });
    const learned = await at(NOW + 2 * DAY_MS + 2 * HOUR_MS, ['action', 'fan', 'dm_reminder']);
    const p = (4 + (10 * prior) / 100) / 20;
    expect(learned.json()).toMatchObject({
      status: 'executed',
      expectedImpact: { basis: 'your_results', sampleSize: 10, conversionProbability: Math.round(p * 100), estimatedTokens: Math.round(p * 75) },
    });

    const human = await captureCli(['action', 'r0', 'dm_reminder', '--data-dir', dataDir, '--now', iso(NOW + 3 * DAY_MS)]);
    expect(human.code).toBe(0);
    // No sweep has run since the fan's reminder closed, so its outcome is not recorded yet: still ten.
    expect(human.stdout).toContain('(based on your last 10 closed actions of this type)');
  });
});
