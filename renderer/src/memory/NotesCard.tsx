import { useState } from 'react';
import type { SupporterNote } from '../../../shared/domain/supporterMemory';
import { callApi } from '../api/callApi';
import { describeApiError } from '../api/describeApiError';
import { formatDateTime } from '../app/formatters';
import { FormProblem } from './FormProblem';
import { changeMemory } from './memoryActions';
import { useMemoryChange } from './useMemoryChange';

/** Characters as the core counts them (code points: an emoji is one). */
const length = (text: string) => [...text.trim()].length;
const MAX_NOTE = 2_000;
const PAGE = 100;

/** A note's text box with its count, shared by "add" and "edit". */
function NoteEditor(props: { value: string; onChange(value: string): void; label: string; id: string }) {
  const count = length(props.value);
  return (
    <div className="note-editor">
      <label htmlFor={props.id} className="sr-only">
        {props.label}
      </label>
      <textarea id={props.id} rows={3} value={props.value} onChange={(event) => props.onChange(event.target.value)} placeholder="A private note: what they like, what to remember…" />
      <span className={count > MAX_NOTE ? 'note-count over' : 'note-count muted'} aria-live="polite">
        {count} / {MAX_NOTE}
      </span>
    </div>
  );
}

function NoteRow({ note }: { note: SupporterNote }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [draft, setDraft] = useState(note.text);
  const { busy, problem, setProblem, run } = useMemoryChange();
  const save = () => run(() => changeMemory('notes.edit', { noteId: note.noteId, text: draft }, 'Note updated.'), () => setMode('view'));
  const remove = () => run(() => changeMemory('notes.delete', { noteId: note.noteId }, 'Note deleted.'));
  return (
    <li className="note" data-testid="note">
      <div className="note-meta muted">
        <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
        {note.updatedAt !== note.createdAt && <span> · edited {formatDateTime(note.updatedAt)}</span>}
      </div>
      {mode === 'edit' ? (
        <>
          <NoteEditor id={`edit-${note.noteId}`} label="Edit the note" value={draft} onChange={setDraft} />
          <div className="form-buttons">
            <button type="button" className="button small" onClick={() => (setMode('view'), setDraft(note.text), setProblem(null))}>
              Cancel
            </button>
            <button type="button" className="button small primary" disabled={busy || length(draft) === 0} onClick={() => void save()}>
              Save
            </button>
          </div>
        </>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      {mode === 'view' && (
        <div className="note-actions">
          <button type="button" className="link" onClick={() => setMode('edit')}>
            Edit
          </button>
          <button type="button" className="link" onClick={() => setMode('confirm-delete')}>
            Delete
          </button>
        </div>
      )}
      {mode === 'confirm-delete' && (
        <div className="note-actions" role="group" aria-label="Delete this note?">
          <span>Delete this note?</span>
          <button type="button" className="button small" onClick={() => setMode('view')}>
            Keep it
          </button>
          <button type="button" className="button small primary" disabled={busy} onClick={() => void remove()}>
            Delete
          </button>
        </div>
      )}
      <FormProblem problem={problem} />
    </li>
  );
}

/**
 * Private notes on this supporter (SPEC §13), newest first. A note with contact details is refused
 * by the core; the reason shows here and what was typed stays in the box to be fixed.
 */
export function NotesCard({ supporterId, notes }: { supporterId: string; notes: SupporterNote[] }) {
  const [draft, setDraft] = useState('');
  const { busy, problem, setProblem, run } = useMemoryChange();
  const [older, setOlder] = useState<SupporterNote[]>([]);
  const [olderState, setOlderState] = useState<'more' | 'loading' | 'all'>('more');
  const add = () => run(() => changeMemory('notes.add', { supporterId, text: draft }, 'Note saved.'), () => setDraft(''));
  const loadOlder = async () => {
    setOlderState('loading');
    try {
      const page = await callApi('notes.list', { supporterId, limit: PAGE, offset: notes.length + older.length });
      setOlder([...older, ...page.notes]);
      setOlderState(page.notes.length < PAGE ? 'all' : 'more');
    } catch (error) {
      setProblem(describeApiError(error).message);
      setOlderState('more');
    }
  };
  return (
    <section className="card memory-card" aria-label="Notes">
      <div className="card-toolbar">
        <h2>Notes</h2>
        <span className="muted">Private to you</span>
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <NoteEditor id="new-note" label="New note" value={draft} onChange={setDraft} />
        <FormProblem problem={problem} />
        <div className="form-buttons">
          <button type="submit" className="button primary" disabled={busy || length(draft) === 0}>
            Add note
          </button>
        </div>
      </form>
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="notes" aria-label="Notes, newest first">
          {[...notes, ...older].map((note) => (
            <NoteRow key={`${note.noteId}:${note.updatedAt}`} note={note} />
          ))}
        </ul>
      )}
      {notes.length === PAGE && olderState !== 'all' && (
        <button type="button" className="button small" disabled={olderState === 'loading'} onClick={() => void loadOlder()}>
          {olderState === 'loading' ? 'Loading…' : 'Show older notes'}
        </button>
      )}
    </section>
  );
}
