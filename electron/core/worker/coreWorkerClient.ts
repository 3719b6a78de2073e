import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';
import { RpcClient, type RpcChannelEvents } from '../../../shared/rpc/rpcClient';
import type { CredentialVault, PlatformCredentials } from '../sync/credentialVault';
import type { CoreWorkerData, HostToWorkerMessage, WorkerToHostMessage } from './workerMessages';

export interface CoreWorkerClientOptions {
  /** The worker entry: the built `coreWorker.js` in the app, the `.ts` source under tsx. */
  workerPath: string | URL;
  data: CoreWorkerData;
  /** Extra Node flags for the worker, e.g. `['--import', 'tsx']` to run the TypeScript source. */
  execArgv?: string[];
  onLog?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Answers the worker's vault requests when `data.credentialVault` is `host`. */
  hostVault?: CredentialVault;
}

const CORE_STOPPED = { code: 'unavailable', message: 'The local core stopped. Restart Supporter CRM.' } as const;

const nodeTimers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The host's side of the core worker: the contract's requests through the shared `RpcClient`
 * (ids, time limits, the worker's exit ending every waiting request), pushed events, the host's
 * vault for the worker, and an orderly shutdown.
 */
export class CoreWorkerClient {
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private exited = false;
  /** Where the worker's messages about requests go; set when the RPC client opens its channel. */
  private channel: RpcChannelEvents | null = null;
  // A worker that exits does not come back, so the client stops with it (no reconnection).
  private readonly rpc = new RpcClient({
    openChannel: (events) => {
      this.channel = events;
      return { send: (request) => this.post({ kind: 'request', ...request }), close: () => undefined };
    },
    timers: nodeTimers,
    stoppedError: CORE_STOPPED,
  });

  private constructor(private readonly worker: Worker) {}

  static start(options: CoreWorkerClientOptions): Promise<CoreWorkerClient> {
    const worker = new Worker(options.workerPath, { workerData: options.data, execArgv: options.execArgv ?? [] });
    const client = new CoreWorkerClient(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerToHostMessage) => {
        switch (message.kind) {
          case 'ready':
            client.channel?.opened();
            resolve(client);
            break;
          case 'fatal':
            reject(new Error(message.message));
            break;
          case 'response':
            client.channel?.answered(message.id, message.result);
            break;
          case 'event':
            for (const listener of client.listeners) listener(message.event);
            break;
          case 'log':
            options.onLog?.(message.level, message.message);
            break;
          case 'vault':
            void client.answerVault(options.hostVault, message.id, message.op, message.credentials);
            break;
          case 'closed':
            break;
        }
      });
      worker.on('error', (error) => reject(error));
      worker.on('exit', () => {
        client.exited = true;
        client.channel?.closed();
        reject(new Error('The core worker exited before it was ready.'));
      });
    });
  }

  /** Never throws: a failure of any kind (the worker gone, no answer in time, input that cannot cross) comes back as `{ok: false}`. */
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
    return this.rpc.request(name, input);
  }

  onEvent(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.post({ kind: 'shutdown' });
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }

  private async answerVault(vault: CredentialVault | undefined, id: number, op: 'load' | 'save' | 'clear', credentials?: PlatformCredentials): Promise<void> {
    try {
      if (!vault) throw new Error('This host keeps no credential vault.');
      let value: PlatformCredentials | null = null;
      if (op === 'load') value = await vault.load();
      else if (op === 'save' && credentials) await vault.save(credentials);
      else if (op === 'clear') await vault.clear();
      this.post({ kind: 'vaultResult', id, outcome: { ok: true, value } });
    } catch (error) {
      this.post({ kind: 'vaultResult', id, outcome: { ok: false, message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private post(message: HostToWorkerMessage): void {
    this.worker.postMessage(message);
  }
}
