import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiContract, type ApiRequestName } from '../../shared/contract/apiContract';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { startCoreRuntime } from '../../electron/core/coreRuntime';
import type { AlertView } from '../../shared/domain/alertView';
import { planNotification } from '../../shared/notifications/planAlertNotifications';
import { memoryChangeRecord } from '../../electron/core/memory/sync/memoryChangeRecord';
import { startPlatformServer } from '../../electron/platform/platformServer';
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

/** A note record whose text this console's guard refuses (no console of this version could make one). */
function guardedOnTheWire(record: ReturnType<typeof memoryChangeRecord>, text: string): object {
  return { ...record, data: { ...record.data, text } };
}

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

  it('memory from another machine through the platform: texts reach the profile only, a guarded one reaches nothing, and nothing reaches the platform\'s log lines', async () => {
    const FEED_SECRET = 'Axolotlfeed loves the winter concerts';
    const FEED_FOLLOW_UP = 'Narwhalreminder ask about the new flat';
    const PUSHED_SECRET = 'Wombatpushed collects vinyl records';
    const GUARDED = 'Refusedfeedibis write to ibis.refused@example.com';
    const base = { createdAt: NOW_MS - 3_600_000, updatedAt: NOW_MS - 3_600_000, version: 1, writer: 'other-machine', deleted: false };
    const fromElsewhere = [
      memoryChangeRecord({ entity: 'note', id: 'feed-note', supporterId: 's1', text: FEED_SECRET, ...base }),
      memoryChangeRecord({ entity: 'follow_up', kind: 'reminder', id: 'feed-follow-up', supporterId: 's2', dueAt: NOW_MS + 3_600_000, text: FEED_FOLLOW_UP, ...base }),
      // Stored on the platform by a console whose guard let it through.
      guardedOnTheWire(memoryChangeRecord({ entity: 'note', id: 'feed-guarded', supporterId: 's2', text: 'placeholder', ...base }), GUARDED),
    ];
    const platformLines: string[] = [];
    const server = await startPlatformServer({ token: 'privacy-token', records: [...records(), ...fromElsewhere], logLine: (line) => platformLines.push(line) });
    try {
      const dataDir = tempDir();
      const crm = (args: string[]) => captureCli([...args, '--data-dir', dataDir, '--now', NOW, '--json']);
      const elsewhere: string[] = [];
      const shown: string[] = [];
      const synced = await crm(['sync', '--server', server.url, '--token', 'privacy-token']);
      expect(synced.code, synced.stderr).toBe(0);
      elsewhere.push(synced.stdout, synced.stderr);
      expect(JSON.parse(synced.stdout)).toMatchObject({ quarantined: 1 });
      const added = await crm(['note', 'add', 's2', '--text', PUSHED_SECRET]);
      elsewhere.push(added.stdout, added.stderr);
      const pushed = await crm(['sync', '--server', server.url, '--token', 'privacy-token']);
      expect(pushed.code, pushed.stderr).toBe(0);
      expect(JSON.parse(pushed.stdout)).toMatchObject({ pushedMemory: 1 });
      elsewhere.push(pushed.stdout, pushed.stderr);
      for (const argv of [['search', 'Axolotlfeed'], ['inbox', 'all'], ['alerts', '--all'], ['stats'], ['tags']]) {
        const run = await crm(argv);
        elsewhere.push(run.stdout, run.stderr);
      }
      for (const argv of [['note', 'list', 's1'], ['note', 'list', 's2'], ['profile', 's1'], ['profile', 's2']]) shown.push((await crm(argv)).stdout);
      expect((await crm(['search', 'Axolotlfeed'])).stdout).toContain('"supporterId":"s1"');

      const logs: string[] = [];
      const runtime = startCoreRuntime({ dataDir, clock: () => NOW_MS + 7_200_000, createDemoIfEmpty: false, log: (_level, message) => logs.push(message) });
      const events: string[] = [];
      runtime.onEvent((event) => events.push(JSON.stringify(event)));
      const answers: { name: ApiRequestName; text: string }[] = [];
      for (const name of API_REQUEST_NAMES) {
        if (name === 'sync.connect' || name === 'sync.now' || name === 'segmentation.run') continue;
        for (const input of [{}, { supporterId: 's1' }, { supporterId: 's2' }, { includeAll: true }, { limit: 100 }, { text: 'Axolotlfeed' }]) {
          if (!apiContract[name].input.safeParse(input).success) continue;
          answers.push({ name, text: JSON.stringify(await runtime.invoke(name, input)) });
        }
      }
      await runtime.stop();
      for (const answer of answers) (MAY_SHOW_PRIVATE_TEXT.has(answer.name) ? shown : elsewhere).push(answer.text);

      const allowed = shown.join('\n');
      for (const secret of [FEED_SECRET, FEED_FOLLOW_UP, PUSHED_SECRET]) expect(allowed, secret).toContain(secret);
      const everywhereElse = [...elsewhere, ...logs, ...events, ...platformLines].join('\n');
      const onDisk = Buffer.concat(fs.readdirSync(dataDir).filter((name) => fs.statSync(path.join(dataDir, name)).isFile()).map((name) => fs.readFileSync(path.join(dataDir, name))));
      let checked = 0;
      for (const word of ['Axolotlfeed', 'Narwhalreminder', 'Wombatpushed']) {
        checked += 1;
        expect(everywhereElse.includes(word), `${word} outside the profile and note commands`).toBe(false);
      }
      for (const word of ['Refusedfeedibis', 'ibis.refused@example.com']) {
        checked += 1;
        expect([...shown, everywhereElse].join('\n').includes(word), `${word} in some output`).toBe(false);
        expect(onDisk.includes(Buffer.from(word)), `${word} on disk`).toBe(false);
      }
      // The guarded note is in the safety log by id and kind, and the quarantine says why.
      expect(everywhereElse).toContain('note feed-guarded for s2');
      expect(everywhereElse).toContain('the note holds contact details (email_address); the text was not kept');
      console.info(`privacy sweep (memory from the feed): ${checked} private words checked across ${answers.length} API answers, CLI output, logs, events and the platform's log lines; leaks 0`);
    } finally {
      await server.close();
    }
  });
});
