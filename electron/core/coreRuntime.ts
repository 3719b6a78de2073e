import type { ApiResult } from '../../shared/contract/apiResult';
import type { CoreEvent } from '../../shared/contract/apiTypes';
import { createRequestHandlers } from './api/createRequestHandlers';
import { invokeRequest } from './api/invokeRequest';
import type { CrmCore } from './crmCore';
import { createDemoWorkspace, DEFAULT_DEMO } from './demo/createDemoWorkspace';
import { installCoreServices, startBackgroundWork } from './installCoreServices';
import { classifyDatabaseError, OutboxDamagedError } from './db/classifyDatabaseError';
import { openCoreWithRecovery, recover } from './recovery/openCoreWithRecovery';
import type { CredentialVault } from './sync/credentialVault';
import { hasSavedCredentials } from './sync/hasSavedCredentials';
import { describeOutboxRecovery, salvageOutbox } from './recovery/openOutboxWithRecovery';
import { attachSyncService, hasPlatformConnection, outboxRecoveryAtOpen } from './sync/syncRegistry';
import { holderLabel, tryAcquireWorkspaceLock } from './workspace/workspaceLock';

export type RuntimeLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface CoreRuntimeOptions {
  dataDir: string;
  clock?: () => number;
  createDemoIfEmpty: boolean;
  log?: RuntimeLog;
  /** Where the platform connection is kept; default a 0600 file in the data dir. */
  vault?: CredentialVault;
  /** What holds the workspace while this runtime runs, as another process is told (default "Supporter CRM"). */
  holderName?: string;
}

export interface CoreRuntime {
  /** The open core; replaced when a damaged cache is rebuilt mid-session. */
  readonly core: CrmCore;
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
  // One console per workspace, for its whole life: a second window or browser host on the same
  // folder is refused with who holds it (WorkspaceBusyError), before a byte of the cache is touched.
  const lock = tryAcquireWorkspaceLock(options.dataDir, { kind: 'console', what: options.holderName ?? 'Supporter CRM' });
  if (lock.tookOverFrom) log('info', `Took over the workspace from ${holderLabel(lock.tookOverFrom)}, which ended without closing it.`);
  const coreOptions = { dataDir: options.dataDir, clock: options.clock ?? Date.now, holdsWorkspaceLock: true };
  const handlers = createRequestHandlers();
  const listeners = new Set<(event: CoreEvent) => void>();
  let core: CrmCore;
  let stopBackgroundWork: () => Promise<void> = async () => undefined;
  let recovering = false;

  const start = (opened: CrmCore) => {
    core = opened;
    core.onEvent((event) => {
      for (const listener of listeners) listener(event);
    });
    installCoreServices(core);
    attachSyncService(core, {
      ...(options.vault ? { vault: options.vault } : {}),
      log: (line) => log('info', line),
      onUnexpectedError: (error) => {
        const fault = classifyDatabaseError(error);
        if (fault === 'damaged' || fault === 'outbox_damaged') rebuildAfterDamage(error);
        else log('error', `Sync stopped: ${String(error)}`);
      },
    });
    const outboxRecovery = outboxRecoveryAtOpen(core);
    if (outboxRecovery) log('warn', describeOutboxRecovery(outboxRecovery));
    const connected = hasPlatformConnection(core) || hasSavedCredentials(options.dataDir);
    if (options.createDemoIfEmpty && core.stores.workspace.supporterCount() === 0 && !connected) {
      log('info', `Empty workspace: generating demo data (${DEFAULT_DEMO.supporters} supporters over ${DEFAULT_DEMO.days} days).`);
      createDemoWorkspace(core, { ...DEFAULT_DEMO, now: core.clock() });
    }
    stopBackgroundWork = startBackgroundWork(core, { setTimeout, clearTimeout }, log);
  };

  const rebuildAfterDamage = (cause: unknown) => {
    if (recovering) return;
    recovering = true;
    // After the failing request has been answered: close, then mend what is damaged — the outbox
    // is salvaged (the cache is fine), the cache is moved aside and started fresh.
    setImmediate(() => {
      void stopBackgroundWork()
        .catch(() => undefined)
        .then(() => {
          try {
            core.close();
          } catch {
            // A damaged file may fail to close cleanly; it is being moved aside anyway.
          }
          if (cause instanceof OutboxDamagedError) {
            const reopened = openCoreWithRecovery(coreOptions, (message) => log('warn', message)).core;
            const report = salvageOutbox(reopened, cause.detail);
            log('warn', describeOutboxRecovery(report));
            start(reopened);
          } else {
            start(recover(coreOptions, cause, (message) => log('warn', message)).core);
          }
          core.emit({ kind: 'data_changed', reason: 'import' });
        })
        .catch((error: unknown) => log('error', `Could not repair the workspace: ${String(error)}`))
        .finally(() => (recovering = false));
    });
  };

  try {
    const opened = openCoreWithRecovery(coreOptions, (message) => log('warn', message));
    start(opened.core);
  } catch (error) {
    lock.release();
    throw error;
  }

  return {
    get core() {
      return core;
    },
    invoke: (name, input) =>
      invokeRequest(core, handlers, name, input, (error) => log('error', String((error as Error)?.stack ?? error)), (fault, error) => {
        if (fault === 'damaged' || fault === 'outbox_damaged') rebuildAfterDamage(error);
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      try {
        await stopBackgroundWork();
        core.close();
      } finally {
        lock.release();
      }
    },
  };
}
