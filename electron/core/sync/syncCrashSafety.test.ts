import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStats } from '../../../shared/contract/apiTypes';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { CrmCore } from '../crmCore';
import { OutboxStore } from './outbox/outboxStore';
import { buildDataset, DEMO_NOW, makeTempDir, seededRandom } from './syncTestKit';

/**
 * The crash test of the issue: a separate process syncing 200,000 records is killed with SIGKILL
 * at random moments and restarted each time; the end state must equal a clean sync's.
 */
const REPO = path.resolve(__dirname, '../../..');
const TSX_CLI = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');
const CRM_MAIN = path.join(REPO, 'electron/cli/main.ts');
const TOKEN = 'crash-test-token';
const RECORDS = 200_000;
const PAGE_SIZE = 2000;
const KILLS = 32;

interface Child {
  process: ChildProcess;
  pagesSeen: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
  stderr: () => string;
  waitForPages(count: number): Promise<boolean>;
}

function runCrm(args: string[]): Child {
  const child = spawn(process.execPath, [TSX_CLI, CRM_MAIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pagesSeen = 0;
  const pageWaiters: { count: number; resolve: (reached: boolean) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of pageWaiters.splice(0)) waiter.resolve(false);
      resolve({ code, signal });
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    pagesSeen = (stderr.match(/… page \d+:/g) ?? []).length;
    handle.pagesSeen = pagesSeen;
    for (const waiter of [...pageWaiters]) {
      if (pagesSeen >= waiter.count) {
        pageWaiters.splice(pageWaiters.indexOf(waiter), 1);
        waiter.resolve(true);
      }
    }
  });
  const handle: Child = {
    process: child,
    pagesSeen,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForPages: (count) => (pagesSeen >= count ? Promise.resolve(true) : new Promise((resolve) => pageWaiters.push({ count, resolve }))),
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

let server: PlatformServer;
beforeAll(async () => {
  server = await startPlatformServer({ token: TOKEN, records: buildDataset(RECORDS, { trickyEvery: 10_000 }) });
});
afterAll(async () => {
  await server?.close();
});

describe('crash safety (separate processes)', () => {
  it(`a 200,000-record sync killed with SIGKILL ${KILLS} times ends exactly like a clean sync`, async () => {
    const seed = Number(process.env.SYNC_KILL_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const note = `kill seed ${seed} (rerun with SYNC_KILL_SEED=${seed})`;
    const syncArgs = (dataDir: string) => ['sync', '--server', server.url, '--token', TOKEN, '--data-dir', dataDir, '--page-size', String(PAGE_SIZE)];

    const cleanDir = makeTempDir('clean');
    const clean = runCrm([...syncArgs(cleanDir), '--json']);
    expect((await clean.exited).code, clean.stderr()).toBe(0);

    const crashDir = makeTempDir('crash');
    const moments: string[] = [];
    let kills = 0;
    while (kills < KILLS) {
      const child = runCrm(syncArgs(crashDir));
      // A random moment: during start-up, the first fetch, or after 1–2 more pages, plus a random
      // extra delay that lands inside fetching, parsing or a page's transaction.
      const pages = random() < 0.2 ? 0 : 1 + Math.floor(random() * 2);
      const extraMs = Math.floor(random() * (pages === 0 ? 1500 : 80));
      const reached = await child.waitForPages(pages);
      if (reached) await sleep(extraMs);
      if (child.process.exitCode !== null || !reached) {
        const { code } = await child.exited;
        throw new Error(`the sync finished (exit ${code}) before kill ${kills + 1} of ${KILLS}; ${note}\n${child.stderr()}`);
      }
      child.process.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal, note).toBe('SIGKILL');
      kills += 1;
      moments.push(`${pages}p+${extraMs}ms(${child.pagesSeen})`);
    }
    const last = runCrm([...syncArgs(crashDir), '--json']);
    expect((await last.exited).code, `${note}\n${last.stderr()}`).toBe(0);

    const [expected, actual] = await Promise.all([crmJson<CacheStats>(['stats', '--data-dir', cleanDir]), crmJson<CacheStats>(['stats', '--data-dir', crashDir])]);
    expect(actual, `${note}; kills at ${moments.join(' ')}`).toEqual(expected);
    expect(expected.quarantined).toBeGreaterThan(0);
    // Every record the platform sent was counted exactly once: received positions match the log.
    const core = CrmCore.open({ dataDir: crashDir });
    try {
      expect(core.stores.meta.get('sync.received')).toBe(String(RECORDS));
    } finally {
      core.close();
    }
  }, 240_000);

  it('an action whose answer was lost when the process died is delivered exactly once after the restart', async () => {
    const dataDir = makeTempDir('crash-outbox');
    const outbox = OutboxStore.open(dataDir);
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    keys.forEach((idempotencyKey, index) => outbox.enqueue({ type: 'dm_reminder', supporterId: `s00000${index + 1}`, params: {}, idempotencyKey, createdAt: DEMO_NOW }));
    outbox.close();
    const executedBefore = server.actions.totalExecutions;
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
    expect(server.actions.totalExecutions - executedBefore).toBe(3);
    expect((await crmJson<CacheStats>(['stats', '--data-dir', dataDir])).outboxPending).toBe(0);
  }, 60_000);
});
