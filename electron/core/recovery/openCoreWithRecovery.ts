import { CacheDamagedError, classifyDatabaseError } from '../db/classifyDatabaseError';
import { DatabaseTooNewError } from '../db/runMigrations';
import { CrmCore, type CoreOptions } from '../crmCore';
import { moveDamagedCacheAside } from './moveDamagedCacheAside';

export interface CacheRecovery {
  at: string;
  reason: string;
  movedTo: string;
}

export const LAST_RECOVERY_META_KEY = 'lastRecovery';

/**
 * Opens the workspace; when the cache file is damaged (not a database, corrupt pages), moves it
 * aside and starts on a fresh cache, noting what happened so the UI can explain it. The outbox
 * and credentials live in their own files and are untouched. A cache from a newer app, a locked
 * file or a permissions problem is reported, never moved.
 */
export function openCoreWithRecovery(options: CoreOptions, log: (message: string) => void = () => undefined): { core: CrmCore; recovery: CacheRecovery | null } {
  try {
    return { core: CrmCore.open(options), recovery: null };
  } catch (error) {
    if (error instanceof DatabaseTooNewError || classifyDatabaseError(error) !== 'damaged') throw error;
    return recover(options, error, log);
  }
}

/** Moves the current cache aside and opens a fresh one (also used when damage shows up later, mid-session). */
export function recover(options: CoreOptions, cause: unknown, log: (message: string) => void): { core: CrmCore; recovery: CacheRecovery } {
  const now = (options.clock ?? Date.now)();
  const reason = cause instanceof CacheDamagedError ? cause.detail : cause instanceof Error ? cause.message : String(cause);
  const movedTo = moveDamagedCacheAside(CrmCore.cachePath(options.dataDir), now);
  log(`The cache was damaged (${reason}); moved it to ${movedTo} and started a fresh one.`);
  const core = CrmCore.open(options);
  const recovery: CacheRecovery = { at: new Date(now).toISOString(), reason, movedTo };
  core.stores.meta.set(LAST_RECOVERY_META_KEY, JSON.stringify(recovery));
  return { core, recovery };
}
