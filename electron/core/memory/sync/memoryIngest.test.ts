import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemoryRecord, NoteMemoryRecord } from '../../../../shared/domain/memoryRecords';
import { tempDir } from '../../../../tests/support/tempDir';
import { creator, iso, NOW, openTestCore, supporter } from '../../alerts/alertTestKit';
import { createRequestHandlers } from '../../api/createRequestHandlers';
import { invokeRequest } from '../../api/invokeRequest';
import { createCoreServices } from '../../createCoreServices';
import type { IncomingRecord } from '../../ingest/applyChangeBatch';
import { MEMORY_MOVED_REASON } from '../../ingest/applyChangeBatch';
import { validateMemoryRecord } from '../../ingest/validateMemoryRecord';
import { snoozeId } from '../../store/snoozeStore';
import { supporterTagId } from '../../store/tagStore';
import { compareMemoryRecords } from './compareMemoryRecords';
import { memoryChangeRecord } from './memoryChangeRecord';
import { storedMemoryRecord } from './mergeMemoryRecord';

const WRITER_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const WRITER_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const SECRET = 'Quokkasecret loves the cello';

function noteRecord(over: Partial<NoteMemoryRecord> = {}): NoteMemoryRecord {
  return { entity: 'note', id: 'note-1', supporterId: 's1', text: SECRET, createdAt: NOW, updatedAt: NOW, version: 1, writer: WRITER_A, deleted: false, ...over };
}

/** A note as the platform's feed carries it, with some of its data replaced. */
function wireNote(data: Record<string, unknown> = {}, op: string = 'upsert'): unknown {
  const wire = memoryChangeRecord(noteRecord());
  return { ...wire, op, data: { ...wire.data, ...data } };
}

function workspace() {
  const test = openTestCore(tempDir());
  test.apply([creator(), supporter('s1'), supporter('s2')]);
  const feed = (values: unknown[]) => test.core.applyBatch(values.map((value, position): IncomingRecord => ({ kind: 'value', value, position })), 'sync:test');
  return { ...test, feed, services: createCoreServices(test.core, { observers: 'none' }) };
}

describe('memory records from the feed: validation (docs/sync-protocol.md §9)', () => {
  it('reads every kind back exactly as it was sent: notes, tags, reminders, snoozes, and their deletions', () => {
    const tagId = supporterTagId('s1', 'vip club');
    const records: MemoryRecord[] = [
      noteRecord(),
      noteRecord({ deleted: true, text: null, version: 2, updatedAt: NOW + 1000 }),
      { entity: 'supporter_tag', id: tagId, supporterId: 's1', tagKey: 'vip club', label: 'VIP club', createdAt: NOW, updatedAt: NOW, version: 3, writer: WRITER_B, deleted: false },
      { entity: 'supporter_tag', id: tagId, supporterId: 's1', tagKey: 'vip club', label: 'VIP club', createdAt: NOW, updatedAt: NOW, version: 4, writer: WRITER_B, deleted: true },
      { entity: 'follow_up', kind: 'reminder', id: 'fu-1', supporterId: 's2', dueAt: NOW + 3_600_000, text: 'Ask about the exam', createdAt: NOW, updatedAt: NOW, version: 1, writer: WRITER_A, deleted: false },
      { entity: 'follow_up', kind: 'reminder', id: 'fu-2', supporterId: 's2', dueAt: NOW + 3_600_000, text: null, createdAt: NOW, updatedAt: NOW, version: 2, writer: WRITER_A, deleted: true },
      { entity: 'follow_up', kind: 'snooze', id: snoozeId('s2'), supporterId: 's2', startsAt: NOW, dueAt: NOW + 7_200_000, createdAt: NOW, updatedAt: NOW, version: 5, writer: WRITER_A, deleted: false },
    ];
    for (const record of records) {
      const wire = memoryChangeRecord(record);
      expect(wire.op).toBe(record.deleted ? 'delete' : 'upsert');
      // A deletion carries no private text on the wire.
      if (record.deleted) expect(wire.data).not.toHaveProperty('text');
      expect(validateMemoryRecord(JSON.parse(JSON.stringify(wire)))).toEqual({ ok: true, record });
    }
  });

  it('refuses bad input with a reason that names the field, never the text', () => {
    const cases: [unknown, RegExp][] = [
      [wireNote({ version: 0 }), /"data\.version" must be an integer of 1 or more/],
      [wireNote({ version: -3 }), /"data\.version"/],
      [wireNote({ version: 1.5 }), /"data\.version"/],
      [wireNote({ version: '2' }), /"data\.version"/],
      [wireNote({ version: 2 ** 60 }), /"data\.version"/],
      [wireNote({ version: undefined }), /"data\.version"/],
      [wireNote({ writer: '' }), /"data\.writer"/],
      [wireNote({ writer: 'a writer with spaces' }), /"data\.writer"/],
      [wireNote({ text: `${SECRET} ${'x'.repeat(2_000)}` }), /field "data\.text": The note is 2029 characters; at most 2000 fit/],
      [wireNote({ text: '' }), /missing field "data\.text"|The note is empty/],
      [wireNote({ text: `  ${SECRET}  ` }), /not a note as the console stores one/],
      [wireNote({ text: `${SECRET}\u0007` }), /control characters/],
      [wireNote({ text: 42 }), /missing field "data\.text"/],
      [wireNote({ text: `${SECRET}, call me on 0171 1234567` }), /the note holds contact details \(phone_number\); the text was not kept/],
      [wireNote({ text: `${SECRET} quokka.secret@example.com` }), /the note holds contact details \(email_address\)/],
      [wireNote({}, 'delete'), /a deleted note carries no text/],
      [wireNote({}, 'merge'), /unknown op "merge"/],
      [wireNote({ updatedAt: '2025-02-30T00:00:00Z' }), /"data\.updatedAt" names a date or time that does not exist/],
      [wireNote({ createdAt: undefined }), /missing field "data\.createdAt"/],
      [wireNote({ id: 'x'.repeat(201) }), /"data\.id" is longer than 200 characters/],
      [wireNote({ email: 'quokka.secret@example.com' }), /a note record may carry no identity field \(found email\)/],
      [{ entity: 'note', op: 'upsert' }, /missing field "data"/],
      [{ entity: 'supporter_tag', op: 'upsert', data: { ...memoryChangeRecord(noteRecord()).data, tag: 'VIP club' } }, /"data\.id" is not the id of this supporter and tag/],
      [{ entity: 'supporter_tag', op: 'upsert', data: { ...memoryChangeRecord(noteRecord()).data, tag: 'no!' } }, /"data\.tag" is not a tag/],
      [{ entity: 'follow_up', op: 'upsert', data: { ...memoryChangeRecord(noteRecord()).data, kind: 'snooze', startsAt: iso(NOW), dueAt: iso(NOW) } }, /not the id of this supporter's snooze/],
      [{ entity: 'follow_up', op: 'upsert', data: { ...memoryChangeRecord(noteRecord()).data, kind: 'alarm', dueAt: iso(NOW) } }, /"data\.kind" must be "reminder" or "snooze"/],
      [{ entity: 'follow_up', op: 'upsert', data: { ...memoryChangeRecord(noteRecord()).data, dueAt: 'soon' } }, /"data\.dueAt" must be an RFC 3339 timestamp/],
    ];
    for (const [value, reason] of cases) {
      const checked = validateMemoryRecord(value);
      expect(checked.ok, JSON.stringify(value).slice(0, 120)).toBe(false);
      if (checked.ok) continue;
      expect(checked.reason).toMatch(reason);
      expect(checked.reason).not.toContain('Quokkasecret');
      expect(checked.reason).not.toContain('1234567');
    }
  });
});

describe('memory records from the feed: last writer wins per id', () => {
  it('orders copies by version, then updatedAt, then writer; the same write is an echo', () => {
    const base = noteRecord();
    expect(compareMemoryRecords(noteRecord({ version: 2 }), noteRecord({ version: 1, updatedAt: NOW + 99_000 }))).toBeGreaterThan(0);
    expect(compareMemoryRecords(noteRecord({ updatedAt: NOW + 1 }), base)).toBeGreaterThan(0);
    expect(compareMemoryRecords(noteRecord({ writer: WRITER_B }), base)).toBeGreaterThan(0);
    expect(compareMemoryRecords(noteRecord({ text: 'Another text' }), base)).not.toBe(0);
    expect(compareMemoryRecords({ ...base }, base)).toBe(0);
  });

  it('applies a newer copy, ignores an older one arriving late, and lets a deletion win over the upsert it followed', async () => {
    const test = workspace();
    const v1 = memoryChangeRecord(noteRecord({ text: 'First text' }));
    const v2 = memoryChangeRecord(noteRecord({ text: 'Second text', version: 2, updatedAt: NOW + 1000 }));
    const v3 = memoryChangeRecord(noteRecord({ text: null, deleted: true, version: 3, updatedAt: NOW + 2000 }));
    expect(test.feed([v2]).memory).toMatchObject({ inserted: 1 });
    expect(test.feed([v1]).memory).toMatchObject({ kept: 1 });
    expect(test.core.stores.notes.record('note-1')?.text).toBe('Second text');
    expect(test.feed([v2]).memory).toMatchObject({ echo: 1 });
    expect(test.feed([v3, v1, v2]).memory).toMatchObject({ replaced: 1, kept: 2 });
    expect(test.core.stores.notes.record('note-1')).toMatchObject({ deleted: true, text: null, version: 3 });
    const listed = await invokeRequest(test.services, createRequestHandlers(), 'notes.list', { supporterId: 's1' });
    expect(listed).toEqual({ ok: true, value: { notes: [] } });
    // Nothing from the feed is queued back to the platform: it already has it.
    expect(test.core.outbox.pendingMemoryCount()).toBe(0);
  });

  it('settles a conflict (the same version written on two machines) the same way whichever copy comes first', () => {
    const fromA = memoryChangeRecord(noteRecord({ text: 'Written on A', version: 2, updatedAt: NOW + 5000, writer: WRITER_A }));
    const fromB = memoryChangeRecord(noteRecord({ text: 'Written on B', version: 2, updatedAt: NOW + 4000, writer: WRITER_B }));
    const first = workspace();
    first.feed([fromA, fromB]);
    const second = workspace();
    second.feed([fromB]);
    second.feed([fromA]);
    expect(first.core.stores.notes.record('note-1')?.text).toBe('Written on A');
    expect(second.core.stores.notes.record('note-1')).toEqual(first.core.stores.notes.record('note-1'));
  });

  it('any order, any split into pages and any repeats of the same copies end in the same state: the winner of each id', () => {
    const test = workspace();
    let run = 0;
    const copy = fc.record({ version: fc.integer({ min: 1, max: 4 }), minutes: fc.integer({ min: 0, max: 3 }), writer: fc.constantFrom(WRITER_A, WRITER_B), deleted: fc.boolean(), word: fc.constantFrom('alpha', 'beta') });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), copy), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(4), { maxLength: 4 }), (copies, splits) => {
        run += 1;
        const records = copies.map(([idIndex, c]) =>
          noteRecord({ id: `run${run}-note${idIndex}`, version: c.version, updatedAt: NOW + c.minutes * 60_000, writer: c.writer, deleted: c.deleted, text: c.deleted ? null : `Text ${c.word}` }),
        );
        const winners = new Map<string, MemoryRecord>();
        for (const record of records) {
          const held = winners.get(record.id);
          if (held === undefined || compareMemoryRecords(record, held) > 0) winners.set(record.id, record);
        }
        // Repeats and page splits as a platform that re-delivers would make them.
        const wire = [...records, ...records.slice(0, splits.length)].map(memoryChangeRecord);
        let start = 0;
        for (const size of [...splits, wire.length]) {
          const page = wire.slice(start, start + size + 1);
          start += page.length;
          if (page.length > 0) expect(test.feed(page).quarantined).toBe(0);
        }
        for (const winner of winners.values()) expect(storedMemoryRecord(test.core.stores, winner)).toEqual(winner);
      }),
      { numRuns: 150 },
    );
  });
});

describe('memory records from the feed: bad input is quarantined with its reason and loses nothing else', () => {
  it('quarantines a guarded note, an unknown entity, a bad version, an over-long text and a move to another supporter; the rest of the page applies', async () => {
    const test = workspace();
    const good = memoryChangeRecord(noteRecord({ id: 'note-good', text: 'Loves the cello' }));
    const older = memoryChangeRecord(noteRecord({ id: 'note-guarded', text: 'Asked about the tour' }));
    expect(test.feed([older]).applied).toBe(1);
    const page = [
      good,
      // The same note edited on another machine (an older guard let it through): contact details.
      wireNote({ id: 'note-guarded', text: `${SECRET}, call me on 0171 1234567`, version: 2, updatedAt: iso(NOW + 1000) }),
      { entity: 'supporter_note', op: 'upsert', data: { id: 'n9', supporterId: 's1', text: SECRET } },
      wireNote({ id: 'note-badversion', version: 'two' }),
      wireNote({ id: 'note-long', text: 'y'.repeat(2_001) }),
      memoryChangeRecord(noteRecord({ id: 'note-good', supporterId: 's2', version: 5, text: 'Moved' })),
    ];
    const outcome = test.feed(page);
    expect(outcome).toMatchObject({ applied: 1, quarantined: 5 });
    const reasons = test.core.db.prepare('SELECT reason, record FROM quarantine ORDER BY id').all() as { reason: string; record: string | null }[];
    expect(reasons.map((row) => row.reason)).toEqual([
      'the note holds contact details (phone_number); the text was not kept',
      expect.stringMatching(/unknown entity/),
      'field "data.version" must be an integer of 1 or more',
      'field "data.text": The note is 2001 characters; at most 2000 fit.',
      MEMORY_MOVED_REASON,
    ]);
    // A quarantined memory record keeps its ids and stamp, never its text.
    for (const row of reasons) expect(row.record ?? '').not.toMatch(/Quokkasecret|1234567|yyyy/);
    expect(JSON.parse(reasons[0]?.record ?? '{}')).toMatchObject({ entity: 'note', data: { id: 'note-guarded', supporterId: 's1', version: 2, writer: WRITER_A } });
    // The safety log says which note was held back and why, by kind only.
    const [entry] = test.core.stores.safetyLog.list(10);
    expect(entry).toMatchObject({ kind: 'contact_info_exchange' });
    expect(entry?.detail).toBe('note note-guarded for s1 from sync:test quarantined: phone_number; the text was not kept');
    // What this machine had stays: the good note arrived, the guarded note's earlier text is kept, nothing moved.
    expect(test.core.stores.notes.record('note-good')).toMatchObject({ supporterId: 's1', text: 'Loves the cello' });
    expect(test.core.stores.notes.record('note-guarded')).toMatchObject({ version: 1, text: 'Asked about the tour' });
    const bytes = test.core.db.prepare("SELECT count(*) FROM supporter_notes WHERE text LIKE '%Quokkasecret%'").pluck().get();
    expect(bytes).toBe(0);
  });
});
