import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStats, CoreEvent } from '../../../shared/contract/apiTypes';
import { startPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../platform/platformServer';
import type { FaultRule } from '../../platform/faultInjector';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { MemoryCredentialVault } from './credentialVault';
import type { SyncRunSummary } from './runSync';
import { SyncStateStore } from '../store/syncStateStore';
import type { SyncRunReport, SyncService, SyncServiceOptions } from './syncService';
import { buildDataset, DEMO_NOW, FORBIDDEN_MARKERS, makeTempDir, manualScheduler, readWorkspaceBytes, recordingSleep, seededRandom, TRICKY_QUARANTINED_PER_GROUP } from './syncTestKit';

const TOKEN = 'engine-test-token';
const PAGE_SIZE = 500;
const DATASET = buildDataset(6000, { trickyEvery: 1000 });
const handlers = createRequestHandlers();

interface Harness {
  server: PlatformServer;
  core: CrmCore;
  services: CoreServices;
  service: SyncService;
  dataDir: string;
  waits: number[];
  scheduler: ReturnType<typeof manualScheduler>;
  events: CoreEvent[];
  pageHook: { onPage: ((summary: SyncRunSummary) => void) | null };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(options: Partial<PlatformServerOptions> = {}): Promise<PlatformServer> {
  const server = await startPlatformServer({ token: TOKEN, records: DATASET, ...options });
  cleanups.push(() => server.close());
  return server;
}

function openWorkspace(server: { url: string }, dataDir = makeTempDir('sync'), options: SyncServiceOptions = {}): Omit<Harness, 'server'> {
  const core = CrmCore.open({ dataDir, clock: () => DEMO_NOW });
  cleanups.push(() => core.close());
  const events: CoreEvent[] = [];
  core.onEvent((event) => events.push(event));
  const { sleep, waits } = recordingSleep();
  const scheduler = manualScheduler();
  const pageHook: Harness['pageHook'] = { onPage: null };
  const services = createCoreServices(core, {
    observers: 'none',
    sync: {
      vault: new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }),
      sleep,
      random: seededRandom(5),
      scheduler,
      pageSize: PAGE_SIZE,
      requestTimeoutMs: 400,
      eventThrottleMs: 0,
      onPageApplied: (summary) => pageHook.onPage?.(summary),
      ...options,
    },
  });
  return { core, services, service: services.sync, dataDir, waits, scheduler, events, pageHook };
}

async function harness(serverOptions: Partial<PlatformServerOptions> = {}, serviceOptions: SyncServiceOptions = {}): Promise<Harness> {
  const server = await startServer(serverOptions);
  return { server, ...openWorkspace(server, undefined, serviceOptions) };
}

async function stats(services: CoreServices): Promise<CacheStats> {
  const result = await invokeRequest(services, handlers, 'workspace.stats', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CacheStats;
}

/** The run the manual scheduler's timer just started. */
function periodicRun(service: SyncService): Promise<SyncRunReport> {
  const run = service.runInFlight();
  if (!run) throw new Error('the timer started no run');
  return run;
}

let reference: CacheStats;
beforeAll(async () => {
  const server = await startPlatformServer({ token: TOKEN, records: DATASET });
  const { core, service, services } = openWorkspace(server);
  const report = await service.syncNow();
  expect(report.ok).toBe(true);
  reference = await stats(services);
  core.close();
  await server.close();
});

const dataOf = (value: CacheStats) => ({ ...value, quarantined: undefined, outboxPending: undefined });

describe('sync engine', () => {
  it('pulls the whole log page by page, each page with its cursor; a second run changes nothing', async () => {
    const { server, core, service, events, services } = await harness();
    const report = await service.syncNow();
    expect(report).toMatchObject({ ok: true, summary: { pages: Math.ceil(DATASET.length / PAGE_SIZE), pushedActions: 0 } });
    expect(report.summary.applied + report.summary.quarantined).toBe(DATASET.length);
    expect(await stats(services)).toEqual(reference);
    expect(new SyncStateStore(core.db).receivedFrom(server.url)).toBe(server.log.length);
    expect(events.some((event) => event.kind === 'data_changed' && event.reason === 'sync')).toBe(true);
    expect(events.some((event) => event.kind === 'sync_status')).toBe(true);
    const again = await service.syncNow();
    expect(again).toMatchObject({ ok: true, summary: { applied: 0, quarantined: 0, pages: 1 } });
    expect(await stats(services)).toEqual(reference);
    const status = await service.status();
    expect(status).toMatchObject({ state: 'online', serverUrl: server.url, lastError: null, pendingActions: 0 });
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('quarantines bad records with their reasons, strips forbidden fields, and keeps their values off disk', async () => {
    const { core, service, dataDir } = await harness();
    const report = await service.syncNow();
    const groups = Math.floor(DATASET.length / 1000) - 1;
    expect(report.summary.quarantined).toBe(groups * TRICKY_QUARANTINED_PER_GROUP);
    expect(report.summary.droppedForbiddenFields).toBeGreaterThanOrEqual(groups * 6);
    const { quarantine } = await service.status();
    const reasons = quarantine.byReason.map((entry) => entry.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['unknown entity "wallet"', 'missing field "data.at"', 'unknown activity type "teleport"', 'record is not a JSON object']),
    );
    expect(quarantine.total).toBe(groups * TRICKY_QUARANTINED_PER_GROUP);
    // The late, older version did not overwrite the newer one.
    expect(core.db.prepare("SELECT handle FROM supporters WHERE id = 'versioned-1'").get()).toEqual({ handle: 'v2_1' });
    core.close();
    const bytes = readWorkspaceBytes(dataDir).toString('latin1');
    for (const value of Object.values(FORBIDDEN_MARKERS)) expect(bytes).not.toContain(value);
  });

  const recoverable: [string, FaultRule[]][] = [
    ['500s', [{ kind: 'server_error', count: 3 }]],
    ['503 with Retry-After', [{ kind: 'server_error', status: 503, count: 2 }]],
    ['429 with Retry-After', [{ kind: 'rate_limit', retryAfterSeconds: 2, count: 2 }]],
    ['slow responses (timeout before the headers)', [{ kind: 'slow', delayMs: 1500, count: 2 }]],
    ['slow body (timeout in the middle of the body)', [{ kind: 'slow', phase: 'after', delayMs: 1500, count: 2 }]],
    ['dropped connections', [{ kind: 'drop', count: 2 }]],
    ['connections dropped in the middle of the body', [{ kind: 'drop', phase: 'after', count: 2 }]],
    ['truncated bodies', [{ kind: 'truncate', count: 3 }]],
    ['duplicate pages', [{ kind: 'duplicate', count: 4 }]],
    ['out-of-order pages', [{ kind: 'out_of_order', count: 4 }]],
    ['everything at once', [{ kind: 'truncate' }, { kind: 'duplicate' }, { kind: 'server_error' }, { kind: 'out_of_order' }, { kind: 'drop', phase: 'after' }, { kind: 'rate_limit' }]],
  ];
  it.each(recoverable)('finishes correctly under %s', async (_name, rules) => {
    const { server, service, waits, pageHook, services } = await harness();
    pageHook.onPage = (summary) => {
      if (summary.pages === 3) server.faults.add(...rules);
    };
    const report = await service.syncNow();
    expect(report.ok).toBe(true);
    expect(server.faults.served.length).toBe(rules.reduce((sum, rule) => sum + (rule.count ?? 1), 0));
    const after = await stats(services);
    expect(dataOf(after)).toEqual(dataOf(reference));
    const duplicated = rules.some((rule) => rule.kind === 'duplicate');
    // Re-delivered bad records are quarantined again; everything else is exactly once.
    if (duplicated) expect(after.quarantined).toBeGreaterThanOrEqual(reference.quarantined);
    else expect(after.quarantined).toBe(reference.quarantined);
    if (rules.some((rule) => rule.kind === 'rate_limit')) expect(waits.some((wait) => wait >= (rules.find((rule) => rule.kind === 'rate_limit')?.retryAfterSeconds ?? 1) * 1000)).toBe(true);
    expect((await service.status()).state).toBe('online');
  });

  const persistent: [string, FaultRule, RegExp][] = [
    ['500s', { kind: 'server_error', count: 1000 }, /platform had an error \(HTTP 500/],
    ['truncated bodies', { kind: 'truncate', count: 1000 }, /incomplete or invalid response/],
    ['timeouts', { kind: 'slow', delayMs: 1000, count: 1000 }, /did not answer within 400 ms/],
    ['dropped connections', { kind: 'drop', count: 1000 }, /Could not reach the platform/],
  ];
  it.each(persistent)('reports persistent %s clearly, keeps what it applied, and resumes later', async (_name, rule, message) => {
    const { server, service, scheduler, services } = await harness({}, { retry: { maxAttempts: 3 } });
    await service.start();
    scheduler.pending.splice(0);
    pageHook(service, server, rule);
    const report = await service.syncNow();
    expect(report.ok).toBe(false);
    if (report.ok) return;
    // The fault starts after page 3; page 4 may already have been fetched ahead.
    expect(report.summary.pages).toBeGreaterThanOrEqual(3);
    expect(report.summary.pages).toBeLessThanOrEqual(4);
    expect(report.error).toMatch(message);
    const status = await service.status();
    expect(status.state).toBe('offline');
    expect(status.lastError).toMatch(message);
    const partial = await stats(services);
    expect(partial.activities).toBeGreaterThan(0);
    expect(partial.activities).toBeLessThan(reference.activities);
    // The next periodic run is scheduled; when the platform behaves again it resumes from the stored cursor.
    expect(scheduler.pending.map((entry) => entry.ms)).toEqual([15_000]);
    server.faults.clear();
    scheduler.fire();
    const resumed = await periodicRun(service);
    expect(resumed.ok).toBe(true);
    expect(resumed.summary.pages).toBe(Math.ceil(DATASET.length / PAGE_SIZE) - report.summary.pages);
    expect(await stats(services)).toEqual(reference);
    expect((await service.status()).lastError).toBeNull();
  });

  function pageHook(service: SyncService, server: PlatformServer, rule: FaultRule) {
    // After four pages (the fifth is already being fetched), the platform starts failing.
    let applied = 0;
    const unsubscribe = service['core'].onEvent((event) => {
      if (event.kind !== 'data_changed') return;
      applied += 1;
      if (applied === 3) {
        server.faults.add(rule);
        unsubscribe();
      }
    });
  }

  it('a Retry-After longer than the run can wait ends the run and delays the next one', async () => {
    const { server, service, scheduler } = await harness();
    await service.start();
    scheduler.pending.splice(0);
    server.faults.add({ kind: 'rate_limit', retryAfterSeconds: 600 });
    const report = await service.syncNow();
    expect(report).toMatchObject({ ok: false, fault: 'rate_limited' });
    expect(scheduler.pending.map((entry) => entry.ms)).toEqual([600_000]);
  });

  it('401 stops the sync, asks to reconnect, and stops periodic runs until a new connection', async () => {
    const { server, service, scheduler, services } = await harness();
    await service.start();
    scheduler.pending.splice(0);
    server.faults.add({ kind: 'unauthorized' });
    const report = await service.syncNow();
    expect(report).toMatchObject({ ok: false, fault: 'unauthorized', summary: { pages: 0 } });
    const status = await service.status();
    expect(status.state).toBe('needs_reconnect');
    expect(status.lastError).toMatch(/Reconnect/);
    expect(status.lastError).not.toContain(TOKEN);
    expect(scheduler.pending).toEqual([]);
    // One refused request, not retried.
    expect(server.faults.served).toHaveLength(1);
    expect(server.counters.changeRequests + server.counters.actionRequests).toBe(0);
    // Reconnecting with a token the platform accepts clears it.
    const connected = await invokeRequest(services, handlers, 'sync.connect', { serverUrl: server.url, token: TOKEN });
    expect(connected).toMatchObject({ ok: true, value: { state: 'syncing' } });
    await service.syncNow();
    expect((await service.status()).state).toBe('online');
  });

  it('a 410 for an expired cursor restarts from the beginning once', async () => {
    const first = await startServer({ live: { intervalMs: 3_600_000, seed: 1 } });
    const port = first.port;
    const workspace = openWorkspace(first);
    expect((await workspace.service.syncNow()).ok).toBe(true);
    await first.close();
    // The platform restarts with a rebuilt log: our cursor's epoch is gone.
    const second = await startServer({ port, live: { intervalMs: 3_600_000, seed: 1 } });
    const report = await workspace.service.syncNow();
    expect(report.ok).toBe(true);
    // The 410, then the whole log again.
    expect(second.counters.changeRequests).toBe(1 + Math.ceil(DATASET.length / PAGE_SIZE));
    expect(report.summary.applied + report.summary.quarantined).toBe(DATASET.length);
    expect(dataOf(await stats(workspace.services))).toEqual(dataOf(reference));
  });

  it('cancels cleanly on shutdown and on core.close(), and resumes to the same state', async () => {
    const { server, core, service, dataDir } = await harness({}, { requestTimeoutMs: 10_000 });
    let shutdownDone: Promise<void> | null = null;
    const unsubscribe = core.onEvent((event) => {
      if (event.kind === 'data_changed' && shutdownDone === null) {
        server.faults.add({ kind: 'slow', delayMs: 5000 });
        shutdownDone = service.shutdown();
      }
    });
    const report = await service.syncNow();
    unsubscribe();
    await shutdownDone;
    expect(report).toMatchObject({ ok: false, fault: 'cancelled' });
    expect(report.summary.pages).toBeGreaterThanOrEqual(1);
    core.close();
    server.faults.clear();
    // A new process picks up from the cursor; close() in the middle of a run is harmless too.
    const reopened = openWorkspace(server, dataDir);
    const running = reopened.service.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 5));
    reopened.core.close();
    expect((await running).ok).toBe(false);
    const last = openWorkspace(server, dataDir);
    expect((await last.service.syncNow()).ok).toBe(true);
    expect(await stats(last.services)).toEqual(reference);
  });

  it('"Sync now" during a run gets a run of its own after it, so a change made meanwhile is not missed', async () => {
    const { server, service, services } = await harness({ live: { intervalMs: 3_600_000, seed: 3 } });
    expect((await service.syncNow()).ok).toBe(true);
    // A run is in flight, its (empty) page already built by the platform, when the platform changes.
    server.faults.add({ kind: 'slow', phase: 'after', route: 'changes', delayMs: 150 });
    const first = service.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.faults.clear();
    const added = server.liveTick();
    const second = service.syncNow();
    const third = service.syncNow();
    expect(third).toBe(second);
    const before = await stats(services);
    expect((await first).summary.applied).toBe(0);
    const report = await second;
    expect(report.ok).toBe(true);
    expect(report.summary.applied).toBe(added);
    const after = await stats(services);
    expect(after.activities + after.supporters).toBe(before.activities + before.supporters + added);
  });

  it('a run asked for during a run does not start once sync is stopped', async () => {
    const { server, service } = await harness({}, { requestTimeoutMs: 10_000 });
    server.faults.add({ kind: 'slow', delayMs: 5000 });
    const first = service.syncNow();
    const second = service.syncNow();
    await service.shutdown();
    expect(await first).toMatchObject({ ok: false, fault: 'cancelled' });
    expect(await second).toMatchObject({ ok: false, fault: 'cancelled', error: /stopped before the requested run began/ });
    expect(service.runInFlight()).toBeNull();
  });

  it('periodic sync picks up live activity while connected', async () => {
    const { server, service, scheduler, services } = await harness({ live: { intervalMs: 3_600_000, seed: 2 } });
    await service.start();
    expect(scheduler.pending.map((entry) => entry.ms)).toEqual([1000]);
    scheduler.fire();
    expect((await periodicRun(service)).ok).toBe(true);
    expect(scheduler.pending.map((entry) => entry.ms)).toEqual([15_000]);
    const added = server.liveTick() + server.liveTick() + server.liveTick();
    const before = await stats(services);
    scheduler.fire();
    const report = await periodicRun(service);
    expect(report.summary.applied).toBe(added);
    const after = await stats(services);
    expect(after.activities + after.supporters).toBe(before.activities + before.supporters + added);
  });
});

describe('offline-first: outbox and server down', () => {
  it('says offline at the first failed attempt while the run is still retrying, and syncing again once a page lands', async () => {
    const server = await startServer();
    // Each pause between attempts waits for the test, so the status can be read mid-run.
    const pauses: (() => void)[] = [];
    const workspace = openWorkspace(server, undefined, {
      retry: { maxAttempts: 3 },
      sleep: (_ms, signal) =>
        new Promise<void>((resolve, reject) => {
          pauses.push(resolve);
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    });
    const statuses: string[] = [];
    workspace.core.onEvent((event) => {
      if (event.kind === 'sync_status') statuses.push(`${event.payload.state}: ${event.payload.lastError ?? ''}`);
    });
    server.faults.add({ kind: 'drop', count: 1 });
    const run = workspace.service.syncNow();
    await expect.poll(() => pauses.length).toBe(1);
    const midRun = await workspace.service.status();
    expect(midRun.state).toBe('offline');
    expect(midRun.lastError).toMatch(/Could not reach the platform/);
    expect(statuses.at(-1)).toMatch(/^offline: Could not reach the platform/);
    // The retry gets through: pages land and the run ends online, with no error left behind.
    pauses.shift()?.();
    const report = await run;
    expect(report.ok).toBe(true);
    expect(await workspace.service.status()).toMatchObject({ state: 'online', lastError: null });
    expect(statuses).toContain('syncing: ');
  });

  function enqueue(service: SyncService, count: number, type = 'dm_reminder'): string[] {
    return Array.from({ length: count }, (_, index) => {
      const idempotencyKey = randomUUID();
      service.outbox.enqueue({ type, supporterId: `s00000${index + 1}`, params: { note: `n${index}` }, idempotencyKey, createdAt: DEMO_NOW + index });
      return idempotencyKey;
    });
  }

  it('with the server down, reads work from the cache and actions queue; after a restart each reaches the server exactly once', async () => {
    const first = await startServer();
    const port = first.port;
    const dataDir = makeTempDir('offline');
    const workspace = openWorkspace(first, dataDir, { retry: { maxAttempts: 2 } });
    expect((await workspace.service.syncNow()).ok).toBe(true);
    await first.close();

    const keys = enqueue(workspace.service, 3);
    const report = await workspace.service.syncNow();
    expect(report).toMatchObject({ ok: false, fault: 'network' });
    const status = await workspace.service.status();
    expect(status).toMatchObject({ state: 'offline', pendingActions: 3 });
    // ECONNREFUSED, or a reset when a pooled keep-alive connection to the stopped server is tried first.
    expect(status.lastError).toMatch(/Could not reach the platform \(.+\); will retry/);
    // Every read the console makes answers from the cache.
    for (const [name, input] of [
      ['workspace.stats', {}],
      ['workspace.info', {}],
      ['settings.get', {}],
      ['sync.status', {}],
      ['inbox.counts', {}],
      ['inbox.page', { tab: 'all' }],
      ['profile.get', { supporterId: 's000001' }],
      ['alerts.list', {}],
      ['actions.log', {}],
      ['safety.log', {}],
    ] as const) {
      const result = await invokeRequest(workspace.services, handlers, name, input);
      if (!result.ok) expect(result.error.code, `${name}: ${result.error.message}`).toBe('not_implemented');
    }
    expect(await stats(workspace.services)).toEqual({ ...reference, outboxPending: 3 });
    const now = await invokeRequest(workspace.services, handlers, 'sync.now', {});
    expect(now).toMatchObject({ ok: true, value: { state: 'offline', pendingActions: 3 } });

    // The app restarts (new core, new service) and the platform is back on the same address.
    workspace.core.close();
    const second = await startServer({ port });
    second.faults.add({ kind: 'drop', phase: 'after', route: 'actions' });
    const restarted = openWorkspace(second, dataDir);
    expect(restarted.service.outbox.pendingCount()).toBe(3);
    const delivered = await restarted.service.syncNow();
    expect(delivered).toMatchObject({ ok: true, summary: { pushedActions: 3 } });
    for (const key of keys) expect(second.actions.executions(key)).toBe(1);
    expect(second.actions.totalExecutions).toBe(3);
    // The first action's answer was lost in a dropped connection: it was sent again and replayed, not repeated.
    expect(second.actions.requests(keys[0] as string)).toBe(2);
    expect(restarted.service.outbox.getByKey(keys[0] as string)).toMatchObject({ status: 'delivered', result: { status: 'accepted' } });
    expect((await stats(restarted.services)).outboxPending).toBe(0);
    expect((await restarted.service.syncNow()).summary.pushedActions).toBe(0);
    expect(second.actions.totalExecutions).toBe(3);
  });

  it('pushes before it pulls, and sets aside an action the platform refuses without stopping', async () => {
    const { server, service } = await harness();
    const [refused] = enqueue(service, 1, 'bulk_messaging');
    const [good] = enqueue(service, 1);
    const report = await service.syncNow();
    expect(report).toMatchObject({ ok: true, summary: { pushedActions: 1, failedActions: 1 } });
    expect(service.outbox.getByKey(refused as string)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/HTTP 422/) });
    expect(server.actions.executions(good as string)).toBe(1);
    expect((await service.status()).pendingActions).toBe(0);
  });

  it('a 401 while pushing keeps the actions queued', async () => {
    const { server, service } = await harness();
    enqueue(service, 2);
    server.faults.add({ kind: 'unauthorized', route: 'actions' });
    expect(await service.syncNow()).toMatchObject({ ok: false, fault: 'unauthorized' });
    expect((await service.status()).pendingActions).toBe(2);
    expect(server.counters.changeRequests).toBe(0);
  });
});

describe('sync requests (API)', () => {
  it('connect refuses a bad token or plain http to another host; disconnect forgets the connection', async () => {
    const server = await startServer();
    const dataDir = makeTempDir('api');
    const core = CrmCore.open({ dataDir });
    cleanups.push(() => core.close());
    const services = createCoreServices(core, { observers: 'none' });
    expect(await invokeRequest(services, handlers, 'sync.status', {})).toMatchObject({ ok: true, value: { state: 'not_configured', serverUrl: null } });
    expect(await invokeRequest(services, handlers, 'sync.now', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await invokeRequest(services, handlers, 'sync.connect', { serverUrl: server.url, token: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/refused this token/) },
    });
    expect(await invokeRequest(services, handlers, 'sync.connect', { serverUrl: 'http://example.com', token: 't' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/https/) },
    });
    const connected = await invokeRequest(services, handlers, 'sync.connect', { serverUrl: `${server.url}/`, token: TOKEN });
    expect(connected).toMatchObject({ ok: true, value: { state: 'syncing', serverUrl: server.url } });
    expect(services.sync.hasSavedConnection()).toBe(true);
    await services.sync.syncNow();
    expect(await invokeRequest(services, handlers, 'sync.status', {})).toMatchObject({ ok: true, value: { state: 'online' } });
    // Saved in the default vault: a 0600 file in the data dir; the token is not in the cache.
    const { mode } = await import('node:fs').then((fs) => fs.statSync(`${dataDir}/platform-connection.json`));
    expect(mode & 0o777).toBe(0o600);
    expect(readWorkspaceBytes(dataDir).toString('latin1')).not.toContain(TOKEN);
    expect(await invokeRequest(services, handlers, 'sync.now', {})).toMatchObject({ ok: true, value: { state: 'online' } });
    expect(await invokeRequest(services, handlers, 'sync.disconnect', {})).toMatchObject({ ok: true, value: { state: 'not_configured' } });
    expect(await import('node:fs').then((fs) => fs.existsSync(`${dataDir}/platform-connection.json`))).toBe(false);
    expect(services.sync.hasSavedConnection()).toBe(false);
    // The data stays: the console keeps working from the cache.
    expect((await stats(services)).activities).toBe(reference.activities);
  });

  it('connect to an unreachable platform is refused and saves nothing (tested before it is saved)', async () => {
    const core = CrmCore.open({ dataDir: makeTempDir('api') });
    cleanups.push(() => core.close());
    const vault = new MemoryCredentialVault();
    const services = createCoreServices(core, { observers: 'none', sync: { vault, retry: { maxAttempts: 1 }, scheduler: manualScheduler() } });
    const result = await invokeRequest(services, handlers, 'sync.connect', { serverUrl: 'http://127.0.0.1:9', token: TOKEN });
    expect(result).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringMatching(/^Could not reach 127\.0\.0\.1:9 .*nothing was saved\.$/) } });
    expect(await vault.load()).toBeNull();
    expect(await invokeRequest(services, handlers, 'sync.status', {})).toMatchObject({ ok: true, value: { state: 'not_configured' } });
  });
});

describe('service edge cases', () => {
  it('an unreadable vault reads as not connected; disconnect leaves no timer behind', async () => {
    const core = CrmCore.open({ dataDir: makeTempDir('edge') });
    cleanups.push(() => core.close());
    const scheduler = manualScheduler();
    const lines: string[] = [];
    const { sync: service } = createCoreServices(core, {
      observers: 'none',
      sync: {
        vault: { load: () => Promise.reject(new Error('keychain locked')), save: async () => undefined, clear: async () => undefined },
        scheduler,
        log: (line) => lines.push(line),
      },
    });
    expect((await service.status()).state).toBe('not_configured');
    expect(lines.join('\n')).toMatch(/could not read the saved connection/);

    const server = await startServer();
    service.setCredentialVault(new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }));
    await service.start();
    expect(scheduler.pending).toHaveLength(1);
    const running = service.syncNow();
    await service.disconnect();
    await running;
    expect(scheduler.pending).toEqual([]);
    expect((await service.status()).state).toBe('not_configured');
  });
});

describe('crm sync (CLI)', () => {
  async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { runCli } = await import('../../cli/runCli');
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), clock: () => DEMO_NOW });
    return { code, stdout, stderr };
  }

  it('prints what one run applied, as one JSON document', async () => {
    const server = await startServer();
    const dataDir = makeTempDir('cli');
    const result = await cli(['sync', '--server', server.url, '--token', TOKEN, '--data-dir', dataDir, '--page-size', '1000', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, number>;
    expect(Object.keys(printed)).toEqual(['applied', 'quarantined', 'droppedForbiddenFields', 'pages', 'pushedActions', 'pushedMemory']);
    expect(printed).toMatchObject({ applied: DATASET.length - reference.quarantined, pages: 6, pushedActions: 0, pushedMemory: 0 });
    expect(printed.quarantined).toBe(reference.quarantined);
    expect(result.stderr).toMatch(/… page 6: 6000 records/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
  });

  it('fails with a clear message and a non-zero exit on 401, and refuses half the connection options', async () => {
    const server = await startServer();
    const dataDir = makeTempDir('cli');
    const refused = await cli(['sync', '--server', server.url, '--token', 'not-the-token', '--data-dir', dataDir, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/refused the token given with --token \(HTTP 401\)\. Check the token/);
    expect(refused.stderr).not.toContain('not-the-token');
    const half = await cli(['sync', '--server', server.url, '--data-dir', dataDir]);
    expect(half.code).toBe(2);
    const none = await cli(['sync', '--data-dir', dataDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no saved platform connection/);
  });
});

describe('unexpected failures', () => {
  it('a run stopped by the cache itself (not the platform) is reported, handed to the host, and resumes', async () => {
    const server = await startServer();
    const unexpected: unknown[] = [];
    const workspace = openWorkspace(server, undefined, { onUnexpectedError: (error) => unexpected.push(error) });
    const applyBatch = workspace.core.applyBatch.bind(workspace.core);
    let calls = 0;
    workspace.core.applyBatch = (records, source, extraWork) => {
      calls += 1;
      if (calls === 3) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return applyBatch(records, source, extraWork);
    };
    const report = await workspace.service.syncNow();
    expect(report).toMatchObject({ ok: false, summary: { pages: 2 }, error: 'Sync stopped: database or disk is full' });
    expect(unexpected).toHaveLength(1);
    expect((await workspace.service.status()).state).toBe('offline');
    expect((await workspace.service.syncNow()).ok).toBe(true);
    expect(await stats(workspace.services)).toEqual(reference);
  });
});
