import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { startCoreRuntime } from '../coreRuntime';
import { CrmCore } from '../crmCore';
import { generateDemoRecords } from '../demo/generateDemoRecords';
import { ACTIVITY_INSERT_GROUP } from '../store/changeStore';
import { tryAcquireWorkspaceLock, WorkspaceBusyError } from '../db/workspaceLock';

/**
 * Issue 16 item 4: two writers on one workspace. One console per workspace (a second is refused
 * and told who holds it), a lock left by a killed process is taken over, CLI writers wait for each
 * other and are refused plainly while the console runs, and write transactions begin IMMEDIATE so
 * a writer waits for another process's write instead of failing with "database is locked".
 */
const REPO = path.resolve(__dirname, '../../..');
const NOW = Date.parse('2025-12-03T10:00:00Z');
const TSX = ['--import', 'tsx'];

interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once stdout (or, with `stream: 'stderr'`, stderr) has shown `text`. */
  saw(text: string, stream?: 'stdout' | 'stderr'): Promise<void>;
}

function spawnNode(args: string[]): Spawned {
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; stream: 'stdout' | 'stderr'; resolve: () => void }[] = [];
  const wake = () => {
    for (const waiter of [...waiters]) {
      if (!(waiter.stream === 'stdout' ? stdout : stderr).includes(waiter.text)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    saw: (text, stream = 'stdout') =>
      new Promise<void>((resolve, reject) => {
        if ((stream === 'stdout' ? stdout : stderr).includes(text)) return resolve();
        waiters.push({ text, stream, resolve });
        void exited.then((code) => reject(new Error(`process exited ${code} before "${text}": ${stderr}`)));
      }),
  };
}

function holdLock(dataDir: string, kind: 'console' | 'cli'): Spawned {
  return spawnNode([...TSX, path.join(__dirname, 'holdWorkspaceLockProcess.ts'), dataDir, kind]);
}

function crm(args: string[]): Spawned {
  return spawnNode([...TSX, path.join(REPO, 'electron/cli/main.ts'), ...args]);
}

/** Demo change records as JSONL, ids prefixed so two files never touch the same rows. */
function demoJsonl(prefix: string, seed: number, supporters: number): string {
  const file = path.join(tempDir(), `${prefix}.jsonl`);
  const lines: string[] = [];
  for (const record of generateDemoRecords({ supporters, days: 30, seed, now: NOW })) {
    if (record.entity !== 'supporter' && record.entity !== 'activity') continue;
    const data = { ...record.data } as Record<string, unknown>;
    data.id = `${prefix}-${String(data.id)}`;
    if (typeof data.supporterId === 'string') data.supporterId = `${prefix}-${data.supporterId}`;
    lines.push(JSON.stringify({ ...record, data }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('one console per workspace', () => {
  it('a second console on the same folder is refused and told who holds it; a different folder opens', async () => {
    const dataDir = tempDir();
    const first = startCoreRuntime({ dataDir, clock: () => NOW, createDemoIfEmpty: false });
    let refusal: unknown;
    try {
      startCoreRuntime({ dataDir, clock: () => NOW, createDemoIfEmpty: false });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(WorkspaceBusyError);
    expect((refusal as Error).message).toBe(`This workspace is already open in another window or process (pid ${process.pid}).`);
    const elsewhere = startCoreRuntime({ dataDir: tempDir(), clock: () => NOW, createDemoIfEmpty: false });
    await elsewhere.stop();
    await first.stop();
    // Closed cleanly: the next console opens at once.
    const again = startCoreRuntime({ dataDir, clock: () => NOW, createDemoIfEmpty: false });
    await again.stop();
  });

  it('a lock left by a killed process is taken over, and the new holder knows whose it was', async () => {
    const dataDir = tempDir();
    const holder = holdLock(dataDir, 'console');
    await holder.saw('held');
    const pid = holder.child.pid as number;
    expect(() => tryAcquireWorkspaceLock(dataDir, { kind: 'console', what: 'Supporter CRM' })).toThrow(
      `This workspace is already open in another window or process (pid ${pid}).`,
    );
    holder.child.kill('SIGKILL');
    await holder.exited;
    const lock = tryAcquireWorkspaceLock(dataDir, { kind: 'console', what: 'Supporter CRM' });
    expect(lock.tookOverFrom).toMatchObject({ pid, kind: 'console' });
    lock.release();
    console.info(`stale lock: held by pid ${pid}, refused while it ran, taken over at once after SIGKILL`);
  }, 30_000);
});

describe('CLI writers and readers', () => {
  it('a writer is refused plainly while the console has the workspace open; a reader runs beside it', async () => {
    const dataDir = tempDir();
    const runtime = startCoreRuntime({ dataDir, clock: () => NOW, createDemoIfEmpty: false });
    try {
      const file = demoJsonl('a', 1, 5);
      const importing = await captureCli(['import', file, '--data-dir', dataDir]);
      expect(importing.code).toBe(1);
      expect(importing.stderr).toBe(`crm import: This workspace is already open in another window or process (pid ${process.pid}).\n`);
      const stats = await captureCli(['stats', '--data-dir', dataDir, '--json']);
      expect(stats.code).toBe(0);
      expect(stats.json()).toMatchObject({ supporters: 0 });
    } finally {
      await runtime.stop();
    }
  });

  it('a writer waits for another CLI writer to finish, then runs', async () => {
    const dataDir = tempDir();
    CrmCore.open({ dataDir }).close();
    const holder = holdLock(dataDir, 'cli');
    await holder.saw('held');
    const importing = crm(['import', demoJsonl('a', 2, 5), '--data-dir', dataDir, '--json']);
    // It says it is waiting (however long a busy machine takes to start it), and keeps waiting, not failing.
    await importing.saw(`Waiting for \`crm import\` (pid ${holder.child.pid}) to finish with this workspace`, 'stderr');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(importing.child.exitCode).toBeNull();
    holder.child.kill('SIGKILL');
    expect(await importing.exited).toBe(0);
    expect(JSON.parse(importing.stdout())).toMatchObject({ quarantined: 0 });
  }, 60_000);

  it('two imports started together both succeed, with the same data as one after the other', async () => {
    const files = [demoJsonl('a', 3, 150), demoJsonl('b', 4, 150)];
    const together = tempDir();
    const runs = files.map((file) => crm(['import', file, '--data-dir', together, '--json']));
    const codes = await Promise.all(runs.map((run) => run.exited));
    expect(codes, runs.map((run) => run.stderr()).join('\n')).toEqual([0, 0]);
    const inTurn = tempDir();
    for (const file of files) expect((await captureCli(['import', file, '--data-dir', inTurn])).code).toBe(0);
    const hash = async (dataDir: string) => (await captureCli(['stats', '--data-dir', dataDir, '--json'])).json<{ contentHash: string; activities: number }>();
    const [a, b] = [await hash(together), await hash(inTurn)];
    expect(a).toEqual(b);
    const waited = runs.filter((run) => run.stderr().includes('Waiting for')).length;
    console.info(`two concurrent imports: both exit 0, ${a.activities} activities, content hash equal to importing in turn; ${waited} of them waited for the other`);
  }, 120_000);
});

describe('write transactions begin IMMEDIATE', () => {
  it('a batch applied while another process is writing waits its turn instead of failing with "database is locked"', async () => {
    const dataDir = tempDir();
    const core = CrmCore.open({ dataDir, clock: () => NOW });
    try {
      const script = `
        const Database = require('better-sqlite3');
        const db = new Database(${JSON.stringify(CrmCore.cachePath(dataDir))});
        db.exec('BEGIN IMMEDIATE');
        db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('other-writer', '1')").run();
        process.stdout.write('writing\\n');
        setTimeout(() => { db.exec('COMMIT'); db.close(); }, 700);`;
      const writer = spawnNode(['-e', script]);
      await writer.saw('writing');
      // Activities first: the batch then reads (the highest rowid) before its first write, which a
      // deferred transaction cannot upgrade once the other process has committed.
      const records = [...generateDemoRecords({ supporters: 20, days: 10, seed: 5, now: NOW })]
        .filter((record) => record.entity === 'activity')
        .map((value, index) => ({ kind: 'value' as const, value, position: index + 1 }));
      expect(records.length).toBeGreaterThan(ACTIVITY_INSERT_GROUP);
      const outcome = core.applyBatch(records, 'test');
      expect(outcome.applied).toBe(records.length);
      expect(await writer.exited).toBe(0);
      expect(core.stores.meta.get('other-writer')).toBe('1');
    } finally {
      core.close();
    }
  }, 30_000);
});
