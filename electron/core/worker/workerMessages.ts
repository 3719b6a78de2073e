import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';

/** What the host sends the core worker. */
export type HostToWorkerMessage =
  | { kind: 'request'; id: number; name: string; input: unknown }
  | { kind: 'shutdown' };

/** What the core worker sends back. */
export type WorkerToHostMessage =
  | { kind: 'ready' }
  | { kind: 'response'; id: number; result: ApiResult<unknown> }
  | { kind: 'event'; event: CoreEvent }
  | { kind: 'fatal'; message: string }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { kind: 'closed' };

export interface CoreWorkerData {
  dataDir: string;
  /** Create the demo workspace when the cache is empty and no platform connection is set (app and `web`). */
  createDemoIfEmpty: boolean;
}
