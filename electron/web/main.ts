import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/defaultDataDir';
import { CoreWorkerClient } from '../core/worker/coreWorkerClient';
import { openBrowserHostSession } from './openBrowserHostSession';
import { startBrowserHost, type BrowserHost } from './startBrowserHost';

/**
 * `npm run -s web -- [--data-dir DIR] [--port P]`: the console in any Chromium, on the same core as
 * the app. Without `--port` it listens where this workspace's console last did (when that port is
 * free), so a page left open rejoins a restarted host on its own.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
  strict: true,
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port needs a number between 0 and 65535\n');
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
const rendererDir = values['renderer-dir'] ?? path.join(repoRoot, 'out', 'renderer');

const core = await CoreWorkerClient.start({
  workerPath: new URL('../core/worker/coreWorkerFromSource.mjs', import.meta.url),
  data: { dataDir, createDemoIfEmpty: true },
  onLog: (level, message) => process.stderr.write(`[core ${level}] ${message}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`Could not open the workspace in ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
const session = openBrowserHostSession(dataDir);
const start = (onPort: number) => startBrowserHost({ rendererDir, backend: core, port: onPort, sessionKey: session.sessionKey });
let host: BrowserHost;
if (values.port === undefined && session.lastPort !== null) {
  host = await start(session.lastPort).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException)?.code !== 'EADDRINUSE' && (error as NodeJS.ErrnoException)?.code !== 'EACCES') throw error;
    process.stderr.write(`Port ${session.lastPort} is taken; a page left open on it will not rejoin this console.\n`);
    return start(0);
  });
} else {
  host = await start(port).catch(async (error: unknown) => {
    const code = (error as NodeJS.ErrnoException)?.code;
    process.stderr.write(code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port, or leave --port out.\n` : `Could not listen on port ${port}: ${String(error)}\n`);
    await core.stop();
    process.exit(1);
  });
}
session.rememberPort(host.port);
process.stdout.write(`Supporter CRM console ready: ${host.url}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await core.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
