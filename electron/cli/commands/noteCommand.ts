import type { NoteAdded, NoteDeleted, NoteEdited, SupporterNote } from '../../../shared/domain/supporterMemory';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption, requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';
import { requireTextOption } from './requireTextOption';

const USAGE = 'note add SUPPORTER_ID --text T | note edit NOTE_ID --text T | note delete NOTE_ID | note list SUPPORTER_ID [--limit N] [--offset N]';

/**
 * SPEC §13 notes: private to the creator, one supporter at a time. A note holding contact details
 * is refused: the command exits non-zero with the reason on stderr and nothing on stdout.
 */
export const noteCommand: CliCommand = {
  name: 'note',
  usage: USAGE,
  summary: 'adds, edits, deletes or lists one supporter\'s private notes (newest first, at most 100 per page)',
  // `note list` only reads; add, edit and delete write.
  writes: (_options, args) => args[0] !== 'list',
  valueOptions: ['text', 'limit', 'offset'],
  run({ args, options, openWorkspace }) {
    const [verb] = args;
    switch (verb) {
      case 'add':
        return invokeCoreRequest(openWorkspace(), 'notes.add', { supporterId: requirePositional(args, 1, 'SUPPORTER_ID'), text: requireTextOption(options, 'text', 'the note') });
      case 'edit':
        return invokeCoreRequest(openWorkspace(), 'notes.edit', { noteId: requirePositional(args, 1, 'NOTE_ID'), text: requireTextOption(options, 'text', 'the note') });
      case 'delete':
        return invokeCoreRequest(openWorkspace(), 'notes.delete', { noteId: requirePositional(args, 1, 'NOTE_ID') });
      case 'list': {
        const limit = requireIntegerOption(options, 'limit', 100, { min: 1, max: 100 });
        const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
        return invokeCoreRequest(openWorkspace(), 'notes.list', { supporterId: requirePositional(args, 1, 'SUPPORTER_ID'), limit, offset });
      }
      default:
        throw new CliUsageError(verb === undefined ? 'say what to do: add, edit, delete or list' : `unknown note command "${verb}"`);
    }
  },
  formatHuman(result) {
    if (typeof result === 'object' && result !== null && 'notes' in result) {
      const { notes } = result as { notes: SupporterNote[] };
      if (notes.length === 0) return 'No notes.';
      return notes.map((note) => `${note.createdAt}${note.updatedAt === note.createdAt ? '' : ` (edited ${note.updatedAt})`}  [${note.noteId}]\n  ${note.text.replace(/\n/g, '\n  ')}`).join('\n');
    }
    const done = result as NoteAdded | NoteEdited | NoteDeleted;
    if ('deleted' in done) return `Deleted note ${done.noteId}.`;
    if ('createdAt' in done) return `Added note ${done.noteId} for ${done.supporterId} at ${done.createdAt}.`;
    return `Updated note ${done.noteId} at ${done.updatedAt}.`;
  },
};
