import { ApiFailure } from '../../../../shared/contract/apiResult';
import { SyncConfigError } from '../../sync/syncConfigError';
import type { RequestHandlers } from '../requestHandler';

export const syncHandlers: RequestHandlers<'sync.status' | 'sync.now' | 'sync.connect' | 'sync.disconnect'> = {
  'sync.status': ({ sync }) => sync.status(),
  'sync.now': async ({ sync: service }) => {
    const before = await service.status();
    if (before.state === 'not_configured') throw new ApiFailure('unavailable', 'Connect to the platform first (Settings → Platform connection).');
    // The run's outcome (an unreachable platform included) is in the status, not an error: the console works offline.
    await service.syncNow();
    return service.status();
  },
  'sync.connect': async ({ sync }, { serverUrl, token }) => {
    try {
      return await sync.connect(serverUrl, token);
    } catch (error) {
      if (error instanceof SyncConfigError) throw new ApiFailure('rejected', error.message);
      throw error;
    }
  },
  'sync.disconnect': ({ sync }) => sync.disconnect(),
};
