import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../../shared/contract/apiResult';
import type { CoreEvent } from '../../../shared/contract/apiTypes';
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

/** The host's side of the core worker: request/response by id, pushed events, orderly shutdown. */
export class CoreWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private exited = false;

  private constructor(private readonly worker: Worker) {}

  static start(options: CoreWorkerClientOptions): Promise<CoreWorkerClient> {
    const worker = new Worker(options.workerPath, { workerData: options.data, execArgv: options.execArgv ?? [] });
    const client = new CoreWorkerClient(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerToHostMessage) => {
        switch (message.kind) {
          case 'ready':
            resolve(client);
            break;
          case 'fatal':
            reject(new Error(message.message));
            break;
          case 'response':
            client.pending.get(message.id)?.(message.result);
            client.pending.delete(message.id);
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
        for (const settle of client.pending.values()) settle({ ok: false, error: { code: 'unavailable', message: 'The core stopped.' } });
        client.pending.clear();
        reject(new Error('The core worker exited before it was ready.'));
      });
    });
  }

  invoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.exited) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'The core stopped.' } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ kind: 'request', id, name, input });
    });
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
