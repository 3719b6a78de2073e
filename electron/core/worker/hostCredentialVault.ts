import type { MessagePort } from 'node:worker_threads';
import type { CredentialVault, PlatformCredentials } from '../sync/credentialVault';
import type { WorkerToHostMessage } from './workerMessages';

/**
 * The worker's side of a vault the host keeps: in Electron the main process encrypts the
 * connection with `safeStorage` (the OS keychain), which a worker thread cannot reach.
 */
export class HostCredentialVault implements CredentialVault {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: PlatformCredentials | null): void; reject(error: Error): void }>();

  constructor(private readonly port: Pick<MessagePort, 'postMessage'>) {}

  load(): Promise<PlatformCredentials | null> {
    return this.request('load');
  }

  async save(credentials: PlatformCredentials): Promise<void> {
    await this.request('save', credentials);
  }

  async clear(): Promise<void> {
    await this.request('clear');
  }

  /** Called by the worker's message loop with the host's answer. */
  settle(id: number, outcome: { ok: true; value: PlatformCredentials | null } | { ok: false; message: string }): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(new Error(outcome.message));
  }

  private request(op: 'load' | 'save' | 'clear', credentials?: PlatformCredentials): Promise<PlatformCredentials | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: WorkerToHostMessage = { kind: 'vault', id, op, ...(credentials ? { credentials } : {}) };
      this.port.postMessage(message);
    });
  }
}
