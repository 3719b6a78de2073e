import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { CrmCore } from '../crmCore';
import type { IncomingRecord } from './applyChangeBatch';

const NOW = Date.parse('2025-12-03T10:00:00Z');

function openCore() {
  return CrmCore.open({ dataDir: tempDir(), clock: () => NOW });
}

const lines = (...records: (object | string)[]): IncomingRecord[] =>
  records.map((record, index) => ({ kind: 'text', text: typeof record === 'string' ? record : JSON.stringify(record), position: index + 1 }));

const supporter = (id: string, extra: object = {}) => ({
  entity: 'supporter',
  op: 'upsert',
  data: { id, handle: `fan_${id}`, firstSeenAt: '2025-11-01T00:00:00Z', ...extra },
});
const gift = (id: string, supporterId: string, tokens: number, extra: object = {}) => ({
  entity: 'activity',
  op: 'upsert',
  data: { id, supporterId, type: 'gift', at: '2025-12-01T12:00:00Z', tokens, ...extra },
});

describe('applying change records', () => {
  it('quarantines invalid JSON, unknown entities and types, and missing fields with their reasons, and applies the rest', () => {
    const core = openCore();
    const outcome = core.applyBatch(
      lines(
        supporter('s1'),
        '{"entity": "supporter", "op": "upsert", "data": {',
        { entity: 'wallet', op: 'upsert', data: { id: 'w1' } },
        { entity: 'activity', op: 'upsert', data: { id: 'a9', supporterId: 's1', type: 'teleport', at: '2025-12-01T12:00:00Z' } },
        { entity: 'activity', op: 'upsert', data: { id: 'a8', supporterId: 's1', type: 'gift' } },
        { entity: 'supporter', op: 'upsert', data: { id: 's2' } },
        gift('a1', 's1', 50),
      ),
      'test',
    );
    expect(outcome.applied).toBe(2);
    expect(outcome.quarantined).toBe(5);
    const reasons = core.stores.quarantine.summary().byReason.map((row) => row.reason).sort();
    expect(reasons).toEqual(
      ['invalid JSON', 'missing field "data.at"', 'missing field "data.handle" (a non-empty string)', 'unknown activity type "teleport"', 'unknown entity "wallet"'].sort(),
    );
    expect(core.stores.stats.stats(0)).toMatchObject({ supporters: 1, activities: 1, quarantined: 5 });
    core.close();
  });

  it('keeps only position, length and reason of text that is not JSON', () => {
    const core = openCore();
    core.applyBatch(lines('not json at all, secret@example.com'), 'test');
    const row = core.db.prepare('SELECT position, length, reason, record FROM quarantine').get();
    expect(row).toEqual({ position: 1, length: 35, reason: 'invalid JSON', record: null });
    core.close();
  });

  it('strips forbidden fields at any depth before writing, and logs only their names and counts', () => {
    const dataDir = tempDir();
    const core = CrmCore.open({ dataDir, clock: () => NOW });
    const outcome = core.applyBatch(
      lines(
        supporter('s1', { email: 'leak-one@example.com', realName: 'Leaky McLeakface', fanClub: { tier: 'gold', active: true, city: 'Leakcity' } }),
        gift('a1', 's1', 5, { deviceInfo: { model: 'LeakPhone 9' }, nested: [{ ipAddress: '203.0.113.77' }] }),
        { entity: 'activity', op: 'upsert', data: { id: 'bad', type: 'gift', phoneNumber: '+1-555-LEAKED', country: 'Leakland' } },
      ),
      'test',
    );
    expect(outcome.droppedForbiddenFields).toBe(7);
    expect(outcome.applied).toBe(2);
    expect(outcome.quarantined).toBe(1);
    const log = core.stores.safetyLog.list(10);
    expect(log).toHaveLength(1);
    expect(log[0]?.detail).toContain('email ×1');
    expect(log[0]?.detail).not.toMatch(/leak/i);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    const bytes = Buffer.concat(fs.readdirSync(dataDir).map((file) => fs.readFileSync(path.join(dataDir, file))));
    for (const secret of ['leak-one@example.com', 'Leaky McLeakface', 'Leakcity', 'LeakPhone', '203.0.113.77', '+1-555-LEAKED', 'Leakland']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });

  it('is idempotent: applying the same records twice gives the same state', () => {
    const core = openCore();
    const batch = lines(supporter('s1'), supporter('s2'), gift('a1', 's1', 10), gift('a2', 's2', 20));
    core.applyBatch(batch, 'test');
    const first = core.stores.stats.stats(0);
    core.applyBatch(batch, 'test');
    expect(core.stores.stats.stats(0)).toEqual(first);
    core.close();
  });

  it('ignores an upsert older than the stored version', () => {
    const core = openCore();
    core.applyBatch(lines(gift('a1', 's1', 10, { version: 3 })), 'test');
    core.applyBatch(lines(gift('a1', 's1', 99, { version: 2 })), 'test');
    expect(core.db.prepare('SELECT tokens FROM activities').get()).toEqual({ tokens: 10 });
    core.applyBatch(lines(gift('a1', 's1', 77, { version: 4 })), 'test');
    expect(core.db.prepare('SELECT tokens FROM activities').get()).toEqual({ tokens: 77 });
    core.close();
  });

  it('deletes records, and a deleted supporter takes their activity along', () => {
    const core = openCore();
    core.applyBatch(lines(supporter('s1'), gift('a1', 's1', 10), gift('a2', 's1', 10)), 'test');
    core.applyBatch(lines({ entity: 'activity', op: 'delete', data: { id: 'a1' } }), 'test');
    expect(core.stores.stats.stats(0)).toMatchObject({ supporters: 1, activities: 1 });
    core.applyBatch(lines({ entity: 'supporter', op: 'delete', data: { id: 's1' } }), 'test');
    expect(core.stores.stats.stats(0)).toMatchObject({ supporters: 0, activities: 0 });
    core.close();
  });

  it('rejects timestamps without a zone and negative tokens', () => {
    const core = openCore();
    const outcome = core.applyBatch(
      lines(gift('a1', 's1', 5, { at: '2025-12-01T12:00:00' }), gift('a2', 's1', -5), gift('a3', 's1', 1.5)),
      'test',
    );
    expect(outcome.quarantined).toBe(3);
    core.close();
  });

  it('quarantines a timestamp that is not strict RFC 3339, names no real instant, or is out of range, each with its reason', () => {
    const core = openCore();
    const outcome = core.applyBatch(
      lines(
        gift('a1', 's1', 5, { at: '0001-01-01T00:00:00Z' }),
        gift('a2', 's1', 5, { at: '0099-06-01T12:00:00Z' }),
        gift('a3', 's1', 5, { at: '2026-02-30T12:00:00Z' }),
        gift('a4', 's1', 5, { at: '2025-12-01T24:00:00Z' }),
        gift('a5', 's1', 5, { at: '2025-12-01T12:00Z' }),
        supporter('s9', { firstSeenAt: '1969-12-31T23:59:59Z' }),
        supporter('s1', { fanClub: { tier: 'gold', active: true, renewsAt: '2026-02-29T00:00:00Z' } }),
        gift('ok', 's1', 5, { at: '2016-12-31T23:59:60Z' }),
      ),
      'test',
    );
    expect(outcome).toMatchObject({ applied: 1, quarantined: 7 });
    const reasons = core.db.prepare('SELECT position, reason FROM quarantine ORDER BY position').all();
    const outOfRange = 'is outside the accepted range, 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z';
    const noSuchTime = 'names a date or time that does not exist (like February 30, 24:00 or a leap second that never was)';
    expect(reasons).toEqual([
      { position: 1, reason: `field "data.at" ${outOfRange}` },
      { position: 2, reason: `field "data.at" ${outOfRange}` },
      { position: 3, reason: `field "data.at" ${noSuchTime}` },
      { position: 4, reason: `field "data.at" ${noSuchTime}` },
      { position: 5, reason: 'field "data.at" must be an RFC 3339 timestamp with seconds and a zone, like 2025-12-03T10:00:00Z' },
      { position: 6, reason: `field "data.firstSeenAt" ${outOfRange}` },
      { position: 7, reason: `field "data.fanClub.renewsAt" ${noSuchTime}` },
    ]);
    expect(core.db.prepare('SELECT at FROM activities').get()).toEqual({ at: Date.UTC(2016, 11, 31, 23, 59, 59, 999) });
    core.close();
  });

  it('does not let a __proto__ key pollute prototypes', () => {
    const core = openCore();
    core.applyBatch(lines('{"entity":"supporter","op":"upsert","data":{"id":"p1","handle":"x","firstSeenAt":"2025-11-01T00:00:00Z","__proto__":{"polluted":true}}}'), 'test');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(core.stores.stats.stats(0).supporters).toBe(1);
    core.close();
  });
});
