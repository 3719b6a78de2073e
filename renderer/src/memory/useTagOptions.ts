import { useEffect, useState } from 'react';
import { callApi } from '../api/callApi';

/**
 * The creator's tags, most used first (the first 100), read again whenever `refreshKey` changes:
 * the inbox's tag filter and the tag box's suggestions. `chosen` is offered even when it is not
 * among them (a filter on a tag nobody carries any more).
 */
export function useTagOptions(refreshKey: unknown, chosen: string | null): string[] {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    callApi('tags.list', { limit: 100, offset: 0 }).then(
      (page) => current && setTags(page.tags.map((entry) => entry.tag)),
      // A convenience: without the list the filter and the tag box offer what they have, and the page shows any error itself.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [refreshKey]);
  return chosen !== null && !tags.includes(chosen) ? [chosen, ...tags] : tags;
}
