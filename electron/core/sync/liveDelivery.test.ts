import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStats } from '../../../shared/contract/apiTypes';
import { startPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../platform/platformServer';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { MemoryCredentialVault } from './credentialVault';
import { LiveChangeListener, type LiveDeliveryOptions } from './liveChangeListener';
import type { LiveChangesApi } from './liveChangesClient';
import type { Sleep } from './retryWithBackoff';
import { SyncFault } from './syncFault';
import type { SyncService } from './syncService';
import { buildDataset, DEMO_NOW, makeTempDir, manualScheduler, recordingSleep, seededRandom } from './syncTestKit';

const TOKEN = 'live-test-token';
const DATASET = buildDataset(800, { trickyEvery: 100_000 });
const handlers = createRequestHandlers();
/** How long the listener's long-poll is held by the platform when nothing new arrives. */
const WAIT_SECONDS = 30;
/**
 * A record appended on the platform must be in the cache within this long, with the periodic pull
 * never firing (the scheduler is manual), and an aborted wait must end within it. A third of one
 * wait: only the wait waking on the append (or on the abort) can be that quick, never the wait
 * running out. Typically a few tens of ms; the margin is for a shared, busy test machine, so the
 * test judges behaviour and not speed (speed is `crm bench`'s alertLatencyMs).
 */
const LIVE_BOUND_MS = (WAIT_SECONDS * 1000) / 3;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Workspace {
  server: PlatformServer;
  core: CrmCore;
  services: CoreServices;
  service: SyncService;
  scheduler: ReturnType<typeof manualScheduler>;
  logs: string[];
}

/** A platform, a workspace with live delivery on, its first (periodic) run done: the listener is about to wait. */
async function connectedWorkspace(serverOptions: Partial<PlatformServerOptions> = {}, live: LiveDeliveryOptions = {}): Promise<Workspace> {
  const server = await startPlatformServer({ token: TOKEN, records: DATASET, ...serverOptions });
  cleanups.push(() => server.close());
  const core = CrmCore.open({ dataDir: makeTempDir('live'), clock: () => DEMO_NOW });
  cleanups.push(() => core.close());
  const scheduler = manualScheduler();
  const logs: string[] = [];
  const services = createCoreServices(core, {
    observers: 'all',
    sync: {
    vault: new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }),
    sleep: recordingSleep().sleep,
    random: seededRandom(3),
    scheduler,
    pageSize: 500,
    requestTimeoutMs: 2000,
    eventThrottleMs: 0,
    retry: { maxAttempts: 2 },
    log: (line: string) => logs.push(line),
    live: { waitSeconds: WAIT_SECONDS, baseDelayMs: 20, maxDelayMs: 200, random: seededRandom(4), ...live },
    },
  });
  const service = services.sync;
  await service.start();
  scheduler.fire();
  const first = await service.runInFlight();
  expect(first?.ok).toBe(true);
  return { server, core, services, service, scheduler, logs };
}

async function stats(services: CoreServices): Promise<CacheStats> {
  const result = await invokeRequest(services, handlers, 'workspace.stats', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CacheStats;
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = LIVE_BOUND_MS): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let appended = 0;
/** A new activity on the platform for a supporter the workspace knows. */
function appendActivity(server: PlatformServer): void {
  appended += 1;
  server.append([{ entity: 'activity', op: 'upsert', data: { id: `live-${appended}`, supporterId: 's000001', type: 'gift', at: '2025-11-30T12:00:00Z', tokens: 5 } }]);
}

/** Appends an activity and waits until the cache holds it; returns how long that took. */
async function appliedWithin(workspace: Workspace): Promise<number> {
  const before = (await stats(workspace.services)).activities;
  const started = performance.now();
  appendActivity(workspace.server);
  await eventually(async () => (await stats(workspace.services)).activities === before + 1);
  return performance.now() - started;
}

describe('live delivery (long-poll) in the sync service', () => {
  it('applies a record appended on the platform within the bound, again and again, without the periodic pull', async () => {
    const workspace = await connectedWorkspace();
    await eventually(() => workspace.server.pendingWaits() === 1);
    for (let round = 0; round < 3; round += 1) {
      expect(await appliedWithin(workspace)).toBeLessThan(LIVE_BOUND_MS);
      await eventually(() => workspace.server.pendingWaits() === 1);
    }
    // Only the next periodic run is scheduled; it never fired.
    expect(workspace.scheduler.pending.map((entry) => entry.ms)).toEqual([15_000]);
    expect((await workspace.service.status()).state).toBe('online');
  });

  it('a platform without live delivery (health says so, or the wait answers 404) keeps working through the periodic pull, with no busy loop', async () => {
    const older = await connectedWorkspace({ changesWait: false });
    await pause(300);
    expect(older.server.counters).toMatchObject({ healthRequests: 1, waitRequests: 0 });
    expect(older.logs.some((line) => /offers no live delivery/.test(line))).toBe(true);
    const before = (await stats(older.services)).activities;
    appendActivity(older.server);
    await pause(200);
    expect((await stats(older.services)).activities).toBe(before);
    older.scheduler.fire();
    expect((await older.service.runInFlight())?.ok).toBe(true);
    expect((await stats(older.services)).activities).toBe(before + 1);

    // Announced, but the endpoint is missing (an inconsistent proxy): one 404, then the same fallback.
    const missing = await connectedWorkspace();
    await eventually(() => missing.server.pendingWaits() === 1);
    missing.server.faults.add({ kind: 'server_error', status: 404, route: 'wait', count: 100 });
    // The wait already held delivers this record; the next one meets the 404.
    expect(await appliedWithin(missing)).toBeLessThan(LIVE_BOUND_MS);
    await eventually(() => missing.logs.some((line) => /offers no live delivery/.test(line)));
    await pause(300);
    expect(missing.server.faults.served).toHaveLength(1);
    expect(missing.server.pendingWaits()).toBe(0);
  });

  it('disconnect, shutdown and closing the workspace abort the wait at once', async () => {
    const first = await connectedWorkspace();
    await eventually(() => first.server.pendingWaits() === 1);
    let started = performance.now();
    await first.service.disconnect();
    await eventually(() => first.server.pendingWaits() === 0, LIVE_BOUND_MS);
    expect(performance.now() - started).toBeLessThan(LIVE_BOUND_MS);

    const second = await connectedWorkspace();
    await eventually(() => second.server.pendingWaits() === 1);
    started = performance.now();
    await second.service.shutdown();
    expect(performance.now() - started).toBeLessThan(LIVE_BOUND_MS);
    await eventually(() => second.server.pendingWaits() === 0, LIVE_BOUND_MS);

    const third = await connectedWorkspace();
    await eventually(() => third.server.pendingWaits() === 1);
    third.core.close();
    await eventually(() => third.server.pendingWaits() === 0, LIVE_BOUND_MS);
    // Nothing asks again afterwards.
    const waits = third.server.counters.waitRequests;
    await pause(200);
    expect(third.server.counters.waitRequests).toBe(waits);
  });

  it('dropped connections and errors on the wait back off and recover; records still arrive live', async () => {
    const workspace = await connectedWorkspace();
    await eventually(() => workspace.server.pendingWaits() === 1);
    // The waits after the one held now are dropped by the platform, then fail in other ways.
    workspace.server.faults.add({ kind: 'drop', route: 'wait', count: 2 }, { kind: 'server_error', status: 503, route: 'wait' }, { kind: 'truncate', route: 'wait' });
    expect(await appliedWithin(workspace)).toBeLessThan(LIVE_BOUND_MS);
    // The fourth wait is held (nothing new yet); it will answer cut short.
    await eventually(() => workspace.server.faults.served.length === 4 && workspace.server.pendingWaits() === 1);
    expect(await appliedWithin(workspace)).toBeLessThan(LIVE_BOUND_MS);
    const backoffs = workspace.logs.filter((line) => /^sync: live delivery: .*\(next wait in \d+ ms\)$/.test(line));
    expect(backoffs.map((line) => /UND_ERR_SOCKET|ECONNRESET|HTTP 503|incomplete or invalid/.exec(line)?.[0])).toEqual([
      expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/),
      expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/),
      'HTTP 503',
      'incomplete or invalid',
    ]);
  });

  it('the long-poll never holds up pushing an action', async () => {
    const workspace = await connectedWorkspace();
    await eventually(() => workspace.server.pendingWaits() === 1);
    const idempotencyKey = randomUUID();
    workspace.service.outbox.enqueue({ type: 'dm_reminder', supporterId: 's000001', params: {}, idempotencyKey, createdAt: DEMO_NOW });
    const started = performance.now();
    const report = await workspace.service.syncNow();
    expect(report).toMatchObject({ ok: true, summary: { pushedActions: 1 } });
    expect(performance.now() - started).toBeLessThan(LIVE_BOUND_MS);
    expect(workspace.server.actions.executions(idempotencyKey)).toBe(1);
  });

  it('a refused token stops live delivery with the periodic sync (needs reconnect)', async () => {
    const workspace = await connectedWorkspace();
    await eventually(() => workspace.server.pendingWaits() === 1);
    workspace.server.faults.add({ kind: 'unauthorized', count: 1000 }, { kind: 'unauthorized', route: 'wait', count: 1000 });
    appendActivity(workspace.server);
    await eventually(async () => (await workspace.service.status()).state === 'needs_reconnect');
    await pause(100);
    const waits = workspace.server.counters.waitRequests;
    await pause(300);
    expect(workspace.server.counters.waitRequests).toBe(waits);
    expect(workspace.server.pendingWaits()).toBe(0);
    expect(workspace.scheduler.pending).toEqual([]);
  });

  it('many waits do not leak timers or sockets', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((name) => name === kind).length;
    const timersBefore = count('Timeout');
    const socketsBefore = count('TCPSocketWrap');
    // The platform holds each wait 20 ms: a new wait every ~25 ms for a second.
    const workspace = await connectedWorkspace({}, { waitSeconds: 0.02 });
    await pause(1000);
    expect(workspace.server.counters.waitRequests).toBeGreaterThan(15);
    // One wait in flight at a time: its request timer, the platform's wait timer, a socket each side (and the server's listening socket).
    expect(count('Timeout')).toBeLessThanOrEqual(timersBefore + 3);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore + 4);
    await workspace.service.shutdown();
    await eventually(() => workspace.server.pendingWaits() === 0, LIVE_BOUND_MS);
    await eventually(() => count('Timeout') <= timersBefore + 1, 1000);
  });
});

/** A listener on a scripted platform: every sleep is recorded, and takes 1 ms of real time so the loop yields. */
function scriptedListener(api: Partial<LiveChangesApi>, host: { cursor?: () => string | null; syncNow?: () => Promise<{ ok: boolean }> } = {}) {
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    sleeps.push(ms);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (signal.aborted) throw new SyncFault('cancelled', 'Sync was cancelled.');
  };
  const calls = { waits: 0, runs: 0 };
  const listener = new LiveChangeListener(
    { serverUrl: 'http://127.0.0.1:9', token: 't' },
    {
      cursor: host.cursor ?? (() => 'c1'),
      syncNow: async () => {
        calls.runs += 1;
        return (await host.syncNow?.()) ?? { ok: true };
      },
      log: () => undefined,
    },
    {
      waitSeconds: 20,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      random: () => 0.5,
      sleep,
      createClient: () => ({
        supportsChangesWait: api.supportsChangesWait ?? (async () => true),
        waitForChanges: async (...args) => {
          calls.waits += 1;
          if (!api.waitForChanges) throw new Error('no wait scripted');
          return api.waitForChanges(...args);
        },
      }),
    },
  );
  cleanups.push(async () => {
    listener.stop();
    await listener.finished;
  });
  return { listener, sleeps, calls };
}

describe('the live listener never turns into a busy loop', () => {
  it('a platform that answers "nothing new" at once is asked again only after growing pauses', async () => {
    const { sleeps, calls } = scriptedListener({ waitForChanges: async () => false });
    await pause(150);
    expect(calls.waits).toBeGreaterThan(3);
    // Equal jitter around 100, 200, 400, 800 … ms: each pause at least the previous step's.
    expect(sleeps.slice(0, 4)).toEqual([75, 150, 300, 600]);
  });

  it('"more" that no run finds: the first is free (a race with a run in flight), repeats back off', async () => {
    const { sleeps, calls } = scriptedListener({ waitForChanges: async () => true });
    await pause(100);
    expect(calls.runs).toBeGreaterThan(2);
    expect(sleeps[0]).toBe(150);
    expect(sleeps.slice(0, 3)).toEqual([150, 300, 600]);
  });

  it('a failing platform is retried with backoff honouring Retry-After; a failing run backs off too', async () => {
    let attempt = 0;
    const { sleeps } = scriptedListener({
      waitForChanges: async () => {
        attempt += 1;
        if (attempt === 1) throw new SyncFault('network', 'Could not reach the platform (ECONNRESET); will retry.');
        if (attempt === 2) throw new SyncFault('rate_limited', 'slow down', { status: 429, retryAfterMs: 5000 });
        return true;
      },
    }, { syncNow: async () => ({ ok: false }) });
    await pause(100);
    expect(sleeps.slice(0, 3)).toEqual([75, 5000, 75]);
  });

  it('stop() ends the loop at once, even in the middle of a pause or a wait', async () => {
    const pending = scriptedListener({ waitForChanges: (_cursor, _seconds, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new SyncFault('cancelled', 'x')))) });
    await pause(20);
    expect(pending.listener.state).toBe('waiting');
    pending.listener.stop();
    await pending.listener.finished;
    expect(pending.listener.state).toBe('stopped');
    expect(pending.calls.waits).toBe(1);
  });
});
