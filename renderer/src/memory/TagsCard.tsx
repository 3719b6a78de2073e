import { FormProblem } from './FormProblem';
import { changeMemory } from './memoryActions';
import { TagEditor } from './TagEditor';
import { useMemoryChange } from './useMemoryChange';
import { tagManagerStore } from './tagManagerStore';

/**
 * This supporter's tags (SPEC §13): labels only — no action ever applies to a tag. Case and spacing
 * do not make a new tag ("big  spender" is "Big spender").
 */
export function TagsCard({ supporterId, tags }: { supporterId: string; tags: string[] }) {
  const { busy, problem, run } = useMemoryChange();
  return (
    <section className="card memory-card" aria-label="Tags">
      <div className="card-toolbar">
        <h2>Tags</h2>
        <button type="button" className="link muted" onClick={() => void tagManagerStore.getState().open()}>
          All tags…
        </button>
      </div>
      <TagEditor
        tags={tags}
        listLabel="This supporter's tags"
        chipTestId="tag-chip"
        busy={busy}
        onRemove={(tag) => void run(() => changeMemory('tags.remove', { supporterId, tag }, `Tag “${tag}” removed.`))}
        onAdd={(tag) => run(() => changeMemory('tags.add', { supporterId, tag }, 'Tag added.'))}
      />
      <FormProblem problem={problem} />
    </section>
  );
}
