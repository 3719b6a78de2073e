import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStats, SyncStatus, WorkspaceInfo } from '../../../shared/contract/apiTypes';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { startCoreRuntime, type CoreRuntime } from '../coreRuntime';
import { createCoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { FileCredentialVault, MemoryCredentialVault } from '../sync/credentialVault';
import { createDemoWorkspace } from './createDemoWorkspace';
import { generateDemoRecords } from './generateDemoRecords';
import { DEMO_NEVER_SYNCS, IS_DEMO_META_KEY } from './isDemoWorkspace';

/**
 * Issue 16 item 1: demo and real data never share a workspace. The reference platform serves the
 * seeded demo generator's records with another seed, so its supporters have the very ids the local
 * demo has (s000001…) — the case where records merged and demo actions reached the platform.
 */
const TOKEN = 'demo-never-syncs-token';
const DEMO_ACTIONS = ['s000001', 's000002', 's000003', 's000004', 's000005'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function platform(): Promise<PlatformServer> {
  const server = await startPlatformServer({ token: TOKEN, records: generateDemoRecords({ supporters: 40, days: 20, seed: 99, now: Date.now() }) });
  cleanups.push(() => server.close());
  return server;
}

/** A demo workspace, as the console makes one, with actions queued on demo supporters while it was not connected. */
async function demoConsoleWithQueuedActions(): Promise<{ dataDir: string; runtime: CoreRuntime }> {
  const dataDir = tempDir();
  const seeded = CrmCore.open({ dataDir });
  createDemoWorkspace(seeded, { supporters: 40, days: 20, seed: 7, now: Date.now() });
  seeded.close();
  const runtime = startCoreRuntime({ dataDir, createDemoIfEmpty: true });
  cleanups.push(() => runtime.stop());
  for (const supporterId of DEMO_ACTIONS) {
    expect(await runtime.invoke('actions.run', { supporterId, type: 'dm_reminder' })).toMatchObject({ ok: true, value: { status: 'executed' } });
  }
  return { dataDir, runtime };
}

async function value<T>(runtime: CoreRuntime, name: string, input: object = {}): Promise<T> {
  const result = await runtime.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** What a workspace that was never a demo holds after syncing this platform. */
async function cleanSyncStats(server: PlatformServer): Promise<CacheStats> {
  const core = CrmCore.open({ dataDir: tempDir() });
  try {
    const service = createCoreServices(core, { sync: { vault: new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }) } }).sync;
    expect((await service.syncNow()).ok).toBe(true);
    return core.stores.stats.stats(0);
  } finally {
    core.close();
  }
}

describe('demo and real data never share a workspace', () => {
  it('connecting from a demo starts a fresh workspace: the demo is set aside, none of its records or actions reach the platform', async () => {
    const server = await platform();
    const { dataDir, runtime } = await demoConsoleWithQueuedActions();
    expect(await value<SyncStatus>(runtime, 'sync.status')).toMatchObject({ state: 'not_configured', pendingActions: DEMO_ACTIONS.length });

    const connected = await value<SyncStatus>(runtime, 'sync.connect', { serverUrl: server.url, token: TOKEN });
    expect(connected.pendingActions).toBe(0);
    const synced = await value<SyncStatus>(runtime, 'sync.now');
    expect(synced).toMatchObject({ state: 'online', pendingActions: 0 });

    expect(server.actions.summary()).toEqual([]);
    const info = await value<WorkspaceInfo>(runtime, 'workspace.info');
    expect(info.isDemo).toBe(false);
    expect(info.setAsideDemo).toMatchObject({ supporters: 40, unsentActions: DEMO_ACTIONS.length });
    expect(fs.existsSync(info.setAsideDemo?.path ?? '')).toBe(true);
    // Exactly what a workspace that never held the demo has: no demo record merged into a real one.
    const stats = await value<CacheStats>(runtime, 'workspace.stats');
    expect(stats).toEqual(await cleanSyncStats(server));

    // The real workspace works as one: an action on a real supporter reaches the platform once.
    expect(await value(runtime, 'actions.run', { supporterId: 's000001', type: 'dm_reminder' })).toMatchObject({ status: 'executed' });
    await value(runtime, 'sync.now');
    expect(server.actions.summary().map((entry) => entry.executions)).toEqual([1]);

    // "Delete demo data".
    expect(await value(runtime, 'workspace.deleteDemo')).toEqual({ deleted: 1 });
    expect((await value<WorkspaceInfo>(runtime, 'workspace.info')).setAsideDemo).toBeNull();
    expect(fs.existsSync(info.setAsideDemo?.path ?? '')).toBe(false);
    expect(fs.readdirSync(dataDir)).not.toContain('demo-set-aside');
    console.info(`connect-from-demo: ${DEMO_ACTIONS.length} demo actions queued before connecting, 0 of them in the reference platform's ledger; the synced workspace equals a never-demo one (${stats.supporters} supporters, ${stats.activities} activities)`);
  }, 60_000);

  it('a connection that fails its test leaves the demo as it was', async () => {
    const server = await platform();
    const { runtime } = await demoConsoleWithQueuedActions();
    const refused = await runtime.invoke('sync.connect', { serverUrl: server.url, token: 'wrong' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', message: 'The platform refused this token. Check it and try again; nothing was saved.' } });
    const info = await value<WorkspaceInfo>(runtime, 'workspace.info');
    expect(info).toMatchObject({ isDemo: true, setAsideDemo: null });
    expect((await value<SyncStatus>(runtime, 'sync.status')).pendingActions).toBe(DEMO_ACTIONS.length);
    expect(server.counters.actionRequests).toBe(0);
  }, 30_000);

  it('a demo workspace never syncs, even with credentials handed to its sync service', async () => {
    const server = await platform();
    const core = CrmCore.open({ dataDir: tempDir() });
    cleanups.push(() => core.close());
    createDemoWorkspace(core, { supporters: 10, days: 10, seed: 7, now: Date.now() });
    const service = createCoreServices(core, { sync: { vault: new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }) } }).sync;
    expect(await service.syncNow()).toMatchObject({ ok: false, error: DEMO_NEVER_SYNCS });
    await expect(service.connect(server.url, TOKEN)).rejects.toThrow(DEMO_NEVER_SYNCS);
    expect(server.counters).toMatchObject({ changeRequests: 0, actionRequests: 0 });
  });

  it('a demo workspace that an earlier version connected is set aside when it opens, before anything syncs', async () => {
    const server = await platform();
    const { dataDir, runtime } = await demoConsoleWithQueuedActions();
    await runtime.stop();
    await new FileCredentialVault(`${dataDir}/platform-connection.json`).save({ serverUrl: server.url, token: TOKEN });
    const reopened = startCoreRuntime({ dataDir, createDemoIfEmpty: true });
    cleanups.push(() => reopened.stop());
    expect((await value<WorkspaceInfo>(reopened, 'workspace.info')).isDemo).toBe(false);
    expect(await value<SyncStatus>(reopened, 'sync.now')).toMatchObject({ state: 'online', pendingActions: 0 });
    expect(server.actions.summary()).toEqual([]);
  }, 30_000);

  it('the CLI follows the same rule: `crm sync` into a demo folder sets the demo aside and sends none of it', async () => {
    const server = await platform();
    const { dataDir, runtime } = await demoConsoleWithQueuedActions();
    await runtime.stop();
    const run = await captureCli(['sync', '--data-dir', dataDir, '--server', server.url, '--token', TOKEN, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ pushedActions: 0 });
    expect(run.stderr).toMatch(/This workspace held demo data, which never syncs: it was set aside in .+demo-set-aside.+ \(40 supporters, 5 unsent demo actions\)/);
    expect(server.actions.summary()).toEqual([]);
    const stats = (await captureCli(['stats', '--data-dir', dataDir, '--json'])).json<CacheStats>();
    expect(stats).toEqual({ ...(await cleanSyncStats(server)), outboxPending: 0 });
    // Demo data never goes into a connected or real workspace either.
    const refused = await captureCli(['demo', '--data-dir', dataDir, '--supporters', '5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('demo data never shares a workspace with real data');
    expect((await captureCli(['demo', '--data-dir', dataDir, '--delete-set-aside', '--json'])).json()).toEqual({ deleted: 1 });
  }, 60_000);

  it('a workspace is marked as demo before its first demo record, so a demo stopped halfway is never taken for real data', () => {
    const core = CrmCore.open({ dataDir: tempDir() });
    cleanups.push(() => core.close());
    expect(() =>
      createDemoWorkspace(core, { supporters: 3000, days: 30, seed: 1, now: Date.now() }, () => {
        throw new Error('stopped');
      }),
    ).toThrow('stopped');
    expect(core.stores.workspace.supporterCount()).toBeGreaterThan(0);
    expect(core.stores.meta.get(IS_DEMO_META_KEY)).toBe('1');
  });
});
