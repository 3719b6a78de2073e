import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';
import type { PlatformCredentials } from '../sync/credentialVault';

/** What the host sends the core worker. */
export type HostToWorkerMessage =
  | { kind: 'request'; id: number; name: string; input: unknown }
  | { kind: 'vaultResult'; id: number; outcome: { ok: true; value: PlatformCredentials | null } | { ok: false; message: string } }
  | { kind: 'shutdown' };

/** What the core worker sends back. */
export type WorkerToHostMessage =
  | { kind: 'ready' }
  | { kind: 'response'; id: number; result: ApiResult<unknown> }
  | { kind: 'event'; event: CoreEvent }
  | { kind: 'fatal'; message: string }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { kind: 'vault'; id: number; op: 'load' | 'save' | 'clear'; credentials?: PlatformCredentials }
  | { kind: 'closed' };

export interface CoreWorkerData {
  dataDir: string;
  /** Create the demo workspace when the cache is empty and no platform connection is set (app and `web`). */
  createDemoIfEmpty: boolean;
  /** `host`: the platform connection is kept by the host (Electron's safeStorage); `file`: a 0600 file in the data dir. */
  credentialVault?: 'file' | 'host';
}
