import { LATEST_SCHEMA_VERSION } from '../../db/allMigrations';
import { isDemoWorkspace } from '../../demo/isDemoWorkspace';
import { deleteSetAsideDemos, findSetAsideDemo } from '../../demo/setDemoWorkspaceAside';
import { LAST_RECOVERY_META_KEY, type CacheRecovery } from '../../recovery/openCoreWithRecovery';
import { readOutboxRecovery } from '../../recovery/openOutboxWithRecovery';
import type { RequestHandlers } from '../requestHandler';

export const workspaceHandlers: RequestHandlers<'system.ping' | 'workspace.info' | 'workspace.stats' | 'workspace.deleteDemo'> = {
  'system.ping': () => ({ pong: true }),
  'workspace.info': ({ core }) => {
    const creator = core.stores.workspace.creator();
    return {
      isDemo: isDemoWorkspace(core),
      creator: creator ? { handle: creator.handle, earnOn: creator.earnOn, timezone: creator.timezone } : null,
      supporters: core.stores.workspace.supporterCount(),
      schemaVersion: LATEST_SCHEMA_VERSION,
      engineVersion: Number(core.stores.meta.get('engineVersion') ?? 0),
      lastSegmentationAt: core.stores.meta.get('lastFullSegmentationAt'),
      dataDir: core.dataDir,
      lastRecovery: parseRecovery(core.stores.meta.get(LAST_RECOVERY_META_KEY)),
      lastOutboxRecovery: readOutboxRecovery(core),
      setAsideDemo: findSetAsideDemo(core.dataDir),
    };
  },
  'workspace.stats': ({ core }) => core.stores.stats.stats(core.outbox.pendingCount()),
  'workspace.deleteDemo': ({ core }) => {
    const deleted = deleteSetAsideDemos(core.dataDir);
    core.emit({ kind: 'data_changed', reason: 'import' });
    return { deleted };
  },
};

function parseRecovery(stored: string | null): CacheRecovery | null {
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as CacheRecovery;
  } catch {
    return null;
  }
}
