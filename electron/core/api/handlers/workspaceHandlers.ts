import { LATEST_SCHEMA_VERSION } from '../../db/allMigrations';
import { LAST_RECOVERY_META_KEY, type CacheRecovery } from '../../recovery/openCoreWithRecovery';
import type { RequestHandlers } from '../requestHandler';

export const workspaceHandlers: RequestHandlers<'system.ping' | 'workspace.info' | 'workspace.stats'> = {
  'system.ping': () => ({ pong: true }),
  'workspace.info': ({ core }) => {
    const creator = core.stores.workspace.creator();
    return {
      isDemo: core.stores.meta.get('isDemo') === '1',
      creator: creator ? { handle: creator.handle, earnOn: creator.earnOn, timezone: creator.timezone } : null,
      supporters: core.stores.workspace.supporterCount(),
      schemaVersion: LATEST_SCHEMA_VERSION,
      engineVersion: Number(core.stores.meta.get('engineVersion') ?? 0),
      lastSegmentationAt: core.stores.meta.get('lastFullSegmentationAt'),
      dataDir: core.dataDir,
      lastRecovery: parseRecovery(core.stores.meta.get(LAST_RECOVERY_META_KEY)),
    };
  },
  'workspace.stats': ({ core }) => core.stores.stats.stats(core.outbox.pendingCount()),
};

function parseRecovery(stored: string | null): CacheRecovery | null {
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as CacheRecovery;
  } catch {
    return null;
  }
}
