import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiContract, type ApiRequestName } from '../../shared/contract/apiContract';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { startCoreRuntime } from '../../electron/core/coreRuntime';
import type { AlertView } from '../../shared/domain/alertView';
import { planNotification } from '../../shared/notifications/planAlertNotifications';
import { captureCli } from '../support/captureCli';
import { tempDir } from '../support/tempDir';

const NOW = '2025-12-03T10:00:00Z';
const NOW_MS = Date.parse(NOW);
const iso = (ms: number) => new Date(ms).toISOString();

/** Words that exist nowhere but in the creator's private texts, so any sighting is a leak. */
const NOTE_SECRET = 'Quetzalnote birthday surprise for her sister';
const EDITED_SECRET = 'Xylophonia edited memory';
const FOLLOW_UP_SECRET = 'Marzipanreminder about the exam results';
/** Texts the guard refuses: they must reach nothing at all, not even the disk. */
const REFUSED = ['Refusedzebra call me on 0171 1234567', 'Refusedyak mail anna.refused@example.com', 'Refusedgnu find me on insta @refused_gnu'];

/** Requests whose answers may carry a note's or follow-up's text: the profile and the note commands (SPEC §13). */
const MAY_SHOW_PRIVATE_TEXT = new Set<ApiRequestName>(['profile.get', 'notes.list']);

function records(): object[] {
  const at = (hours: number) => iso(NOW_MS - hours * 3_600_000);
  return [
    { entity: 'creator', op: 'upsert', data: { id: 'c1', handle: 'creator', earnOn: true, timezone: 'UTC' } },
    { entity: 'supporter', op: 'upsert', data: { id: 's1', handle: 'fan_one', firstSeenAt: '2025-11-01T00:00:00Z' } },
    { entity: 'supporter', op: 'upsert', data: { id: 's2', handle: 'fan_two', firstSeenAt: '2025-11-01T00:00:00Z' } },
    { entity: 'activity', op: 'upsert', data: { id: 'a1', supporterId: 's1', type: 'gift', at: at(30), tokens: 1500 } },
    { entity: 'activity', op: 'upsert', data: { id: 'a2', supporterId: 's1', type: 'presence', online: true, at: at(1) } },
    { entity: 'activity', op: 'upsert', data: { id: 'a3', supporterId: 's2', type: 'profile_view', at: at(2) } },
  ];
}

describe('privacy: note and follow-up texts stay on the profile and the note commands', () => {
  it('never reach logs, other answers, alerts or notifications; refused texts reach nothing, the disk included', async () => {
    const dataDir = tempDir();
    const file = path.join(tempDir(), 'import.jsonl');
    fs.writeFileSync(file, records().map((record) => JSON.stringify(record)).join('\n'));
    const crm = (args: string[]) => captureCli([...args, '--data-dir', dataDir, '--now', NOW, '--json']);
    expect((await crm(['import', file])).code).toBe(0);

    // Output that may not show private text: everything but `note list` and `profile`.
    const elsewhere: string[] = [];
    const shown: string[] = [];
    const added = await crm(['note', 'add', 's1', '--text', `${NOTE_SECRET} first draft`]);
    expect(added.code, added.stderr).toBe(0);
    elsewhere.push(added.stdout, added.stderr);
    const { noteId } = JSON.parse(added.stdout) as { noteId: string };
    for (const argv of [
      ['note', 'edit', noteId, '--text', NOTE_SECRET],
      ['note', 'add', 's2', '--text', `${EDITED_SECRET} v1`],
      ['followup', 'add', 's1', '--at', iso(NOW_MS + 3_600_000), '--text', FOLLOW_UP_SECRET],
      ['tag', 'add', 's1', 'Birthday club'],
      ['snooze', 's2', '--until', iso(NOW_MS + 7_200_000)],
      ...REFUSED.map((text) => ['note', 'add', 's1', '--text', text]),
      ['followup', 'add', 's2', '--at', iso(NOW_MS + 3_600_000), '--text', REFUSED[0] as string],
      ['search', 'Quetzalnote'],
      ['search', 'fan'],
      ['tags'],
      ['inbox', 'all'],
      ['alerts', '--all'],
      ['stats'],
    ]) {
      const run = await crm(argv);
      elsewhere.push(run.stdout, run.stderr);
    }
    // The follow-up comes due: its alert and the notification planned from it name the supporter only.
    const due = await captureCli(['alerts', '--all', '--data-dir', dataDir, '--now', iso(NOW_MS + 2 * 3_600_000), '--json']);
    const dueAlerts = (JSON.parse(due.stdout) as { alerts: AlertView[] }).alerts.filter((alert) => alert.type === 'follow_up_due');
    expect(dueAlerts.map((alert) => alert.supporterId)).toEqual(['s1']);
    const humanDue = await captureCli(['alerts', '--data-dir', dataDir, '--now', iso(NOW_MS + 2 * 3_600_000)]);
    elsewhere.push(due.stdout, due.stderr, humanDue.stdout, JSON.stringify(planNotification(dueAlerts)), JSON.stringify(planNotification([...dueAlerts, ...dueAlerts])));
    for (const argv of [['note', 'list', 's1'], ['profile', 's1']]) shown.push((await crm(argv)).stdout);
    expect((await crm(['search', 'Quetzalnote'])).stdout).toContain('"supporterId":"s1"');

    const logs: string[] = [];
    const runtime = startCoreRuntime({ dataDir, clock: () => NOW_MS, createDemoIfEmpty: false, log: (_level, message) => logs.push(message) });
    const events: string[] = [];
    runtime.onEvent((event) => events.push(JSON.stringify(event)));
    const inputs: Partial<Record<ApiRequestName, unknown[]>> = {
      'inbox.page': ['vip', 'hot_leads', 'all', 'dormant', 'new'].map((tab) => ({ tab })),
      'profile.get': [{ supporterId: 's1' }, { supporterId: 's2' }],
      'alerts.list': [{ includeAll: true }, { supporterId: 's1', includeAll: true }],
      'actions.preview': [{ supporterId: 's1', type: 'dm_reminder' }],
      'actions.run': [{ supporterId: 's1', type: 'dm_reminder' }],
      'actions.log': [{}],
      'actions.metrics': [{ days: 30 }],
      'safety.log': [{ limit: 100 }],
      'notes.list': [{ supporterId: 's1' }, { supporterId: 's2' }],
      'notes.add': [{ supporterId: 's2', text: REFUSED[1] }],
      'notes.edit': [{ noteId, text: REFUSED[2] }],
      'tags.list': [{}],
      'tags.add': [{ supporterId: 's2', tag: 'Birthday club' }],
      'followUps.add': [{ supporterId: 's1', dueAt: iso(NOW_MS + 86_400_000), text: REFUSED[2] }],
      'search.supporters': [{ text: 'Quetzalnote' }, { text: 'Marzipanreminder' }, { text: 'birthday' }],
    };
    const answers: { name: ApiRequestName; text: string }[] = [];
    for (const name of API_REQUEST_NAMES) {
      if (name === 'sync.connect' || name === 'sync.now' || name === 'segmentation.run') continue;
      for (const input of inputs[name] ?? [{}]) {
        if (!apiContract[name].input.safeParse(input).success) continue;
        answers.push({ name, text: JSON.stringify(await runtime.invoke(name, input)) });
      }
    }
    await runtime.stop();
    for (const answer of answers) (MAY_SHOW_PRIVATE_TEXT.has(answer.name) ? shown : elsewhere).push(answer.text);

    // The texts really arrived where they belong (the sweep would prove nothing otherwise).
    const allowed = shown.join('\n');
    for (const secret of [NOTE_SECRET, EDITED_SECRET, FOLLOW_UP_SECRET]) expect(allowed, secret).toContain(secret);

    const everywhereElse = [...elsewhere, ...logs, ...events].join('\n');
    const cacheFiles = fs.readdirSync(dataDir).map((name) => fs.readFileSync(path.join(dataDir, name)));
    const onDisk = Buffer.concat(cacheFiles);
    let checked = 0;
    for (const secret of [NOTE_SECRET, EDITED_SECRET, FOLLOW_UP_SECRET, 'first draft']) {
      for (const word of secret.split(' ').filter((part) => part.length > 8)) {
        checked += 1;
        expect(everywhereElse.includes(word), `${word} outside the profile and note commands`).toBe(false);
      }
    }
    for (const refused of REFUSED) {
      for (const word of refused.split(' ')) {
        if (!/^Refused|1234567|example\.com|refused_gnu/.test(word)) continue;
        checked += 1;
        expect([...shown, everywhereElse].join('\n').includes(word), `${word} in some output`).toBe(false);
        expect(onDisk.includes(Buffer.from(word)), `${word} on disk`).toBe(false);
      }
    }
    // The refusals are in the safety log, by kind only.
    expect(everywhereElse).toContain('contact_info_exchange');
    console.info(`privacy sweep (memory): ${checked} private words checked across ${answers.length} API answers, CLI output, logs and events; leaks 0`);
  });
});
