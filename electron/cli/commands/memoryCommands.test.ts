import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../shared/domain/alertView';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, HOUR_MS, iso, MINUTE_MS, NOW, supporter } from '../../core/alerts/alertTestKit';

async function workspace(): Promise<(args: string[], now?: number, json?: boolean) => ReturnType<typeof captureCli>> {
  const dataDir = tempDir();
  const file = path.join(tempDir(), 'changes.jsonl');
  const records = [creator(), supporter('s1'), supporter('s2'), activity('s1', 'gift', NOW - DAY_MS, { tokens: 50 })];
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  expect((await captureCli(['import', file, '--data-dir', dataDir])).code).toBe(0);
  return (args, now = NOW, json = true) => captureCli([...args, '--data-dir', dataDir, '--now', iso(now), ...(json ? ['--json'] : [])]);
}

describe('crm note', () => {
  it('adds, edits, lists and deletes notes with SPEC §13 shapes', async () => {
    const crm = await workspace();
    const added = await crm(['note', 'add', 's1', '--text', 'Loves the cooking streams 🍳']);
    expect(added.code, added.stderr).toBe(0);
    const { noteId } = added.json<{ noteId: string }>();
    expect(added.json()).toEqual({ noteId: expect.any(String), supporterId: 's1', createdAt: iso(NOW) });

    const edited = await crm(['note', 'edit', noteId, '--text', 'Loves the baking streams'], NOW + HOUR_MS);
    expect(edited.json()).toEqual({ noteId, updatedAt: iso(NOW + HOUR_MS) });
    expect((await crm(['note', 'list', 's1'])).json()).toEqual({
      notes: [{ noteId, text: 'Loves the baking streams', createdAt: iso(NOW), updatedAt: iso(NOW + HOUR_MS) }],
    });
    expect((await crm(['note', 'delete', noteId])).json()).toEqual({ noteId, deleted: true });
    expect((await crm(['note', 'list', 's1'])).json()).toEqual({ notes: [] });
  });

  it('refuses a note with contact details: non-zero exit, the reason on stderr, nothing on stdout', async () => {
    const crm = await workspace();
    const refused = await crm(['note', 'add', 's1', '--text', 'her insta is @anna.b, call 555-123-4567']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'crm note: This note contains a handle on another network and a phone number. Contact details cannot be kept in the CRM: contact stays on the platform. Nothing was saved.\n',
    );
    expect((await crm(['note', 'list', 's1'])).json()).toEqual({ notes: [] });
  });

  it('says what is missing: a usage error exits 2, an unknown note or supporter exits 1', async () => {
    const crm = await workspace();
    const noText = await crm(['note', 'add', 's1']);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toContain('--text needs the note');
    expect((await crm(['note'])).code).toBe(2);
    expect((await crm(['note', 'pin', 's1'])).stderr).toContain('unknown note command "pin"');
    const unknown = await crm(['note', 'delete', 'no-such-note']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No note with id "no-such-note"');
    expect((await crm(['note', 'add', 'nobody', '--text', 'hi'])).stderr).toContain('No supporter with id "nobody"');
  });
});

describe('crm tag and crm tags', () => {
  it('tags one supporter (words need no quotes), lists tags with counts, removes one', async () => {
    const crm = await workspace();
    expect((await crm(['tag', 'add', 's1', 'Big', 'spender'])).json()).toEqual({ supporterId: 's1', tags: ['Big spender'] });
    expect((await crm(['tag', 'add', 's2', 'big  spender'])).json()).toEqual({ supporterId: 's2', tags: ['Big spender'] });
    expect((await crm(['tag', 'add', 's2', 'Night-owl'])).json()).toEqual({ supporterId: 's2', tags: ['Big spender', 'Night-owl'] });
    expect((await crm(['tags'])).json()).toEqual({ tags: [{ tag: 'Big spender', supporters: 2 }, { tag: 'Night-owl', supporters: 1 }] });
    expect((await crm(['tag', 'remove', 's2', 'night-owl'])).json()).toEqual({ supporterId: 's2', tags: ['Big spender'] });
    const bad = await crm(['tag', 'add', 's1', 'vip!']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('A tag may hold letters, digits, spaces and "-" only.');
  });

  it('renames and deletes a tag only with the count confirmed by --expect', async () => {
    const crm = await workspace();
    await crm(['tag', 'add', 's1', 'whale']);
    await crm(['tag', 'add', 's2', 'whale']);
    const unconfirmed = await crm(['tag', 'rename', 'whale', 'Big spender']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('confirm with --expect N');
    const stale = await crm(['tag', 'rename', 'whale', 'Big spender', '--expect', '1']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('"whale" is on 2 supporters, not 1');
    expect((await crm(['tag', 'rename', 'whale', 'Big spender', '--expect', '2'])).json()).toEqual({ tag: 'whale', renamedTo: 'Big spender', supporters: 2 });
    expect((await crm(['tag', 'delete', 'big', 'spender'])).code).toBe(2);
    expect((await crm(['tag', 'delete', 'big', 'spender', '--expect', '2'])).json()).toEqual({ tag: 'Big spender', supporters: 2, deleted: true });
    expect((await crm(['tags'])).json()).toEqual({ tags: [] });
  });
});

describe('crm followup and crm snooze', () => {
  it('sets and cancels a follow-up, snoozes and un-snoozes, and the profile shows them', async () => {
    const crm = await workspace();
    const followUp = await crm(['followup', 'add', 's1', '--at', iso(NOW + DAY_MS), '--text', 'Ask about the new job']);
    expect(followUp.json()).toEqual({ followUpId: expect.any(String), supporterId: 's1', dueAt: iso(NOW + DAY_MS) });
    expect((await crm(['snooze', 's1', '--until', iso(NOW + 3 * HOUR_MS)])).json()).toEqual({ supporterId: 's1', snoozedUntil: iso(NOW + 3 * HOUR_MS) });
    const profile = (await crm(['profile', 's1'])).json<SupporterProfile>();
    expect(profile.followUps).toEqual([{ followUpId: followUp.json<{ followUpId: string }>().followUpId, dueAt: iso(NOW + DAY_MS), text: 'Ask about the new job', createdAt: iso(NOW) }]);
    expect(profile.snoozedUntil).toBe(iso(NOW + 3 * HOUR_MS));
    expect((await crm(['profile', 's1'], NOW + 4 * HOUR_MS)).json<SupporterProfile>().snoozedUntil).toBeNull();

    expect((await crm(['snooze', 'cancel', 's1'])).json()).toEqual({ supporterId: 's1', snoozedUntil: null });
    expect((await crm(['followup', 'cancel', followUp.json<{ followUpId: string }>().followUpId])).json()).toEqual({
      followUpId: followUp.json<{ followUpId: string }>().followUpId,
      cancelled: true,
    });
    expect((await crm(['profile', 's1'])).json<SupporterProfile>()).toMatchObject({ followUps: [], snoozedUntil: null });
  });

  it('refuses a time in the past and a follow-up text with contact details', async () => {
    const crm = await workspace();
    const past = await crm(['followup', 'add', 's1', '--at', iso(NOW - HOUR_MS)]);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('must be in the future');
    const contact = await crm(['followup', 'add', 's1', '--at', iso(NOW + HOUR_MS), '--text', 'mail anna@example.com']);
    expect(contact.code).toBe(1);
    expect(contact.stdout).toBe('');
    expect(contact.stderr).toContain('This follow-up text contains an e-mail address.');
    expect((await crm(['snooze', 's1'])).code).toBe(2);
    expect((await crm(['followup', 'add', 's1'])).code).toBe(2);
  });
});

describe('crm alerts: a follow-up comes due (SPEC §13)', () => {
  it('raises one follow_up_due alert at --now past its time, naming the supporter only; a cancelled one raises nothing', async () => {
    const crm = await workspace();
    const due = NOW + 2 * HOUR_MS;
    await crm(['followup', 'add', 's1', '--at', iso(due), '--text', 'Ask about the Lisbon trip']);
    const cancelled = (await crm(['followup', 'add', 's2', '--at', iso(due)])).json<{ followUpId: string }>().followUpId;
    expect((await crm(['followup', 'cancel', cancelled], NOW + HOUR_MS)).code).toBe(0);
    const followUpAlerts = (run: { json: <T>() => T }) => run.json<{ alerts: AlertView[] }>().alerts.filter((alert) => alert.type === 'follow_up_due');

    expect(followUpAlerts(await crm(['alerts'], due - MINUTE_MS))).toEqual([]);
    const atDue = await crm(['alerts'], due);
    expect(atDue.code, atDue.stderr).toBe(0);
    expect(followUpAlerts(atDue)).toEqual([
      expect.objectContaining({
        type: 'follow_up_due',
        supporterId: 's1',
        priority: 'high',
        suggestedAction: 'dm_reminder',
        message: 'Your follow-up with @fan_s1 is due',
        createdAt: iso(due),
        expiresAt: iso(due + DAY_MS),
      }),
    ]);
    expect(atDue.stdout).not.toContain('Lisbon');
    // Once: a later run lists the same alert, not a second one; a day later it has expired.
    expect(followUpAlerts(await crm(['alerts', '--all'], due + HOUR_MS))).toHaveLength(1);
    expect(followUpAlerts(await crm(['alerts'], due + DAY_MS))).toEqual([]);

    const human = await crm(['alerts'], due + HOUR_MS, false);
    expect(human.stdout).toContain(`HIGH    ${iso(due)}  Your follow-up with @fan_s1 is due`);
    expect(human.stdout).not.toContain('Lisbon');
  });
});

describe('crm search', () => {
  it('finds supporters by handle, note text and tag, as {total, entries: [Entry]}', async () => {
    const crm = await workspace();
    await crm(['note', 'add', 's2', '--text', 'Crème brûlée fan']);
    await crm(['tag', 'add', 's1', 'Dessert club']);
    const byNote = await crm(['search', 'creme']);
    expect(byNote.code, byNote.stderr).toBe(0);
    expect(byNote.json<{ total: number; entries: InboxEntry[] }>()).toEqual({ total: 1, entries: [expect.objectContaining({ supporterId: 's2', handle: 'fan_s2' })] });
    expect(Object.keys(byNote.json<{ entries: InboxEntry[] }>().entries[0] as object).sort()).toEqual(
      ['conversionPotential', 'conversionProbability', 'fanClubTier', 'firstPurchaseAt', 'flags', 'handle', 'hasUpcomingEvent', 'lastActivityAt', 'lifetimeTokens', 'monthlyTokens', 'online', 'priorityScore', 'quickActions', 'segment', 'supporterId', 'tags', 'unreadCount'].sort(),
    );
    expect((await crm(['search', 'dessert'])).json<{ total: number }>().total).toBe(1);
    // SPEC's JSON is `{total, entries}`; the human output also says where each matched, never a note's text.
    expect(Object.keys(byNote.json<object>()).sort()).toEqual(['entries', 'total']);
    const human = await crm(['search', 'dessert'], NOW, false);
    expect(human.stdout).toMatch(/fan_s1 .*\[s1\] {2}\(tag Dessert club\)/);
    const humanByNote = await crm(['search', 'creme'], NOW, false);
    expect(humanByNote.stdout).toMatch(/fan_s2 .*\[s2\] {2}\(in your notes\)/);
    expect(humanByNote.stdout).not.toContain('brûlée');
    expect((await crm(['search', 'fan_s', '--limit', '1'])).json<{ total: number; entries: InboxEntry[] }>()).toMatchObject({ total: 2, entries: [{ supporterId: 's1' }] });
    expect((await crm(['search'])).code).toBe(2);
    expect((await crm(['search', 'x', '--limit', '101'])).code).toBe(2);
  });
});
