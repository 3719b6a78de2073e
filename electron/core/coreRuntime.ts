import type { ApiResult } from '../../shared/contract/apiResult';
import type { CoreEvent } from '../../shared/contract/apiTypes';
import { createRequestHandlers } from './api/createRequestHandlers';
import { invokeRequest } from './api/invokeRequest';
import { createCoreServices, type CoreServices } from './createCoreServices';
import type { CrmCore } from './crmCore';
import { createDemoWorkspace, DEFAULT_DEMO } from './demo/createDemoWorkspace';
import { classifyDatabaseError } from './db/classifyDatabaseError';
import { openCoreWithRecovery, recover } from './recovery/openCoreWithRecovery';
import { startBackgroundWork } from './startBackgroundWork';
import type { CredentialVault } from './sync/credentialVault';
import { hasSavedCredentials } from './sync/hasSavedCredentials';

export type RuntimeLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface CoreRuntimeOptions {
  dataDir: string;
  clock?: () => number;
  createDemoIfEmpty: boolean;
  log?: RuntimeLog;
  /** Where the platform connection is kept; default a 0600 file in the data dir. */
  vault?: CredentialVault;
}

export interface CoreRuntime {
  /** The open core; replaced when a damaged cache is rebuilt mid-session. */
  readonly core: CrmCore;
  /** Its services, built by the composition root; replaced with it. */
  readonly services: CoreServices;
  invoke(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  stop(): Promise<void>;
}

/**
 * The long-running core as the app and the browser host use it: the cache, every service and the
 * schedulers, plus recovery from a damaged cache at start or mid-session. The CLI opens a
 * `CrmCore` directly instead and runs no timers.
 */
export function startCoreRuntime(options: CoreRuntimeOptions): CoreRuntime {
  const log: RuntimeLog = options.log ?? (() => undefined);
  const coreOptions = { dataDir: options.dataDir, clock: options.clock ?? Date.now };
  const handlers = createRequestHandlers();
  const listeners = new Set<(event: CoreEvent) => void>();
  let services: CoreServices;
  let stopBackgroundWork: () => Promise<void> = async () => undefined;
  let recovering = false;

  const start = (core: CrmCore) => {
    core.onEvent((event) => {
      for (const listener of listeners) listener(event);
    });
    services = createCoreServices(core, {
      sync: {
        ...(options.vault ? { vault: options.vault } : {}),
        log: (line) => log('info', line),
        onUnexpectedError: (error) => {
          if (classifyDatabaseError(error) === 'damaged') rebuildAfterDamage(error);
          else log('error', `Sync stopped: ${String(error)}`);
        },
      },
    });
    const connected = services.sync.hasSavedConnection() || hasSavedCredentials(options.dataDir);
    if (options.createDemoIfEmpty && core.stores.workspace.supporterCount() === 0 && !connected) {
      log('info', `Empty workspace: generating demo data (${DEFAULT_DEMO.supporters} supporters over ${DEFAULT_DEMO.days} days).`);
      createDemoWorkspace(core, { ...DEFAULT_DEMO, now: core.clock() });
    }
    stopBackgroundWork = startBackgroundWork(services, { setTimeout, clearTimeout }, log);
  };

  const rebuildAfterDamage = (cause: unknown) => {
    if (recovering) return;
    recovering = true;
    // After the failing request has been answered: close, move the file aside, start fresh.
    setImmediate(() => {
      void stopBackgroundWork()
        .catch(() => undefined)
        .then(() => {
          try {
            services.core.close();
          } catch {
            // A damaged file may fail to close cleanly; it is being moved aside anyway.
          }
          start(recover(coreOptions, cause, (message) => log('warn', message)).core);
          services.core.emit({ kind: 'data_changed', reason: 'import' });
        })
        .catch((error: unknown) => log('error', `Could not rebuild the cache: ${String(error)}`))
        .finally(() => (recovering = false));
    });
  };

  const opened = openCoreWithRecovery(coreOptions, (message) => log('warn', message));
  start(opened.core);

  return {
    get core() {
      return services.core;
    },
    get services() {
      return services;
    },
    invoke: (name, input) =>
      invokeRequest(services, handlers, name, input, (error) => log('error', String((error as Error)?.stack ?? error)), (fault, error) => {
        if (fault === 'damaged') rebuildAfterDamage(error);
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await stopBackgroundWork();
      services.core.close();
    },
  };
}
