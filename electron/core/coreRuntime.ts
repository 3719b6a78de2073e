import { apiContract } from '../../shared/contract/apiContract';
import { fail, type ApiResult } from '../../shared/contract/apiResult';
import type { CoreEvent, SetAsideDemo } from '../../shared/contract/apiTypes';
import { createRequestHandlers } from './api/createRequestHandlers';
import { CONSOLE_WORDING, invokeRequest } from './api/invokeRequest';
import { createCoreServices, type CoreServiceOptions, type CoreServices } from './createCoreServices';
import type { CrmCore } from './crmCore';
import { createDemoWorkspace, DEFAULT_DEMO } from './demo/createDemoWorkspace';
import { isDemoWorkspace } from './demo/isDemoWorkspace';
import { setDemoWorkspaceAside } from './demo/setDemoWorkspaceAside';
import { classifyDatabaseError, OutboxDamagedError } from './db/classifyDatabaseError';
import { openCoreWithRecovery, recover } from './recovery/openCoreWithRecovery';
import type { CredentialVault, PlatformCredentials } from './sync/credentialVault';
import { HttpPlatformClient } from './sync/platformClient';
import { SyncConfigError } from './sync/syncConfigError';
import { testPlatformConnection } from './sync/testPlatformConnection';
import { validateServerUrl } from './sync/validateServerUrl';
import { hasSavedCredentials } from './sync/hasSavedCredentials';
import { describeOutboxRecovery, salvageOutbox } from './recovery/openOutboxWithRecovery';
import { startBackgroundWork } from './startBackgroundWork';
import { holderLabel, tryAcquireWorkspaceLock } from './db/workspaceLock';

/** A connection dialog should not wait as long as a sync request may. */
const CONNECTION_TEST_TIMEOUT_MS = 10_000;

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
  /** Wraps each change observer as it is registered (`crm bench` times them during its first sync). */
  wrapObserver?: CoreServiceOptions['wrapObserver'];
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
  // One console per workspace, for its whole life: a second window or browser host on the same
  // folder is refused with who holds it (WorkspaceBusyError), before a byte of the cache is touched.
  const lock = tryAcquireWorkspaceLock(options.dataDir, { kind: 'console', what: options.holderName ?? 'Supporter CRM' });
  if (lock.tookOverFrom) log('info', `Took over the workspace from ${holderLabel(lock.tookOverFrom)}, which ended without closing it.`);
  const coreOptions = { dataDir: options.dataDir, clock: options.clock ?? Date.now, holdsWorkspaceLock: true };
  const handlers = createRequestHandlers();
  const listeners = new Set<(event: CoreEvent) => void>();
  let services: CoreServices;
  let stopBackgroundWork: () => Promise<void> = async () => undefined;
  let recovering = false;

  const start = (opened: CrmCore, mayCreateDemo = options.createDemoIfEmpty) => {
    opened.onEvent((event) => {
      for (const listener of listeners) listener(event);
    });
    services = createCoreServices(opened, {
      ...(options.wrapObserver ? { wrapObserver: options.wrapObserver } : {}),
      sync: {
        ...(options.vault ? { vault: options.vault } : {}),
        // While connected, a long-poll brings new changes within a second; the 15 s pull is the fallback.
        live: {},
        log: (line) => log('info', line),
        onUnexpectedError: (error) => {
          const fault = classifyDatabaseError(error);
          if (fault === 'damaged' || fault === 'outbox_damaged') rebuildAfterDamage(error);
          else log('error', `Sync stopped: ${String(error)}`);
        },
      },
    });
    // A damaged outbox is salvaged as it opens, at start rather than when a sync first meets it.
    const outboxRecovery = opened.outbox.openIfPresent();
    if (outboxRecovery) log('warn', describeOutboxRecovery(outboxRecovery));
    const connected = services.sync.hasSavedConnection() || hasSavedCredentials(options.dataDir);
    if (mayCreateDemo && opened.stores.workspace.supporterCount() === 0 && !connected) {
      log('info', `Empty workspace: generating demo data (${DEFAULT_DEMO.supporters} supporters over ${DEFAULT_DEMO.days} days).`);
      createDemoWorkspace(opened, { ...DEFAULT_DEMO, now: opened.clock() });
    }
    stopBackgroundWork = startBackgroundWork(services, { setTimeout, clearTimeout }, log);
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
            services.core.close();
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
          services.core.emit({ kind: 'data_changed', reason: 'import' });
        })
        .catch((error: unknown) => log('error', `Could not repair the workspace: ${String(error)}`))
        .finally(() => (recovering = false));
    });
  };

  /**
   * `sync.connect` in a demo workspace: demo and real never share one. The connection is tested
   * first (a failed test leaves the demo as it was); then the demo is set aside, a fresh workspace
   * opens, and the connection is made there, so only the platform's records fill it and no demo
   * action is ever sent.
   */
  const connectFromDemo = async (input: unknown): Promise<ApiResult<unknown>> => {
    const parsed = apiContract['sync.connect'].input.safeParse(input ?? {});
    if (!parsed.success) return invokeRequest(services, handlers, 'sync.connect', input);
    let credentials: PlatformCredentials;
    try {
      credentials = { serverUrl: validateServerUrl(parsed.data.serverUrl), token: parsed.data.token };
      await testPlatformConnection(credentials, {
        client: new HttpPlatformClient({ ...credentials, requestTimeoutMs: CONNECTION_TEST_TIMEOUT_MS }),
        timeoutMs: CONNECTION_TEST_TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof SyncConfigError) return fail('rejected', error.message);
      log('error', String((error as Error)?.stack ?? error));
      return fail('internal', CONSOLE_WORDING.internal);
    }
    if (recovering) return fail('unavailable', 'The workspace is being repaired; try again in a moment.');
    recovering = true;
    try {
      await stopBackgroundWork().catch(() => undefined);
      let aside: SetAsideDemo;
      try {
        aside = setDemoWorkspaceAside(services.core);
      } catch (error) {
        start(openCoreWithRecovery(coreOptions, (message) => log('warn', message)).core);
        return fail('unavailable', `The demo data could not be set aside (${(error as Error).message}), so nothing was connected.`);
      }
      log('info', `Connecting: the demo data (${aside.supporters} supporters, ${aside.unsentActions} unsent actions) was set aside in ${aside.path}; a fresh workspace starts for the platform's data.`);
      start(openCoreWithRecovery(coreOptions, (message) => log('warn', message)).core, false);
    } finally {
      recovering = false;
    }
    const connected = await invokeRequest(services, handlers, 'sync.connect', input);
    services.core.emit({ kind: 'data_changed', reason: 'import' });
    return connected;
  };

  /** Whether the open workspace is a demo; a cache that cannot say (damaged, closing) is left to the usual path. */
  const isDemoNow = (): boolean => {
    try {
      return isDemoWorkspace(services.core);
    } catch {
      return false;
    }
  };

  try {
    let opened = openCoreWithRecovery(coreOptions, (message) => log('warn', message)).core;
    // A workspace an earlier version let mix demo data with a platform connection: the same rule
    // applies at once, before anything syncs (the saved connection stays and fills a fresh one).
    if (isDemoWorkspace(opened) && (opened.stores.syncState.connectedServerUrl() !== null || hasSavedCredentials(options.dataDir))) {
      const aside = setDemoWorkspaceAside(opened);
      log('warn', `This demo workspace had a platform connection: the demo data (${aside.unsentActions} unsent actions) was set aside in ${aside.path}, and a fresh workspace syncs from the platform.`);
      opened = openCoreWithRecovery(coreOptions, (message) => log('warn', message)).core;
    }
    start(opened);
  } catch (error) {
    lock.release();
    throw error;
  }

  return {
    get core() {
      return services.core;
    },
    get services() {
      return services;
    },
    invoke: (name, input) => {
      if (name === 'sync.connect' && !recovering && isDemoNow()) return connectFromDemo(input);
      return invokeRequest(services, handlers, name, input, (error) => log('error', String((error as Error)?.stack ?? error)), (fault, error) => {
        if (fault === 'damaged' || fault === 'outbox_damaged') rebuildAfterDamage(error);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      try {
        await stopBackgroundWork();
        services.core.close();
      } finally {
        lock.release();
      }
    },
  };
}
