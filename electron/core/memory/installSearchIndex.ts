import type { ChangeObserver, CrmCore } from '../crmCore';

export const SEARCH_INDEX_OBSERVER = 'search index';

/**
 * Keeps the search documents current as changes are applied: once per applied batch, inside its
 * transaction, the supporters whose handles arrived or changed are indexed in bulk (migration 011).
 */
export function installSearchIndex(core: CrmCore, wrap: (observer: ChangeObserver) => ChangeObserver = (observer) => observer): void {
  core.addObserver(wrap({ name: SEARCH_INDEX_OBSERVER, afterBatch: () => core.stores.memorySearch.refresh() }));
}
