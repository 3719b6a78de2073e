import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheStats } from '../../../shared/contract/apiTypes';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { CrmCore } from '../crmCore';
import { OutboxStore } from '../store/outboxStore';
import { buildDataset, DEMO_NOW, makeTempDir, seededRandom } from './syncTestKit';

/**
 * The crash test of the issue: a separate process syncing 200,000 records is killed with SIGKILL
 * at random moments and restarted each time; the end state must equal a clean sync's.
 */
const REPO = path.resolve(__dirname, '../../..');
// tsx's loader inside the one process: the `tsx` command would run the script in a grandchild that
// SIGKILL does not reach.
const TSX_IMPORT = ['--import', 'tsx'];
const CRM_MAIN = path.join(REPO, 'electron/cli/main.ts');
const TOKEN = 'crash-test-token';
const RECORDS = 200_000;
const PAGE_SIZE = 2000;
const KILLS = 32;

interface Child {
  process: ChildProcess;
  /** Records this run has committed, as its progress lines say. */
  recordsSeen: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
  stderr: () => string;
  waitForRecords(count: number): Promise<boolean>;
}

function runCrm(args: string[]): Child {
  const child = spawn(process.execPath, [...TSX_IMPORT, CRM_MAIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let recordsSeen = 0;
  const waiters: { count: number; resolve: (reached: boolean) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.resolve(false);
      resolve({ code, signal });
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const progress = [...stderr.matchAll(/… page \d+: (\d+) records/g)].at(-1);
    recordsSeen = progress ? Number(progress[1]) : 0;
    handle.recordsSeen = recordsSeen;
    for (const waiter of [...waiters]) {
      if (recordsSeen >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(true);
      }
    }
  });
  const handle: Child = {
    process: child,
    recordsSeen,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForRecords: (count) => (recordsSeen >= count ? Promise.resolve(true) : new Promise((resolve) => waiters.push({ count, resolve }))),
  };
  return handle;
}

async function crmJson<T>(args: string[]): Promise<T> {
  const child = runCrm([...args, '--json']);
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`crm ${args[0]} exited ${code}: ${child.stderr()}`);
  return JSON.parse(child.stdout()) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How far the workspace has got: the count stored with the cursor, in the page's own transaction. */
function receivedSoFar(dataDir: string): number {
  const file = CrmCore.cachePath(dataDir);
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file);
  try {
    const row = db.prepare('SELECT received FROM sync_state WHERE id = 1').get() as { received: number } | undefined;
    return row?.received ?? 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

const cleanupServers: PlatformServer[] = [];
afterAll(async () => {
  for (const server of cleanupServers) await server.close();
});

describe('crash safety (separate processes)', () => {
  it(`a 200,000-record sync killed with SIGKILL ${KILLS} times ends exactly like a clean sync`, async () => {
    const server = await startPlatformServer({ token: TOKEN, records: buildDataset(RECORDS, { trickyEvery: 10_000 }) });
    cleanupServers.push(server);
    const seed = Number(process.env.SYNC_KILL_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const note = `kill seed ${seed} (rerun with SYNC_KILL_SEED=${seed})`;
    const syncArgs = (dataDir: string) => ['sync', '--server', server.url, '--token', TOKEN, '--data-dir', dataDir, '--page-size', String(PAGE_SIZE)];

    const cleanDir = makeTempDir('clean');
    const clean = runCrm([...syncArgs(cleanDir), '--json']);
    expect((await clean.exited).code, clean.stderr()).toBe(0);

    const crashDir = makeTempDir('crash');
    // Kill points spread over the sync (in records received), each with a random extra delay that
    // lands inside a fetch, a JSON parse or a page's transaction. A point the previous run already
    // overshot becomes a kill during start-up (opening the cache, resuming the cursor).
    const killPoints = Array.from({ length: KILLS }, () => Math.floor(random() * RECORDS * 0.85)).sort((a, b) => a - b);
    const moments: string[] = [];
    for (const [index, point] of killPoints.entries()) {
      const before = receivedSoFar(crashDir);
      const child = runCrm(syncArgs(crashDir));
      const duringStartUp = point <= before;
      const extraMs = Math.floor(random() * (duringStartUp ? 700 : 40));
      const reached = duringStartUp ? true : await child.waitForRecords(point - before);
      // The extra delay ends early at the next committed page, so no run overshoots by more than a page.
      if (reached) await Promise.race([sleep(extraMs), child.waitForRecords(child.recordsSeen + 1)]);
      if (child.process.exitCode !== null || !reached) {
        const { code } = await child.exited;
        throw new Error(`the sync ended (exit ${code}) before kill ${index + 1} of ${KILLS}; ${note}\n${child.stderr()}`);
      }
      child.process.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal, note).toBe('SIGKILL');
      moments.push(duringStartUp ? `start+${extraMs}ms` : `${point}+${extraMs}ms`);
    }
    expect(moments).toHaveLength(KILLS);
    const atStartUp = moments.filter((moment) => moment.startsWith('start')).length;
    console.info(`SIGKILL test: ${KILLS} kills (${KILLS - atStartUp} mid-sync, ${atStartUp} during start-up); ${note}`);
    expect(receivedSoFar(crashDir)).toBeLessThan(RECORDS);
    const last = runCrm([...syncArgs(crashDir), '--json']);
    expect((await last.exited).code, `${note}\n${last.stderr()}`).toBe(0);

    const [expected, actual] = await Promise.all([crmJson<CacheStats>(['stats', '--data-dir', cleanDir]), crmJson<CacheStats>(['stats', '--data-dir', crashDir])]);
    expect(actual, `${note}; kills at ${moments.join(' ')}`).toEqual(expected);
    expect(expected.quarantined).toBeGreaterThan(0);
    // Every record the platform sent was counted exactly once: received positions match the log.
    expect(receivedSoFar(crashDir)).toBe(RECORDS);
  }, 240_000);

  it('an action whose answer was lost when the process died is delivered exactly once after the restart', async () => {
    const dataDir = makeTempDir('crash-outbox');
    const outbox = OutboxStore.open(dataDir);
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    keys.forEach((idempotencyKey, index) => outbox.enqueue({ type: 'dm_reminder', supporterId: `s00000${index + 1}`, params: {}, idempotencyKey, createdAt: DEMO_NOW }));
    outbox.close();
    const server = await startPlatformServer({ token: TOKEN, records: buildDataset(100) });
    cleanupServers.push(server);
    // The platform carries out the first action, then stalls before answering: the process dies waiting.
    server.faults.add({ kind: 'slow', phase: 'after', delayMs: 10_000, route: 'actions' });
    const child = runCrm(['sync', '--server', server.url, '--token', TOKEN, '--data-dir', dataDir, '--timeout-ms', '60000']);
    while (server.actions.executions(keys[0] as string) === 0) {
      if (child.process.exitCode !== null) throw new Error(child.stderr());
      await sleep(20);
    }
    child.process.kill('SIGKILL');
    await child.exited;
    server.faults.clear();
    const result = await crmJson<{ pushedActions: number }>(['sync', '--server', server.url, '--token', TOKEN, '--data-dir', dataDir]);
    expect(result.pushedActions).toBe(3);
    for (const key of keys) expect(server.actions.executions(key)).toBe(1);
    expect(server.actions.requests(keys[0] as string)).toBe(2);
    expect(server.actions.totalExecutions).toBe(3);
    expect((await crmJson<CacheStats>(['stats', '--data-dir', dataDir])).outboxPending).toBe(0);
  }, 60_000);
});
