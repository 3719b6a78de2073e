import type { CrmCore } from '../crmCore';

/**
 * One memory write as one transaction together with its search documents' refresh, so a note is
 * searchable the moment it is saved; then every window is told (`data_changed`, reason `memory`),
 * unless the write answered `false` (nothing to change: an unknown id, a tag already there).
 */
export function commitMemoryWrite<T>(core: CrmCore, write: () => T): T {
  const result = core.db
    .transaction(() => {
      const value = write();
      core.stores.memorySearch.refresh();
      return value;
    })
    .immediate();
  if (result !== false) core.emit({ kind: 'data_changed', reason: 'memory' });
  return result;
}
