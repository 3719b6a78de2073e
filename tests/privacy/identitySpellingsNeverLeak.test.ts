import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrmCore } from '../../electron/core/crmCore';
import type { IncomingRecord } from '../../electron/core/ingest/applyChangeBatch';
import { allContractFieldNames, CONTRACT_FIELDS } from '../../electron/core/ingest/contractFields';
import { keepContractFields, QUARANTINE_STRING_LIMIT } from '../../electron/core/ingest/keepContractFields';
import { startPlatformServer } from '../../electron/platform/platformServer';
import { FORBIDDEN_FIELDS, forbiddenFieldOf } from '../../shared/domain/forbiddenFields';
import { captureCli } from '../support/captureCli';
import { tempDir } from '../support/tempDir';

const NOW = '2025-12-03T10:00:00Z';

/** Identity fields as platforms and exports really spell them (SPEC §1 v1.1), and the SPEC field each means. */
const SPELLINGS: readonly (readonly [string, (typeof FORBIDDEN_FIELDS)[number]])[] = [
  ['Email', 'email'], ['e_mail', 'email'], ['E-Mail', 'email'], ['EMAIL', 'email'], ['emailAddress', 'email'], ['email_address', 'email'],
  ['userEmail', 'email'], ['contact_email', 'email'], ['mail', 'email'], ['ｅｍａｉｌ', 'email'], ['e\u200Bmail', 'email'], ['E.Mail', 'email'],
  ['phone', 'phoneNumber'], ['Phone', 'phoneNumber'], ['phone_number', 'phoneNumber'], ['PhoneNumber', 'phoneNumber'], ['mobile', 'phoneNumber'],
  ['mobile_number', 'phoneNumber'], ['tel', 'phoneNumber'], ['telephone', 'phoneNumber'], ['cellPhone', 'phoneNumber'], ['home-phone', 'phoneNumber'],
  ['realName', 'realName'], ['real_name', 'realName'], ['RealName', 'realName'], ['fullName', 'realName'], ['full name', 'realName'],
  ['first_name', 'realName'], ['lastName', 'realName'], ['surname', 'realName'], ['givenName', 'realName'],
  ['address', 'location'], ['streetAddress', 'location'], ['home_address', 'location'], ['postalCode', 'location'], ['zip', 'location'],
  ['lat', 'location'], ['lng', 'location'], ['latitude', 'location'], ['longitude', 'location'], ['geo', 'location'], ['gps', 'location'],
  ['coordinates', 'location'], ['Location', 'location'],
  ['city', 'city'], ['City', 'city'], ['hometown', 'city'],
  ['country', 'country'], ['Country', 'country'], ['countryCode', 'country'], ['nationality', 'country'],
  ['ip', 'ipAddress'], ['IP', 'ipAddress'], ['IPAddress', 'ipAddress'], ['ip_address', 'ipAddress'], ['ipAddr', 'ipAddress'],
  ['remote_ip', 'ipAddress'], ['clientIp', 'ipAddress'], ['X-Forwarded-For', 'ipAddress'],
  ['device', 'deviceInfo'], ['DeviceInfo', 'deviceInfo'], ['device_info', 'deviceInfo'], ['deviceId', 'deviceInfo'], ['deviceModel', 'deviceInfo'],
  ['user_agent', 'deviceInfo'], ['UserAgent', 'deviceInfo'], ['User-Agent', 'deviceInfo'],
  ['socialMediaHandles', 'socialMediaHandles'], ['social_media', 'socialMediaHandles'], ['instagram', 'socialMediaHandles'], ['twitter', 'socialMediaHandles'], ['tiktok', 'socialMediaHandles'],
];

/** Names no identity rule knows: only the quarantine's allowlist keeps them off the disk. */
const UNKNOWN_NAMES = ['contact', 'reachMeAt', 'kontakt', 'notes', 'alice@example.com', 'extra'];

/** Where a value rides in: valid and quarantined records, at the top of `data`, nested, and outside `data`. */
type Vehicle = (field: string, value: string, id: string) => unknown;
const VEHICLES: Record<string, Vehicle> = {
  validSupporter: (field, value, id) => ({ entity: 'supporter', op: 'upsert', data: { id, handle: `fan_${id}`, firstSeenAt: '2025-11-01T00:00:00Z', [field]: value } }),
  validActivityNested: (field, value, id) => ({ entity: 'activity', op: 'upsert', data: { id, supporterId: 'known', type: 'gift', at: '2025-12-01T10:00:00Z', tokens: 1, profile: [{ [field]: value }] } }),
  validFanClub: (field, value, id) => ({ entity: 'supporter', op: 'upsert', data: { id, handle: `fc_${id}`, firstSeenAt: '2025-11-01T00:00:00Z', fanClub: { tier: 'gold', active: true, [field]: value } } }),
  quarantinedUnknownType: (field, value, id) => ({ entity: 'activity', op: 'upsert', data: { id, supporterId: 'known', type: 'teleport', at: '2025-12-01T10:00:00Z', [field]: value } }),
  quarantinedMissingField: (field, value, id) => ({ entity: 'supporter', op: 'upsert', data: { id, firstSeenAt: '2025-11-01T00:00:00Z', fanClub: { tier: 'gold', [field]: value } } }),
  quarantinedUnknownEntity: (field, value, id) => ({ entity: 'wallet', op: 'upsert', data: { id, [field]: value } }),
  quarantinedOutsideData: (field, value, id) => ({ entity: 'listing', op: 'upsert', [field]: value, data: { id } }),
};

interface Planted {
  records: unknown[];
  values: string[];
}

/** Every spelling and every unknown name in every vehicle, each with its own findable value. */
function plant(channel: string): Planted {
  const records: unknown[] = [{ entity: 'supporter', op: 'upsert', data: { id: 'known', handle: 'known_fan', firstSeenAt: '2025-11-01T00:00:00Z' } }];
  const values: string[] = [];
  const names = [...SPELLINGS.map(([spelling]) => spelling), ...UNKNOWN_NAMES];
  names.forEach((field, fieldIndex) => {
    for (const [vehicleName, vehicle] of Object.entries(VEHICLES)) {
      const value = `planted-${channel}-${vehicleName}-${fieldIndex}-Zq7`;
      values.push(value);
      records.push(vehicle(field, value, `${channel}-${vehicleName}-${fieldIndex}`));
    }
  });
  return { records, values };
}

function workspaceBytes(dataDir: string): { bytes: Buffer; files: string[] } {
  const files = fs
    .readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return { bytes: Buffer.concat(files.map((file) => fs.readFileSync(file))), files: files.map((file) => path.relative(dataDir, file)) };
}

describe('privacy: identity fields under any spelling never reach the disk (SPEC §1 v1.1)', () => {
  it('knows every spelling planted below, and matches no field the contract names', () => {
    expect(SPELLINGS.length).toBeGreaterThanOrEqual(50);
    for (const [spelling, field] of SPELLINGS) expect(forbiddenFieldOf(spelling), spelling).toBe(field);
    for (const field of FORBIDDEN_FIELDS) expect(forbiddenFieldOf(field), field).toBe(field);
    const contractNames = allContractFieldNames();
    for (const name of ['id', 'handle', 'timezone', 'tier', 'itemId', 'category', 'listingId', 'capacity', 'streamId', 'conversationId']) expect(contractNames).toContain(name);
    for (const name of contractNames) expect(forbiddenFieldOf(name), name).toBeNull();
  });

  it('keeps every contract field of a quarantined record, each string cut to 1,000 characters', () => {
    const long = 'h'.repeat(50_000);
    for (const [entity, spec] of Object.entries(CONTRACT_FIELDS)) {
      const types = spec.byType ? Object.keys(spec.byType) : [undefined];
      for (const type of types) {
        const fields = [...spec.fields, ...(type !== undefined ? (spec.byType?.[type] ?? []) : [])];
        const data: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, `${field}-value`]));
        if (type !== undefined) data.type = type;
        data.handle = spec.fields.includes('handle') ? long : undefined;
        for (const [nested, nestedFields] of Object.entries(spec.objects ?? {})) data[nested] = Object.fromEntries(nestedFields.map((field) => [field, `${field}-value`]));
        const kept = keepContractFields({ entity, op: 'upsert', data: { ...data, email: 'x', contact: 'y' } }) as { data: Record<string, unknown> };
        for (const field of fields) expect(Object.keys(kept.data), `${entity}/${type ?? ''}: ${field}`).toContain(field);
        for (const [nested, nestedFields] of Object.entries(spec.objects ?? {})) expect(Object.keys(kept.data[nested] as object)).toEqual(nestedFields);
        expect(Object.keys(kept.data)).not.toContain('email');
        expect(Object.keys(kept.data)).not.toContain('contact');
        if (spec.fields.includes('handle')) expect((kept.data.handle as string).length).toBe(QUARANTINE_STRING_LIMIT);
      }
    }
  });

  it('through import and sync, valid and quarantined records: no planted value in any file of the workspace', async () => {
    const dataDir = tempDir();
    const imported = plant('imp');
    const synced = plant('syn');
    const direct = plant('dir');

    const file = path.join(tempDir(), 'spellings.jsonl');
    fs.writeFileSync(file, imported.records.map((record) => JSON.stringify(record)).join('\n'));
    const importRun = await captureCli(['import', file, '--data-dir', dataDir, '--now', NOW, '--json']);
    expect(importRun.code, importRun.stderr).toBe(0);
    const importSummary = importRun.json<{ applied: number; quarantined: number; droppedForbiddenFields: number }>();

    const server = await startPlatformServer({ token: 'spelling-token', records: synced.records, logLine: () => undefined });
    let syncRun;
    try {
      syncRun = await captureCli(['sync', '--server', server.url, '--token', 'spelling-token', '--data-dir', dataDir, '--now', NOW, '--json']);
    } finally {
      await server.close();
    }
    expect(syncRun.code, syncRun.stderr).toBe(0);

    // Records applied by a core that stays open, so the write-ahead log still holds their pages when scanned.
    const core = CrmCore.open({ dataDir, clock: () => Date.parse(NOW) });
    const incoming = direct.records.map((value, index): IncomingRecord => ({ kind: 'value', value, position: index + 1 }));
    core.applyBatch(incoming, 'sync:direct');
    const whileOpen = workspaceBytes(dataDir);
    expect(whileOpen.files).toEqual(expect.arrayContaining(['cache.sqlite', 'cache.sqlite-wal']));
    expect(fs.statSync(path.join(dataDir, 'cache.sqlite-wal')).size).toBeGreaterThan(0);

    // Valid records applied, bad ones quarantined: the scan below covers both kinds.
    const validPerChannel = (SPELLINGS.length + UNKNOWN_NAMES.length) * 3 + 1;
    expect(importSummary.applied).toBe(validPerChannel);
    expect(importSummary.quarantined).toBe((SPELLINGS.length + UNKNOWN_NAMES.length) * 4);
    expect(importSummary.droppedForbiddenFields).toBe(SPELLINGS.length * Object.keys(VEHICLES).length);
    expect(core.stores.stats.stats(0)).toMatchObject({ quarantined: (SPELLINGS.length + UNKNOWN_NAMES.length) * 4 * 3, quarantineDropped: 0 });
    const safetyLog = core.stores.safetyLog.list(20).map((entry) => entry.detail).join('\n');
    for (const field of FORBIDDEN_FIELDS) expect(safetyLog).toContain(`${field} ×`);
    core.close();
    const afterClose = workspaceBytes(dataDir);

    const planted = [...imported.values, ...synced.values, ...direct.values];
    const found = planted.filter((value) => whileOpen.bytes.includes(Buffer.from(value)) || afterClose.bytes.includes(Buffer.from(value)));
    expect(found).toEqual([]);
    // The spellings themselves are not logged either: only the SPEC's names and counts.
    const loggedNames = new Set([...safetyLog.matchAll(/([^\s,:]+) ×\d+/g)].map((match) => match[1]));
    expect([...loggedNames].sort()).toEqual([...FORBIDDEN_FIELDS].sort());
    expect(safetyLog).not.toMatch(/planted/);
    console.info(
      `identity spellings: ${SPELLINGS.length} spellings and ${UNKNOWN_NAMES.length} unknown names × ${Object.keys(VEHICLES).length} ways in (valid and quarantined, nested and top level) × import, sync and direct apply = ${planted.length} planted values; found in ${[...new Set([...whileOpen.files, ...afterClose.files])].join(', ')}: ${found.length}`,
    );
  });
});
