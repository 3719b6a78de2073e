import type { CrmCore } from '../crmCore';

export const SEARCH_INDEX_OBSERVER = 'search index';

/**
 * Keeps the search documents current as changes are applied: once per applied batch, inside its
 * transaction, the supporters whose handles arrived or changed are indexed in bulk (migration 010).
 */
export function installSearchIndex(core: CrmCore): void {
  core.addObserver({ name: SEARCH_INDEX_OBSERVER, afterBatch: () => core.stores.memorySearch.refresh() });
}
