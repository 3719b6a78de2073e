import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiContract } from '../../shared/contract/apiContract';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { FORBIDDEN_FIELDS } from '../../shared/domain/forbiddenFields';
import { startPlatformServer } from '../../electron/platform/platformServer';
import { startCoreRuntime } from '../../electron/core/coreRuntime';
import { captureCli } from '../support/captureCli';
import { tempDir } from '../support/tempDir';

const NOW = '2025-12-03T10:00:00Z';

/** Every forbidden field filled with a value that is easy to find and never otherwise in the data. */
function identity(tag: string): Record<string, unknown> {
  return {
    realName: `Real Name ${tag}`,
    phoneNumber: `+1-555-01${tag}`,
    email: `${tag}@leak.example`,
    socialMediaHandles: { insta: `@insta_${tag}` },
    location: { lat: 52.52, label: `Street ${tag}` },
    city: `City${tag}`,
    country: `Country${tag}`,
    ipAddress: `203.0.113.${tag.length}${tag.charCodeAt(0) % 10}`,
    deviceInfo: { model: `Phone-${tag}` },
  };
}

function secretsOf(tag: string): string[] {
  return [`Real Name ${tag}`, `+1-555-01${tag}`, `${tag}@leak.example`, `@insta_${tag}`, `Street ${tag}`, `City${tag}`, `Country${tag}`, `Phone-${tag}`, String(identity(tag).ipAddress)];
}

function recordsFor(tag: string, supporterId: string): object[] {
  return [
    { entity: 'creator', op: 'upsert', data: { id: 'c1', handle: 'creator', earnOn: true, timezone: 'UTC', ...identity(`${tag}c`) } },
    { entity: 'supporter', op: 'upsert', data: { id: supporterId, handle: `fan_${supporterId}`, firstSeenAt: '2025-11-01T00:00:00Z', ...identity(tag), fanClub: { tier: 'gold', active: true, since: '2025-11-02T00:00:00Z', renewsAt: '2025-12-04T00:00:00Z', ...identity(`${tag}f`) } } },
    { entity: 'activity', op: 'upsert', data: { id: `${supporterId}-a1`, supporterId, type: 'gift', at: '2025-12-02T10:00:00Z', tokens: 1500, ...identity(`${tag}a`) } },
    { entity: 'activity', op: 'upsert', data: { id: `${supporterId}-a2`, supporterId, type: 'presence', online: true, at: '2025-12-03T09:00:00Z', nested: [{ deeper: identity(`${tag}n`) }] } },
    { entity: 'activity', op: 'upsert', data: { id: `${supporterId}-bad`, supporterId, type: 'teleport', at: '2025-12-02T10:00:00Z', ...identity(`${tag}q`) } },
  ];
}

describe('privacy: forbidden fields never reach disk, logs or any API response', () => {
  it('through import, sync and actions', async () => {
    const dataDir = tempDir();
    const logs: string[] = [];
    // 1. Import.
    const file = path.join(tempDir(), 'import.jsonl');
    fs.writeFileSync(file, recordsFor('imp', 's-imp').map((record) => JSON.stringify(record)).join('\n'));
    const imported = await captureCli(['import', file, '--data-dir', dataDir, '--now', NOW, '--json']);
    expect(imported.code).toBe(0);
    logs.push(imported.stdout, imported.stderr);

    // 2. Sync from the reference platform server.
    const server = await startPlatformServer({ token: 'privacy-token', records: recordsFor('syn', 's-syn'), logLine: (line) => logs.push(line) });
    try {
      const synced = await captureCli(['sync', '--server', server.url, '--token', 'privacy-token', '--data-dir', dataDir, '--now', NOW, '--json']);
      logs.push(synced.stdout, synced.stderr);
      expect(synced.code, synced.stderr).toBe(0);
    } finally {
      await server.close();
    }

    // 3. Actions, including one that tries to smuggle identity fields in.
    for (const argv of [
      ['action', 's-imp', 'dm_reminder'],
      ['action', 's-syn', 'prioritize_reply'],
      ['action', 's-imp', 'contact_info_exchange'],
    ]) {
      const run = await captureCli([...argv, '--data-dir', dataDir, '--now', NOW, '--json']);
      logs.push(run.stdout, run.stderr);
    }

    // 4. Every API request's answer, through the long-running runtime.
    const runtime = startCoreRuntime({ dataDir, clock: () => Date.parse(NOW), createDemoIfEmpty: false, log: (_level, message) => logs.push(message) });
    const responses: string[] = [];
    const inputs: Partial<Record<string, unknown[]>> = {
      'inbox.page': ['vip', 'hot_leads', 'all', 'dormant', 'new'].map((tab) => ({ tab })),
      'profile.get': [{ supporterId: 's-imp' }, { supporterId: 's-syn' }],
      'alerts.list': [{ includeAll: true }],
      'actions.preview': [{ supporterId: 's-imp', type: 'offer_fan_club' }],
      'actions.log': [{}],
      'actions.metrics': [{ days: 30 }],
      'safety.log': [{}],
      // Relationship memory (SPEC §13): its answers name supporters too.
      'notes.list': [{ supporterId: 's-imp' }],
      'tags.list': [{}],
      'search.supporters': [{ text: 'fan' }, { text: 's-imp' }],
    };
    for (const name of API_REQUEST_NAMES) {
      const candidates = inputs[name] ?? [{}];
      for (const input of candidates) {
        if (!apiContract[name].input.safeParse(input).success) continue;
        if (name === 'sync.connect' || name === 'sync.now') continue;
        responses.push(JSON.stringify(await runtime.invoke(name, input)));
      }
    }
    // The records really arrived (the sweep would prove nothing otherwise).
    for (const supporterId of ['s-imp', 's-syn']) expect(await runtime.invoke('profile.get', { supporterId })).toMatchObject({ ok: true });
    await runtime.stop();

    const onDisk = Buffer.concat(
      fs.readdirSync(dataDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name))),
    );
    const text = [...logs, ...responses].join('\n');
    let checked = 0;
    for (const tag of ['imp', 'impc', 'impf', 'impa', 'impn', 'impq', 'syn', 'sync', 'synf', 'syna', 'synn', 'synq']) {
      for (const secret of secretsOf(tag)) {
        checked += 1;
        expect(onDisk.includes(Buffer.from(secret)), `${secret} on disk`).toBe(false);
        expect(text.includes(secret), `${secret} in a log or response`).toBe(false);
      }
    }
    // The safety log keeps field names and counts only.
    expect(text).toContain('forbidden');
    for (const field of FORBIDDEN_FIELDS) expect(text.includes(`"${field}":`), field).toBe(false);
    console.info(`privacy sweep: ${checked} identity values fed through import, sync and actions; found on disk 0, in logs 0, in ${responses.length} API responses 0`);
  });

  it('keeps every cache file readable by the user only', async () => {
    const dataDir = tempDir();
    await captureCli(['demo', '--data-dir', dataDir, '--supporters', '20', '--now', NOW]);
    for (const file of fs.readdirSync(dataDir).filter((name) => name.endsWith('.sqlite'))) {
      expect(fs.statSync(path.join(dataDir, file)).mode & 0o077, file).toBe(0);
    }
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
  });
});
