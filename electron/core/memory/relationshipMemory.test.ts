import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../shared/contract/apiResult';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, HOUR_MS, iso, NOW, openTestCore, supporter } from '../alerts/alertTestKit';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices } from '../createCoreServices';
import { addFollowUp, cancelFollowUp, cancelSnooze, snoozeSupporter } from './followUpsAndSnoozes';
import { readSupporterMemory } from './readSupporterMemory';
import { addNote, deleteNote, editNote, listNotes } from './supporterNotes';
import { addTag, deleteTag, listTags, removeTag, renameTag } from './supporterTags';

function workspace() {
  const test = openTestCore(tempDir());
  const services = createCoreServices(test.core);
  test.apply([creator(), supporter('s1'), supporter('s2'), supporter('s3'), activity('s1', 'gift', NOW - DAY_MS, { tokens: 40 })]);
  return { ...test, services };
}

/** The failure a call throws, to check its code and message. */
function failureOf(call: () => unknown): ApiFailure {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function rowCounts(test: ReturnType<typeof workspace>) {
  const count = (table: string) => test.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return { notes: count('supporter_notes'), followUps: count('follow_ups'), memoryDocs: count('supporter_memory_docs') };
}

describe('notes', () => {
  it('adds, edits and deletes notes, listing them newest first with their times', () => {
    const test = workspace();
    const first = addNote(test.core, 's1', '  Loves the Friday cooking streams  ');
    expect(first).toEqual({ noteId: expect.any(String), supporterId: 's1', createdAt: iso(NOW) });
    test.clock.now = NOW + HOUR_MS;
    const second = addNote(test.core, 's1', 'Birthday is 2026-03-04 🎂');
    expect(listNotes(test.core, 's1').notes.map((note) => note.text)).toEqual(['Birthday is 2026-03-04 🎂', 'Loves the Friday cooking streams']);

    test.clock.now = NOW + 2 * HOUR_MS;
    expect(editNote(test.core, first.noteId, 'Loves the Sunday cooking streams')).toEqual({ noteId: first.noteId, updatedAt: iso(NOW + 2 * HOUR_MS) });
    const [newest, oldest] = listNotes(test.core, 's1').notes;
    expect(newest?.noteId).toBe(second.noteId);
    expect(oldest).toEqual({ noteId: first.noteId, text: 'Loves the Sunday cooking streams', createdAt: iso(NOW), updatedAt: iso(NOW + 2 * HOUR_MS) });

    expect(deleteNote(test.core, second.noteId)).toEqual({ noteId: second.noteId, deleted: true });
    expect(listNotes(test.core, 's1').notes.map((note) => note.noteId)).toEqual([first.noteId]);
    expect(failureOf(() => deleteNote(test.core, second.noteId)).code).toBe('not_found');
    expect(failureOf(() => editNote(test.core, second.noteId, 'again')).code).toBe('not_found');
    expect(test.events.filter((event) => event.kind === 'data_changed' && event.reason === 'memory')).toHaveLength(4);
  });

  it('keeps a deleted note as a tombstone without its text, its version raised, to carry the deletion to other machines', () => {
    const test = workspace();
    const { noteId } = addNote(test.core, 's1', 'First version');
    editNote(test.core, noteId, 'Second version');
    expect(test.core.stores.notes.record(noteId)).toMatchObject({ text: 'Second version', version: 2, deleted: false });
    test.clock.now = NOW + DAY_MS;
    deleteNote(test.core, noteId);
    expect(test.core.stores.notes.record(noteId)).toEqual({
      entity: 'note',
      id: noteId,
      supporterId: 's1',
      text: null,
      createdAt: NOW,
      updatedAt: NOW + DAY_MS,
      version: 3,
      deleted: true,
      writer: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const onDisk = test.core.db.prepare('SELECT count(*) FROM supporter_notes WHERE text LIKE ?').pluck().get('%version%');
    expect(onDisk).toBe(0);
  });

  it('takes 1 to 2,000 characters, counted as characters (an emoji is one), and refuses empty text and control characters', () => {
    const test = workspace();
    expect(addNote(test.core, 's1', '💎'.repeat(2_000)).noteId).toEqual(expect.any(String));
    expect(failureOf(() => addNote(test.core, 's1', 'x'.repeat(2_001)))).toMatchObject({ code: 'invalid_input', message: 'The note is 2001 characters; at most 2000 fit.' });
    expect(failureOf(() => addNote(test.core, 's1', '   \n  ')).message).toBe('The note is empty.');
    expect(failureOf(() => addNote(test.core, 's1', 'hidden\u0000text')).code).toBe('invalid_input');
    expect(addNote(test.core, 's1', 'line one\r\nline two\ttabbed').noteId).toEqual(expect.any(String));
    expect(listNotes(test.core, 's1').notes[0]?.text).toBe('line one\nline two\ttabbed');
  });

  it('refuses a note holding contact details, naming the kind: nothing stored, a safety-log entry without the text', () => {
    const test = workspace();
    const before = rowCounts(test);
    const failure = failureOf(() => addNote(test.core, 's2', 'Wants to chat on telegram @anna_b or call +49 171 1234567'));
    expect(failure.code).toBe('rejected');
    expect(failure.message).toBe(
      'This note contains a handle on another network and a phone number. Contact details cannot be kept in the CRM: contact stays on the platform. Nothing was saved.',
    );
    expect(rowCounts(test)).toEqual(before);
    const [entry] = test.core.stores.safetyLog.list(5);
    expect(entry).toMatchObject({ kind: 'contact_info_exchange', detail: 'note for s2 refused: social_handle, phone_number; the text was not kept' });
    expect(JSON.stringify(test.core.stores.safetyLog.list(50))).not.toMatch(/anna_b|1234567|telegram/);
  });

  it('refuses an edit that adds contact details and keeps the note as it was', () => {
    const test = workspace();
    const { noteId } = addNote(test.core, 's1', 'Likes jazz');
    expect(failureOf(() => editNote(test.core, noteId, 'Likes jazz, anna at gmail dot com')).code).toBe('rejected');
    expect(test.core.stores.notes.record(noteId)).toMatchObject({ text: 'Likes jazz', version: 1 });
  });

  it('answers an unknown supporter with not_found', () => {
    const test = workspace();
    expect(failureOf(() => addNote(test.core, 'nobody', 'hello')).code).toBe('not_found');
    expect(failureOf(() => listNotes(test.core, 'nobody')).code).toBe('not_found');
  });

  it('pages through more than 100 notes, newest first', () => {
    const test = workspace();
    for (let index = 0; index < 130; index += 1) {
      test.clock.now = NOW + index * 1000;
      addNote(test.core, 's3', `Note number ${index}`);
    }
    const first = listNotes(test.core, 's3').notes;
    expect(first).toHaveLength(100);
    expect(first[0]?.text).toBe('Note number 129');
    expect(listNotes(test.core, 's3', 100, 100).notes.map((note) => note.text)).toEqual(Array.from({ length: 30 }, (_, index) => `Note number ${29 - index}`));
    expect(readSupporterMemory(test.core, 's3', test.clock.now).notes).toHaveLength(100);
  });
});

describe('tags', () => {
  it('folds case and spacing: "Big spender" and "big  spender " are one tag, shown as first written; adding it twice changes nothing', () => {
    const test = workspace();
    expect(addTag(test.core, 's1', 'Big spender')).toEqual({ supporterId: 's1', tags: ['Big spender'] });
    expect(addTag(test.core, 's2', '  big   spender ')).toEqual({ supporterId: 's2', tags: ['Big spender'] });
    expect(addTag(test.core, 's1', 'BIG SPENDER')).toEqual({ supporterId: 's1', tags: ['Big spender'] });
    expect(addTag(test.core, 's1', 'Night-owl')).toEqual({ supporterId: 's1', tags: ['Big spender', 'Night-owl'] });
    expect(addTag(test.core, 's1', 'Café crew 2')).toEqual({ supporterId: 's1', tags: ['Big spender', 'Café crew 2', 'Night-owl'] });
    expect(listTags(test.core)).toEqual({
      tags: [
        { tag: 'Big spender', supporters: 2 },
        { tag: 'Café crew 2', supporters: 1 },
        { tag: 'Night-owl', supporters: 1 },
      ],
      total: 3,
    });
    expect(test.core.stores.tags.supporterIdsWithTag('big spender')).toEqual(['s1', 's2']);
  });

  it('takes 1–32 letters, digits, spaces and "-" only', () => {
    const test = workspace();
    expect(failureOf(() => addTag(test.core, 's1', 'x'.repeat(33))).message).toBe('A tag is at most 32 characters (this one has 33).');
    expect(addTag(test.core, 's1', 'é'.repeat(32)).tags).toHaveLength(1);
    for (const bad of ['', '   ', '---', 'vip!', 'big_spender', '💎 whale', 'a/b']) {
      expect(failureOf(() => addTag(test.core, 's1', bad)).code, JSON.stringify(bad)).toBe('invalid_input');
    }
    // Any whitespace is a space once folded.
    expect(addTag(test.core, 's2', 'tab\there').tags).toEqual(['tab here']);
  });

  it('removes a tag from one supporter; removing one they do not carry is not_found', () => {
    const test = workspace();
    addTag(test.core, 's1', 'Regular');
    addTag(test.core, 's2', 'Regular');
    expect(removeTag(test.core, 's1', 'regular')).toEqual({ supporterId: 's1', tags: [] });
    expect(failureOf(() => removeTag(test.core, 's1', 'Regular')).code).toBe('not_found');
    expect(listTags(test.core).tags).toEqual([{ tag: 'Regular', supporters: 1 }]);
    addTag(test.core, 's1', 'regular');
    expect(test.core.db.prepare("SELECT version, deletedAt FROM supporter_tags WHERE supporterId = 's1'").get()).toEqual({ version: 3, deletedAt: null });
  });

  it('renames a tag everywhere once the creator confirms its count; a stale count is refused and changes nothing', () => {
    const test = workspace();
    for (const id of ['s1', 's2', 's3']) addTag(test.core, id, 'gamer');
    expect(failureOf(() => renameTag(test.core, 'Gamer', 'Gamers', 2))).toMatchObject({
      code: 'rejected',
      message: '"gamer" is on 3 supporters, not 2: check the count and confirm the rename again.',
    });
    expect(listTags(test.core).tags).toEqual([{ tag: 'gamer', supporters: 3 }]);
    expect(renameTag(test.core, 'gamer', 'Gamers', 3)).toEqual({ tag: 'gamer', renamedTo: 'Gamers', supporters: 3 });
    expect(listTags(test.core).tags).toEqual([{ tag: 'Gamers', supporters: 3 }]);
    expect(renameTag(test.core, 'gamers', 'GAMERS', 3)).toEqual({ tag: 'Gamers', renamedTo: 'GAMERS', supporters: 3 });
    expect(addTag(test.core, 's1', 'gamers').tags).toEqual(['GAMERS']);
    expect(failureOf(() => renameTag(test.core, 'nothing', 'x', 0)).code).toBe('not_found');
  });

  it('merges a tag renamed onto an existing one, each supporter once', () => {
    const test = workspace();
    addTag(test.core, 's1', 'whale');
    addTag(test.core, 's2', 'whale');
    addTag(test.core, 's2', 'Big spender');
    expect(renameTag(test.core, 'whale', 'big spender', 2)).toEqual({ tag: 'whale', renamedTo: 'big spender', supporters: 2 });
    expect(listTags(test.core).tags).toEqual([{ tag: 'big spender', supporters: 2 }]);
    expect(readSupporterMemory(test.core, 's2', NOW).tags).toEqual(['big spender']);
  });

  it('deletes a tag from every supporter once the count is confirmed', () => {
    const test = workspace();
    addTag(test.core, 's1', 'Shy');
    addTag(test.core, 's2', 'Shy');
    expect(failureOf(() => deleteTag(test.core, 'shy', 1)).code).toBe('rejected');
    expect(deleteTag(test.core, 'shy', 2)).toEqual({ tag: 'Shy', supporters: 2, deleted: true });
    expect(listTags(test.core)).toEqual({ tags: [], total: 0 });
    expect(readSupporterMemory(test.core, 's1', NOW).tags).toEqual([]);
  });
});

describe('follow-ups and snoozes', () => {
  it('sets a follow-up at a future time with optional private text, shows it on the profile, and cancels it', () => {
    const test = workspace();
    const later = addFollowUp(test.core, 's1', iso(NOW + 3 * HOUR_MS), 'Ask how the exams went');
    expect(later).toEqual({ followUpId: expect.any(String), supporterId: 's1', dueAt: iso(NOW + 3 * HOUR_MS) });
    const sooner = addFollowUp(test.core, 's1', '2025-12-03T11:00:00+00:00');
    expect(readSupporterMemory(test.core, 's1', NOW).followUps).toEqual([
      { followUpId: sooner.followUpId, dueAt: iso(NOW + HOUR_MS), text: null, createdAt: iso(NOW) },
      { followUpId: later.followUpId, dueAt: iso(NOW + 3 * HOUR_MS), text: 'Ask how the exams went', createdAt: iso(NOW) },
    ]);
    expect(cancelFollowUp(test.core, later.followUpId)).toEqual({ followUpId: later.followUpId, cancelled: true });
    expect(test.core.db.prepare('SELECT text, version FROM follow_ups WHERE id = ?').get(later.followUpId)).toEqual({ text: null, version: 2 });
    expect(readSupporterMemory(test.core, 's1', NOW).followUps.map((followUp) => followUp.followUpId)).toEqual([sooner.followUpId]);
    expect(failureOf(() => cancelFollowUp(test.core, later.followUpId)).code).toBe('not_found');
  });

  it('refuses a time in the past, without a zone, or more than five years ahead, and guards the text like a note', () => {
    const test = workspace();
    expect(failureOf(() => addFollowUp(test.core, 's1', iso(NOW))).message).toBe('A follow-up must be in the future (now is 2025-12-03T10:00:00.000Z)');
    expect(failureOf(() => addFollowUp(test.core, 's1', '2025-12-04T10:00:00')).code).toBe('invalid_input');
    expect(failureOf(() => addFollowUp(test.core, 's1', iso(NOW + 6 * 365 * DAY_MS))).code).toBe('invalid_input');
    const failure = failureOf(() => addFollowUp(test.core, 's1', iso(NOW + DAY_MS), 'text her on 0171 1234567'));
    expect(failure).toMatchObject({ code: 'rejected', message: expect.stringContaining('This follow-up text contains a phone number') });
    expect(test.core.stores.safetyLog.list(1)[0]?.detail).toBe('follow-up text for s1 refused: phone_number; the text was not kept');
    expect(rowCounts(test).followUps).toBe(0);
  });

  it('answers which follow-ups are due in (a, b]', () => {
    const test = workspace();
    const at = (hours: number) => addFollowUp(test.core, 's2', iso(NOW + hours * HOUR_MS)).followUpId;
    const [one, two, three] = [at(1), at(2), at(3)];
    cancelFollowUp(test.core, two);
    const due = (from: number, to: number) => test.core.stores.followUps.dueBetween(NOW + from * HOUR_MS, NOW + to * HOUR_MS).map((followUp) => followUp.id);
    expect(due(1, 3)).toEqual([three]);
    expect(due(0, 1)).toEqual([one]);
    expect(due(0, 3)).toEqual([one, three]);
    expect(due(3, 10)).toEqual([]);
  });

  it('snoozes a supporter from now until T, replaces a snooze, and cancels it', () => {
    const test = workspace();
    expect(snoozeSupporter(test.core, 's1', iso(NOW + DAY_MS))).toEqual({ supporterId: 's1', snoozedUntil: iso(NOW + DAY_MS) });
    const { snoozes } = test.core.stores;
    expect([snoozes.isSnoozed('s1', NOW - 1), snoozes.isSnoozed('s1', NOW), snoozes.isSnoozed('s1', NOW + DAY_MS - 1), snoozes.isSnoozed('s1', NOW + DAY_MS)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(snoozes.snoozedSupporterIds(NOW + HOUR_MS)).toEqual(['s1']);
    expect(readSupporterMemory(test.core, 's1', NOW).snoozedUntil).toBe(iso(NOW + DAY_MS));
    expect(readSupporterMemory(test.core, 's1', NOW + 2 * DAY_MS).snoozedUntil).toBeNull();

    snoozeSupporter(test.core, 's1', iso(NOW + 2 * HOUR_MS));
    expect(readSupporterMemory(test.core, 's1', NOW).snoozedUntil).toBe(iso(NOW + 2 * HOUR_MS));
    expect(cancelSnooze(test.core, 's1')).toEqual({ supporterId: 's1', snoozedUntil: null });
    expect(snoozes.isSnoozed('s1', NOW + HOUR_MS)).toBe(false);
    expect(test.core.db.prepare("SELECT version, deletedAt IS NOT NULL AS gone FROM supporter_snoozes WHERE supporterId = 's1'").get()).toEqual({ version: 3, gone: 1 });
    expect(failureOf(() => cancelSnooze(test.core, 's1')).code).toBe('not_found');
    expect(failureOf(() => snoozeSupporter(test.core, 's1', iso(NOW + 400 * DAY_MS))).message).toBe('A snooze is at most 365 days ahead');
  });
});

describe('the profile and the API', () => {
  it('profile.get carries notes, tags, follow-ups and the snooze; every memory request answers through the contract', async () => {
    const test = workspace();
    const handlers = createRequestHandlers();
    const call = async (name: string, input: unknown) => {
      const result = await invokeRequest(test.services, handlers, name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    await call('notes.add', { supporterId: 's1', text: 'Prefers evening streams' });
    await call('tags.add', { supporterId: 's1', tag: 'Night owl' });
    await call('followUps.add', { supporterId: 's1', dueAt: iso(NOW + DAY_MS), text: 'Say thanks for the gift' });
    await call('snooze.set', { supporterId: 's1', until: iso(NOW + HOUR_MS) });
    expect(await call('profile.get', { supporterId: 's1' })).toMatchObject({
      supporterId: 's1',
      notes: [{ text: 'Prefers evening streams', createdAt: iso(NOW), updatedAt: iso(NOW) }],
      tags: ['Night owl'],
      followUps: [{ dueAt: iso(NOW + DAY_MS), text: 'Say thanks for the gift' }],
      snoozedUntil: iso(NOW + HOUR_MS),
    });
    expect(await call('profile.get', { supporterId: 's2' })).toMatchObject({ notes: [], tags: [], followUps: [], snoozedUntil: null });
    const refused = await invokeRequest(test.services, handlers, 'notes.add', { supporterId: 's1', text: 'anna.b@example.com' });
    expect(refused).toEqual({ ok: false, error: { code: 'rejected', message: expect.stringContaining('an e-mail address') } });
  });
});
