import { useState } from 'react';
import { Icon } from '../app/Icon';
import { FormProblem } from './FormProblem';
import { changeMemory } from './memoryActions';
import { useMemoryChange } from './useMemoryChange';
import { tagManagerStore } from './tagManagerStore';

/**
 * This supporter's tags (SPEC §13): labels only — no action ever applies to a tag. Case and spacing
 * do not make a new tag ("big  spender" is "Big spender").
 */
export function TagsCard({ supporterId, tags }: { supporterId: string; tags: string[] }) {
  const [draft, setDraft] = useState('');
  const { busy, problem, run } = useMemoryChange();
  return (
    <section className="card memory-card" aria-label="Tags">
      <div className="card-toolbar">
        <h2>Tags</h2>
        <button type="button" className="link muted" onClick={() => void tagManagerStore.getState().open()}>
          All tags…
        </button>
      </div>
      {tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-chips" aria-label="This supporter's tags">
          {tags.map((tag) => (
            <li key={tag} className="badge tag-chip" data-testid="tag-chip">
              {tag}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag}`}
                disabled={busy}
                onClick={() => void run(() => changeMemory('tags.remove', { supporterId, tag }, `Tag “${tag}” removed.`))}
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => changeMemory('tags.add', { supporterId, tag: draft }, 'Tag added.'), () => setDraft(''));
        }}
      >
        <input type="text" aria-label="New tag" placeholder="Add a tag (letters, digits, spaces, -)" maxLength={64} value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button" disabled={busy || draft.trim() === ''}>
          Add tag
        </button>
      </form>
      <FormProblem problem={problem} />
    </section>
  );
}
