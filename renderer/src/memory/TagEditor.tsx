import { useId, useState } from 'react';
import { Icon } from '../app/Icon';
import { useTagOptions } from './useTagOptions';

interface TagEditorProps {
  tags: string[];
  /** The chip list's accessible name ("This supporter's tags", "Tags of @anna"). */
  listLabel: string;
  /** The chips' test id, so each place's tests find its own chips. */
  chipTestId: string;
  /** A change is on its way: removing and adding wait for it. */
  busy: boolean;
  onRemove: (tag: string) => void;
  /** Adds the typed tag; resolves true when the core took it, and only then is the box emptied. */
  onAdd: (tag: string) => Promise<boolean>;
}

/**
 * One supporter's tag chips, each with its remove button, and the box that adds one (SPEC §13):
 * the same editor on the profile's Tags card and in the inbox row's dialog. What a refusal says is
 * shown by the place that holds the editor.
 */
export function TagEditor({ tags, listLabel, chipTestId, busy, onRemove, onAdd }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const suggestionsId = useId();
  // The creator's other tags as suggestions, so "Big" offers "Big spender" instead of a near-duplicate.
  const suggestions = useTagOptions(tags.join('\n'), null).filter((tag) => !tags.includes(tag));
  return (
    <>
      {tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-chips" aria-label={listLabel}>
          {tags.map((tag) => (
            <li key={tag} className="badge tag-chip" data-testid={chipTestId}>
              {tag}
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} disabled={busy} onClick={() => onRemove(tag)}>
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
          void onAdd(draft).then((added) => added && setDraft(''));
        }}
      >
        <input
          type="text"
          aria-label="New tag"
          placeholder="Add a tag (letters, digits, spaces, -)"
          maxLength={64}
          list={suggestionsId}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <datalist id={suggestionsId}>
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="submit" className="button" disabled={busy || draft.trim() === ''}>
          Add tag
        </button>
      </form>
    </>
  );
}
