import type { ApiResult } from '../../shared/contract/apiResult';
import { createRequestHandlers } from './api/createRequestHandlers';
import { invokeRequest } from './api/invokeRequest';
import { CrmCore } from './crmCore';
import { createDemoWorkspace, DEFAULT_DEMO } from './demo/createDemoWorkspace';
import { installCoreServices, startBackgroundWork } from './installCoreServices';

export interface CoreRuntimeOptions {
  dataDir: string;
  clock?: () => number;
  createDemoIfEmpty: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface CoreRuntime {
  core: CrmCore;
  invoke(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  stop(): Promise<void>;
}

/**
 * The long-running core as the app and the browser host use it: the cache, every service and the
 * schedulers. The CLI opens a `CrmCore` directly instead and runs no timers.
 */
export function startCoreRuntime(options: CoreRuntimeOptions): CoreRuntime {
  const log = options.log ?? (() => undefined);
  const core = CrmCore.open({ dataDir: options.dataDir, clock: options.clock ?? Date.now });
  installCoreServices(core);
  if (options.createDemoIfEmpty && core.stores.workspace.supporterCount() === 0 && !hasPlatformConnection(core)) {
    log('info', `Empty workspace: generating demo data (${DEFAULT_DEMO.supporters} supporters over ${DEFAULT_DEMO.days} days).`);
    createDemoWorkspace(core, { ...DEFAULT_DEMO, now: core.clock() });
  }
  const stopBackgroundWork = startBackgroundWork(core, { setTimeout, clearTimeout }, log);
  const handlers = createRequestHandlers();
  return {
    core,
    invoke: (name, input) => invokeRequest(core, handlers, name, input, (error) => log('error', String((error as Error)?.stack ?? error))),
    async stop() {
      await stopBackgroundWork();
      core.close();
    },
  };
}

function hasPlatformConnection(core: CrmCore): boolean {
  return core.stores.meta.get('syncServerUrl') !== null;
}
