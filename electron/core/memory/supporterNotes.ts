import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../../../shared/contract/apiResult';
import type { NoteMemoryRecord } from '../../../shared/domain/memoryRecords';
import type { SupporterNote } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import type { StoredNote } from '../store/noteStore';
import { acceptMemoryText } from './acceptMemoryText';
import { commitMemoryWrite } from './commitMemoryWrite';
import { requireSupporter } from './requireSupporter';

/** Notes per page: the profile shows the newest page, `notes.list` pages through the rest (SPEC §9: pages of at most 100). */
export const NOTES_PAGE = 100;

const iso = (ms: number) => new Date(ms).toISOString();

export function noteView(note: StoredNote): SupporterNote {
  return { noteId: note.id, text: note.text, createdAt: iso(note.createdAt), updatedAt: iso(note.updatedAt) };
}

function requireNote(core: CrmCore, noteId: string): StoredNote {
  const note = core.stores.notes.get(noteId);
  if (note === null) throw new ApiFailure('not_found', `No note with id "${noteId.slice(0, 80)}"`);
  return note;
}

/** The stored note as a record, if it is live; a deleted or unknown note is "not found". */
function liveNoteRecord(core: CrmCore, noteId: string): NoteMemoryRecord {
  const stored = core.stores.notes.record(noteId);
  if (stored === null || stored.deleted) throw new ApiFailure('not_found', `No note with id "${noteId.slice(0, 80)}"`);
  return stored;
}

/** `note add`: a new private note on one supporter, unless the guard finds contact details in it. */
export function addNote(core: CrmCore, supporterId: string, input: string): { noteId: string; supporterId: string; createdAt: string } {
  const now = core.clock();
  requireSupporter(core, supporterId);
  const text = acceptMemoryText(core, input, 'note', supporterId, now);
  const noteId = randomUUID();
  return commitMemoryWrite(core, (stamp) => {
    const record: NoteMemoryRecord = { entity: 'note', id: noteId, supporterId, text, deleted: false, ...stamp(null) };
    return { records: [record], result: { noteId, supporterId, createdAt: iso(record.createdAt) } };
  });
}

/** `note edit`: replaces a note's text (guarded like a new note: a refused edit leaves the old text). */
export function editNote(core: CrmCore, noteId: string, input: string): { noteId: string; updatedAt: string } {
  const note = requireNote(core, noteId);
  const text = acceptMemoryText(core, input, 'note', note.supporterId, core.clock());
  return commitMemoryWrite(core, (stamp) => {
    const stored = liveNoteRecord(core, noteId);
    const record: NoteMemoryRecord = { ...stored, text, ...stamp(stored) };
    return { records: [record], result: { noteId, updatedAt: iso(record.updatedAt) } };
  });
}

/** `note delete`: the note's text is removed at once, here and from every copy queued for the platform; a tombstone carries the deletion. */
export function deleteNote(core: CrmCore, noteId: string): { noteId: string; deleted: true } {
  return commitMemoryWrite(core, (stamp) => {
    const stored = liveNoteRecord(core, noteId);
    return { records: [{ ...stored, text: null, deleted: true, ...stamp(stored) }], result: { noteId, deleted: true as const } };
  });
}

/** `note list`: a page of a supporter's notes, newest first. */
export function listNotes(core: CrmCore, supporterId: string, limit = NOTES_PAGE, offset = 0): { notes: SupporterNote[] } {
  requireSupporter(core, supporterId);
  return { notes: core.stores.notes.list(supporterId, limit, offset).map(noteView) };
}
