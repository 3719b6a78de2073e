import { tryAcquireWorkspaceLock, type WorkspaceHolderKind } from '../db/workspaceLock';

/**
 * A test helper process: takes the workspace lock of `argv[2]` as `argv[3]` ("console" or "cli"),
 * says "held" on stdout and keeps it until it is killed, as a crashed app or command would.
 */
const [dataDir, kind = 'console'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: holdWorkspaceLockProcess DATA_DIR [console|cli]');
const lock = tryAcquireWorkspaceLock(dataDir, { kind: kind as WorkspaceHolderKind, what: kind === 'cli' ? 'crm import' : 'Supporter CRM' });
process.stdout.write('held\n');
// Referenced from a live timer: a lock that is garbage-collected closes its connection and lets go.
setInterval(() => lock.holder, 60_000);
