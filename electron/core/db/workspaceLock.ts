import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who holds a workspace: the console (the app's core or the browser host, for their whole life) or one CLI command. */
export type WorkspaceHolderKind = 'console' | 'cli';

export interface WorkspaceHolder {
  pid: number;
  kind: WorkspaceHolderKind;
  /** What holds it, in words: "Supporter CRM", "crm import". */
  what: string;
  since: string;
  hostname: string;
}

export interface WorkspaceLock {
  readonly holder: WorkspaceHolder;
  /** Set when the previous holder ended without letting go (killed, crashed): its lock was taken over. */
  readonly tookOverFrom: WorkspaceHolder | null;
  release(): void;
}

export const WORKSPACE_LOCK_FILE_NAME = 'workspace.lock';
export const WORKSPACE_HOLDER_FILE_NAME = 'workspace-holder.json';

/** The workspace is held by someone else; the message says who, in the creator's words. */
export class WorkspaceBusyError extends Error {
  override name = 'WorkspaceBusyError';

  constructor(readonly holder: WorkspaceHolder | null) {
    super(describeHolder(holder));
  }
}

export function describeHolder(holder: WorkspaceHolder | null): string {
  if (holder === null) return 'This workspace is already open in another window or process.';
  if (holder.kind === 'cli') return `This workspace is being changed by ${holderLabel(holder)}. Try again when it has finished.`;
  return `This workspace is already open in another window or process (${processLabel(holder)}).`;
}

/** "`crm import` (pid 4242)", "Supporter CRM (pid 17 on studio-mac)". */
export function holderLabel(holder: WorkspaceHolder): string {
  return `${holder.kind === 'cli' ? `\`${holder.what}\`` : holder.what} (${processLabel(holder)})`;
}

function processLabel(holder: WorkspaceHolder): string {
  return holder.hostname === os.hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
}

/**
 * One writer process per workspace. The lock is an exclusive SQLite lock on `workspace.lock`, held
 * for as long as the holder runs: the operating system releases it when the process ends in any
 * way (SIGKILL and power loss included), so a lock left by a dead process is never in the way — it
 * is taken over at once, with no timeout to wait out and no pid guessing. Who holds it is written
 * beside it (`workspace-holder.json`), because the lock itself cannot be read while it is held.
 * The lock file is never deleted: a process waiting on the old file while a new one appears would
 * split the lock in two.
 */
export function tryAcquireWorkspaceLock(dataDir: string, holder: Pick<WorkspaceHolder, 'kind' | 'what'>, now: number = Date.now()): WorkspaceLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, WORKSPACE_LOCK_FILE_NAME);
  const db = new Database(lockPath, { timeout: 0 });
  try {
    fs.chmodSync(lockPath, 0o600);
    // Rollback-journal mode with an exclusive locking mode: after this first write the connection
    // keeps the file's exclusive lock until it closes; anyone else is answered SQLITE_BUSY.
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS workspace_lock (id INTEGER PRIMARY KEY); COMMIT');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new WorkspaceBusyError(readCurrentHolder(dataDir));
    throw error;
  }
  const previous = readWorkspaceHolder(dataDir);
  const mine: WorkspaceHolder = { pid: process.pid, kind: holder.kind, what: holder.what, since: new Date(now).toISOString(), hostname: os.hostname() };
  writeHolder(dataDir, mine);
  let released = false;
  return {
    holder: mine,
    tookOverFrom: previous && previous.pid !== process.pid ? previous : null,
    release() {
      if (released) return;
      released = true;
      const current = readWorkspaceHolder(dataDir);
      if (current && current.pid === mine.pid && current.since === mine.since) fs.rmSync(path.join(dataDir, WORKSPACE_HOLDER_FILE_NAME), { force: true });
      db.close();
    },
  };
}

/**
 * The same, for a command that can wait: while another CLI command holds the workspace it waits
 * (saying once that it does) until that one finishes; the console holds it for its whole life, so
 * waiting for it would never end, and the answer is a plain refusal instead. Synchronous: a CLI
 * command has nothing else to do meanwhile, and Ctrl-C still ends it.
 */
export function acquireWorkspaceLockWhenFree(
  dataDir: string,
  holder: Pick<WorkspaceHolder, 'kind' | 'what'>,
  options: { onWait?: (holder: WorkspaceHolder | null) => void; pollMs?: number; clock?: () => number } = {},
): WorkspaceLock {
  let told = false;
  for (;;) {
    try {
      return tryAcquireWorkspaceLock(dataDir, holder, (options.clock ?? Date.now)());
    } catch (error) {
      if (!(error instanceof WorkspaceBusyError) || error.holder?.kind !== 'cli') throw error;
      if (!told) options.onWait?.(error.holder);
      told = true;
    }
    sleepSync(options.pollMs ?? 200);
  }
}

/** Who the holder file names, if it is readable (it may name a holder that has since ended). */
export function readWorkspaceHolder(dataDir: string): WorkspaceHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, WORKSPACE_HOLDER_FILE_NAME), 'utf8')) as Partial<WorkspaceHolder>;
    if (typeof value.pid !== 'number' || (value.kind !== 'console' && value.kind !== 'cli') || typeof value.what !== 'string') return null;
    return { pid: value.pid, kind: value.kind, what: value.what, since: String(value.since ?? ''), hostname: String(value.hostname ?? os.hostname()) };
  } catch {
    return null;
  }
}

/**
 * The holder of a lock we were just refused. The new holder writes its file right after taking the
 * lock, so a missing file, or one naming a process that has ended, is read again for a moment.
 */
function readCurrentHolder(dataDir: string): WorkspaceHolder | null {
  let holder = readWorkspaceHolder(dataDir);
  for (let attempt = 0; attempt < 10 && (holder === null || !isRunning(holder)); attempt += 1) {
    sleepSync(50);
    holder = readWorkspaceHolder(dataDir);
  }
  return holder;
}

function isRunning(holder: WorkspaceHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeHolder(dataDir: string, holder: WorkspaceHolder): void {
  const target = path.join(dataDir, WORKSPACE_HOLDER_FILE_NAME);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, target);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
