import { useEffect, useRef, useState } from 'react';
import type { TagCount } from '../../../shared/domain/supporterMemory';
import { formatTokens } from '../app/formatters';
import { FormProblem } from './FormProblem';
import { changeMemory } from './memoryActions';
import { useMemoryChange } from './useMemoryChange';
import { tagManagerStore } from './tagManagerStore';

const supportersText = (count: number) => `${formatTokens(count)} supporter${count === 1 ? '' : 's'}`;

/** One tag: rename or delete it everywhere, each confirmed with the count it changes. */
function TagRow({ tag }: { tag: TagCount }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(tag.tag);
  const { busy, problem, run } = useMemoryChange();
  const finish = (change: () => ReturnType<typeof changeMemory>) =>
    run(change, async () => {
      setMode('view');
      await tagManagerStore.getState().load();
    });
  return (
    <li className="tag-row" data-testid="tag-row">
      <div className="tag-row-head">
        <span className="badge tag-chip">{tag.tag}</span>
        <span className="muted">{supportersText(tag.supporters)}</span>
        {mode === 'view' && (
          <span className="tag-row-actions">
            <button type="button" className="link" onClick={() => setMode('rename')}>
              Rename
            </button>
            <button type="button" className="link" onClick={() => setMode('delete')}>
              Delete
            </button>
          </span>
        )}
      </div>
      {mode === 'rename' && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void finish(() => changeMemory('tags.rename', { tag: tag.tag, to: name, expectedSupporters: tag.supporters }, `Tag renamed to “${name.trim()}”.`));
          }}
        >
          <input type="text" aria-label={`New name for ${tag.tag}`} maxLength={64} value={name} onChange={(event) => setName(event.target.value)} />
          <button type="button" className="button small" onClick={() => setMode('view')}>
            Cancel
          </button>
          <button type="submit" className="button small primary" disabled={busy || name.trim() === ''}>
            Rename on {supportersText(tag.supporters)}
          </button>
        </form>
      )}
      {mode === 'delete' && (
        <div className="inline-form" role="group" aria-label={`Delete ${tag.tag}?`}>
          <span>
            Remove “{tag.tag}” from {supportersText(tag.supporters)}?
          </span>
          <button type="button" className="button small" onClick={() => setMode('view')}>
            Keep it
          </button>
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            onClick={() => void finish(() => changeMemory('tags.delete', { tag: tag.tag, expectedSupporters: tag.supporters }, `Tag “${tag.tag}” deleted.`))}
          >
            Delete from {supportersText(tag.supporters)}
          </button>
        </div>
      )}
      <FormProblem problem={problem} />
    </li>
  );
}

/**
 * Every tag in use with its count. Renaming onto an existing tag merges the two. A tag is a label:
 * nothing here acts on the supporters carrying it.
 */
export function TagManagerDialog() {
  const { isOpen, tags, total, problem } = tagManagerStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  return (
    <dialog
      ref={dialogRef}
      className="dialog tag-manager"
      aria-labelledby="tag-manager-title"
      onCancel={(event) => {
        event.preventDefault();
        tagManagerStore.getState().close();
      }}
    >
      <h2 id="tag-manager-title">All tags</h2>
      {problem && (
        <p role="alert" className="dialog-problem">
          {problem}
        </p>
      )}
      {tags.length === 0 ? <p className="muted">No tags in use.</p> : <ul className="tag-rows">{tags.map((tag) => <TagRow key={`${tag.tag}:${tag.supporters}`} tag={tag} />)}</ul>}
      <div className="dialog-buttons">
        {tags.length < total && (
          <button type="button" className="button" onClick={() => void tagManagerStore.getState().load(true)}>
            More tags
          </button>
        )}
        <button type="button" className="button" onClick={() => tagManagerStore.getState().close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
