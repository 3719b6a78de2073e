import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboxPage, NowQueuePage } from '../../../shared/domain/inboxEntry';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, HOUR_MS, hotLeadHistory, iso, NOW, supporter, vipHistory } from '../../core/alerts/alertTestKit';

/**
 * A small workspace: a VIP (1,500 tokens, quiet for 20 days), a hot lead online now, a buyer with 3
 * unread messages and one supporter who never spent (not in the Now queue).
 */
async function workspace(): Promise<(args: string[], now?: number) => ReturnType<typeof captureCli>> {
  const dataDir = tempDir();
  const file = path.join(tempDir(), 'changes.jsonl');
  const records = [
    creator(),
    ...vipHistory('vip1'),
    ...hotLeadHistory('hot1'),
    supporter('buyer'),
    activity('buyer', 'gift', NOW - 2 * DAY_MS, { tokens: 40 }),
    activity('buyer', 'chat_message', NOW - 3 * HOUR_MS),
    activity('buyer', 'chat_message', NOW - 2 * HOUR_MS),
    activity('buyer', 'chat_message', NOW - HOUR_MS),
    supporter('browser'),
    activity('browser', 'profile_view', NOW - DAY_MS),
  ];
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  expect((await captureCli(['import', file, '--data-dir', dataDir])).code).toBe(0);
  return (args, now = NOW) => captureCli([...args, '--data-dir', dataDir, '--now', iso(now), '--json']);
}

describe('crm inbox now', () => {
  it('prints the Now queue: Entry plus nowScore, nowReasons and suggestedAction, by nowScore desc', async () => {
    const crm = await workspace();
    const run = await crm(['inbox', 'now']);
    expect(run.code, run.stderr).toBe(0);
    const page = run.json<NowQueuePage>();
    expect(page.tab).toBe('now');
    // Everyone who spent; the supporter who only looked is not in the queue.
    expect(page.entries.map((entry) => entry.supporterId).sort()).toEqual(['buyer', 'hot1', 'vip1']);
    expect(page.total).toBe(3);
    const scores = page.entries.map((entry) => entry.nowScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.entries[0]?.supporterId).toBe('hot1');
    for (const entry of page.entries) {
      expect(entry.nowReasons.length).toBeGreaterThan(0);
      expect(entry.suggestedAction === null || entry.quickActions.includes(entry.suggestedAction)).toBe(true);
    }
    const hot = page.entries.find((entry) => entry.supporterId === 'hot1');
    // Largest first: its 80 % chance to spend, then online (20 priority points and the queue's 25).
    expect(hot?.nowReasons.slice(0, 2)).toEqual(['80% likely to spend', 'online now']);
    // 3 unread: priority + 3 × 4.
    const buyer = page.entries.find((entry) => entry.supporterId === 'buyer');
    expect(buyer?.nowScore).toBe((buyer?.priorityScore ?? 0) + 12);
    expect(buyer?.nowReasons).toContain('3 unread');
    expect((await crm(['inbox', 'now', '--limit', '1'])).json<NowQueuePage>().entries.map((entry) => entry.supporterId)).toEqual(['hot1']);
  });

  it('leaves a snoozed supporter out until the snooze ends, and lowers one acted on in the last 24 hours', async () => {
    const crm = await workspace();
    expect((await crm(['snooze', 'hot1', '--until', iso(NOW + 3 * HOUR_MS)])).code).toBe(0);
    expect((await crm(['inbox', 'now'])).json<NowQueuePage>().entries.map((entry) => entry.supporterId)).not.toContain('hot1');
    expect((await crm(['inbox', 'now'], NOW + 4 * HOUR_MS)).json<NowQueuePage>().entries.map((entry) => entry.supporterId)).toContain('hot1');

    const before = (await crm(['inbox', 'now'])).json<NowQueuePage>().entries.find((entry) => entry.supporterId === 'buyer');
    const acted = await crm(['action', 'buyer', 'prioritize_reply']);
    expect(acted.json<{ status: string }>().status).toBe('executed');
    const after = (await crm(['inbox', 'now'])).json<NowQueuePage>().entries.find((entry) => entry.supporterId === 'buyer');
    expect(after?.nowScore).toBe((before?.nowScore ?? 0) - 30);
    expect(after?.nowReasons.at(-1)).toBe('acted just now');
  });

  it('never suggests an action the 24-hour repeat rule refuses now: the next best one, and the first again a day later', async () => {
    const crm = await workspace();
    const suggestion = async (now = NOW) => (await crm(['inbox', 'now'], now)).json<NowQueuePage>().entries.find((entry) => entry.supporterId === 'buyer')?.suggestedAction;
    const first = await suggestion();
    expect(first).toBe('dm_reminder');
    expect((await crm(['action', 'buyer', 'dm_reminder'])).json<{ status: string }>().status).toBe('executed');
    const next = await suggestion();
    expect(next).not.toBeNull();
    expect(next).not.toBe('dm_reminder');
    // What the row now suggests is one the rules let run.
    const taken = await crm(['action', 'buyer', next ?? '']);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.json<{ status: string }>().status).toBe('executed');
    expect(await suggestion(NOW + 24 * HOUR_MS + 1)).toBe('dm_reminder');
  });

  it('refuses an unknown tab and --all-vips off the VIP tab with a clear message', async () => {
    const crm = await workspace();
    const unknown = await crm(['inbox', 'later']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('unknown tab "later" (one of now, vip, hot_leads, all, dormant, new)');
    const allVips = await crm(['inbox', 'now', '--all-vips']);
    expect(allVips.code).not.toBe(0);
    expect(allVips.stderr).toContain('--all-vips only applies to the vip tab');
  });
});

describe('crm inbox TAB --tag', () => {
  it('narrows any tab, and the Now queue, to the supporters carrying the tag', async () => {
    const crm = await workspace();
    expect((await crm(['tag', 'add', 'buyer', 'Regular'])).code).toBe(0);
    expect((await crm(['tag', 'add', 'vip1', 'big', 'spender'])).code).toBe(0);
    const all = (await crm(['inbox', 'all', '--tag', 'regular'])).json<InboxPage>();
    expect(all).toMatchObject({ tab: 'all', total: 1 });
    expect(all.entries.map((entry) => [entry.supporterId, entry.tags])).toEqual([['buyer', ['Regular']]]);
    const now = (await crm(['inbox', 'now', '--tag', 'big spender'])).json<NowQueuePage>();
    expect(now.entries.map((entry) => entry.supporterId)).toEqual(['vip1']);
    expect(now.total).toBe(1);
    // A tag nobody carries is an empty page, not an error.
    expect((await crm(['inbox', 'vip', '--tag', 'nobody'])).json<InboxPage>()).toEqual({ tab: 'vip', total: 0, entries: [] });
  });

  it('refuses a malformed tag with the reason and prints nothing on stdout', async () => {
    const crm = await workspace();
    const bad = await crm(['inbox', 'all', '--tag', 'no_underscores!']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.length).toBeGreaterThan(0);
    const empty = await crm(['inbox', 'all', '--tag', '']);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('--tag needs a tag');
  });
});
