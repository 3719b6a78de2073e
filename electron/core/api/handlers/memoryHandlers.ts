import { addFollowUp, cancelFollowUp, cancelSnooze, snoozeSupporter } from '../../memory/followUpsAndSnoozes';
import { searchSupporters } from '../../memory/searchSupporters';
import { addNote, deleteNote, editNote, listNotes, NOTES_PAGE } from '../../memory/supporterNotes';
import { addTag, deleteTag, listTags, removeTag, renameTag, TAGS_PAGE } from '../../memory/supporterTags';
import type { RequestHandlers } from '../requestHandler';

type MemoryRequest =
  | 'notes.list'
  | 'notes.add'
  | 'notes.edit'
  | 'notes.delete'
  | 'tags.add'
  | 'tags.remove'
  | 'tags.list'
  | 'tags.rename'
  | 'tags.delete'
  | 'followUps.add'
  | 'followUps.cancel'
  | 'snooze.set'
  | 'snooze.cancel'
  | 'search.supporters';

/** Relationship memory (SPEC §13): notes, tags, follow-ups, snoozes and search, one supporter at a time. */
export const memoryHandlers: RequestHandlers<MemoryRequest> = {
  'notes.list': ({ core }, { supporterId, limit, offset }) => listNotes(core, supporterId, limit ?? NOTES_PAGE, offset ?? 0),
  'notes.add': ({ core }, { supporterId, text }) => addNote(core, supporterId, text),
  'notes.edit': ({ core }, { noteId, text }) => editNote(core, noteId, text),
  'notes.delete': ({ core }, { noteId }) => deleteNote(core, noteId),
  'tags.add': ({ core }, { supporterId, tag }) => addTag(core, supporterId, tag),
  'tags.remove': ({ core }, { supporterId, tag }) => removeTag(core, supporterId, tag),
  'tags.list': ({ core }, { limit, offset }) => listTags(core, limit ?? TAGS_PAGE, offset ?? 0),
  'tags.rename': ({ core }, { tag, to, expectedSupporters }) => renameTag(core, tag, to, expectedSupporters),
  'tags.delete': ({ core }, { tag, expectedSupporters }) => deleteTag(core, tag, expectedSupporters),
  'followUps.add': ({ core }, { supporterId, dueAt, text }) => addFollowUp(core, supporterId, dueAt, text),
  'followUps.cancel': ({ core }, { followUpId }) => cancelFollowUp(core, followUpId),
  'snooze.set': ({ core }, { supporterId, until }) => snoozeSupporter(core, supporterId, until),
  'snooze.cancel': ({ core }, { supporterId }) => cancelSnooze(core, supporterId),
  'search.supporters': (services, input) => searchSupporters(services, input, services.core.clock()),
};
