import { parentPort, workerData } from 'node:worker_threads';
import { startCoreRuntime, type CoreRuntime } from '../coreRuntime';
import { HostCredentialVault } from './hostCredentialVault';
import type { CoreWorkerData, HostToWorkerMessage, WorkerToHostMessage } from './workerMessages';

/**
 * The core worker's entry: owns the SQLite cache off the UI thread so a long recompute never
 * freezes a window. It never imports `electron`.
 */
const port = parentPort;
if (!port) throw new Error('coreWorker must run in a worker thread');
const send = (message: WorkerToHostMessage) => port.postMessage(message);
const data = workerData as CoreWorkerData;

const hostVault = data.credentialVault === 'host' ? new HostCredentialVault(port) : null;
let runtime: CoreRuntime;
try {
  runtime = startCoreRuntime({
    dataDir: data.dataDir,
    createDemoIfEmpty: data.createDemoIfEmpty,
    ...(hostVault ? { vault: hostVault } : {}),
    log: (level, message) => send({ kind: 'log', level, message }),
  });
  runtime.onEvent((event) => send({ kind: 'event', event }));
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

port.on('message', (message: HostToWorkerMessage) => {
  if (message.kind === 'vaultResult') {
    hostVault?.settle(message.id, message.outcome);
    return;
  }
  if (message.kind === 'shutdown') {
    void runtime.stop().then(() => {
      send({ kind: 'closed' });
      port.close();
    });
    return;
  }
  void runtime.invoke(message.name, message.input).then((result) => {
    try {
      send({ kind: 'response', id: message.id, result });
    } catch (error) {
      // An answer that cannot cross to the host (structured clone refused it) must still end the request.
      send({ kind: 'response', id: message.id, result: { ok: false, error: { code: 'internal', message: 'The core could not send its answer.' } } });
      send({ kind: 'log', level: 'error', message: `Could not send the answer to "${message.name}": ${String(error)}` });
    }
  });
});
