import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequestName } from '../../../shared/contract/apiContract';
import { startPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../platform/platformServer';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { memoryChangeRecord } from '../memory/sync/memoryChangeRecord';
import { memoryWriterId } from '../memory/sync/memoryWriterId';
import { captureCli } from '../../../tests/support/captureCli';
import { MemoryCredentialVault } from './credentialVault';
import { HttpPlatformClient, type PlatformApi } from './platformClient';
import type { SyncServiceOptions } from './syncService';
import { makeTempDir, manualScheduler, recordingSleep, seededRandom } from './syncTestKit';

const TOKEN = 'memory-push-token';
const NOW = Date.parse('2025-12-03T10:00:00Z');
const HOUR = 3_600_000;
const handlers = createRequestHandlers();
const SECRET = 'Pangolinsecret asked about the spring tour';
const EDITED = 'Okapisecret prefers morning streams';

const RECORDS = [
  { entity: 'creator', op: 'upsert', data: { id: 'c1', handle: 'creator', earnOn: true, timezone: 'UTC' } },
  { entity: 'supporter', op: 'upsert', data: { id: 's1', handle: 'fan_one', firstSeenAt: '2025-11-01T00:00:00Z' } },
  { entity: 'supporter', op: 'upsert', data: { id: 's2', handle: 'fan_two', firstSeenAt: '2025-11-01T00:00:00Z' } },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function platform(options: Partial<PlatformServerOptions> = {}): Promise<PlatformServer> {
  const server = await startPlatformServer({ token: TOKEN, records: RECORDS, ...options });
  cleanups.push(() => server.close());
  return server;
}

function workspace(server: { url: string }, options: SyncServiceOptions = {}, dataDir = makeTempDir('memory-push')) {
  const clock = { now: NOW };
  const core = CrmCore.open({ dataDir, clock: () => clock.now });
  const services = createCoreServices(core, {
    observers: 'none',
    sync: {
      vault: new MemoryCredentialVault({ serverUrl: server.url, token: TOKEN }),
      sleep: recordingSleep().sleep,
      random: seededRandom(3),
      scheduler: manualScheduler(),
      requestTimeoutMs: 5_000,
      eventThrottleMs: 0,
      wallClock: () => clock.now,
      ...options,
    },
  });
  cleanups.push(() => core.close());
  const call = async <T>(name: ApiRequestName, input: unknown): Promise<T> => {
    const result = await invokeRequest(services, handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  return { core, services, clock, call, dataDir };
}

async function writeSomeMemory(w: ReturnType<typeof workspace>): Promise<string> {
  const { noteId } = await w.call<{ noteId: string }>('notes.add', { supporterId: 's1', text: SECRET });
  await w.call('tags.add', { supporterId: 's1', tag: 'VIP club' });
  await w.call('followUps.add', { supporterId: 's2', dueAt: new Date(NOW + 3 * HOUR).toISOString(), text: 'Ask how the exam went' });
  await w.call('snooze.set', { supporterId: 's2', until: new Date(NOW + 5 * HOUR).toISOString() });
  return noteId;
}

function logText(server: PlatformServer): string {
  return server.log.slice(0, server.log.length).join('\n');
}

async function syncOk(services: CoreServices) {
  const report = await services.sync.syncNow();
  if (!report.ok) throw new Error(report.error);
  return report.summary;
}

describe('memory through the outbox to the platform (docs/sync-protocol.md §9)', () => {
  it('queues every write, sends it on the next run, and a later edit or deletion leaves no earlier text on the platform', async () => {
    const server = await platform();
    const w = workspace(server);
    await syncOk(w.services);
    const noteId = await writeSomeMemory(w);
    expect(w.core.outbox.pendingMemoryCount()).toBe(4);
    expect((await w.services.sync.status()).pendingMemoryChanges).toBe(4);

    const first = await syncOk(w.services);
    expect(first).toMatchObject({ pushedMemory: 4, failedMemory: 0, heldMemory: 0 });
    expect(w.core.outbox.pendingMemoryCount()).toBe(0);
    expect(server.memory.counts).toMatchObject({ applied: 4, rejected: 0 });
    expect(logText(server)).toContain(SECRET);

    w.clock.now += HOUR;
    await w.call('notes.edit', { noteId, text: EDITED });
    expect((await syncOk(w.services)).pushedMemory).toBe(1);
    expect(logText(server)).toContain(EDITED);
    expect(logText(server)).not.toContain('Pangolinsecret');

    w.clock.now += HOUR;
    await w.call('notes.delete', { noteId });
    await syncOk(w.services);
    expect(logText(server)).not.toContain('Okapisecret');
    // The deletion is in the feed as `op: delete`, with its version.
    const deletion = server.log.slice(0, server.log.length).map((line) => JSON.parse(line) as { entity: string; op: string; data: { id: string; version: number } }).find((record) => record.entity === 'note');
    expect(deletion).toMatchObject({ op: 'delete', data: { id: noteId, version: 3 } });
    // Sending the same state twice changes nothing: the platform calls it unchanged.
    expect(server.memory.submit(JSON.parse(server.log.slice(server.log.length - 1, server.log.length)[0] as string))).toMatchObject({ outcome: 'unchanged' });
  });

  it('survives faults on the push: a 500, a 429 and an answer lost after the platform kept the records; each record is kept once', async () => {
    const server = await platform();
    const w = workspace(server);
    await syncOk(w.services);
    await writeSomeMemory(w);
    server.faults.add({ kind: 'server_error', route: 'memory', count: 1 }, { kind: 'rate_limit', route: 'memory', count: 1, retryAfterSeconds: 1 }, { kind: 'drop', route: 'memory', phase: 'after', count: 1 });
    const summary = await syncOk(w.services);
    expect(summary).toMatchObject({ pushedMemory: 4, failedMemory: 0 });
    expect(w.core.outbox.pendingMemoryCount()).toBe(0);
    // The dropped answer's records were kept the first time; the retry finds them unchanged.
    expect(server.memory.counts).toMatchObject({ applied: 4, unchanged: 4, rejected: 0 });
    expect(server.memory.size).toBe(4);
  });

  it('leaves memory waiting, and still syncs everything else, while the platform does not keep memory', async () => {
    const server = await platform({ memory: false });
    const w = workspace(server);
    await syncOk(w.services);
    await writeSomeMemory(w);
    server.append([{ entity: 'supporter', op: 'upsert', data: { id: 's3', handle: 'fan_three', firstSeenAt: '2025-11-02T00:00:00Z' } }]);
    const summary = await syncOk(w.services);
    expect(summary).toMatchObject({ applied: 1, pushedMemory: 0, heldMemory: 4, failedMemory: 0 });
    expect(w.core.outbox.pendingMemoryCount()).toBe(4);
    expect(server.counters.memoryRequests).toBe(0);
  });

  it('crm sync says how many memory changes it pushed, and why some wait', async () => {
    const without = await platform({ memory: false });
    const dataDir = makeTempDir('memory-cli');
    const crm = (argv: string[]) => captureCli([...argv, '--data-dir', dataDir, '--now', new Date(NOW).toISOString()]);
    expect((await crm(['sync', '--server', without.url, '--token', TOKEN, '--json'])).code).toBe(0);
    expect((await crm(['note', 'add', 's1', '--text', SECRET])).code).toBe(0);
    const held = await crm(['sync', '--server', without.url, '--token', TOKEN, '--json']);
    expect(held.code, held.stderr).toBe(0);
    expect(JSON.parse(held.stdout)).toMatchObject({ pushedMemory: 0 });
    expect(held.stderr).toContain('1 memory change(s) wait in the outbox: this platform does not keep notes, tags or follow-ups');
    const keeping = await platform();
    const sent = await crm(['sync', '--server', keeping.url, '--token', TOKEN]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Pushed 0 queued action(s) and 1 memory change(s) to the platform.');
    expect(`${held.stdout}${held.stderr}${sent.stdout}${sent.stderr}`).not.toContain('Pangolinsecret');
  });

  it('sets aside a change the platform refuses, without its text; the note stays on this machine', async () => {
    const server = await platform();
    const refusing = (credentials: { serverUrl: string; token: string }, requestTimeoutMs: number): PlatformApi => {
      const http = new HttpPlatformClient({ ...credentials, requestTimeoutMs });
      return {
        fetchChanges: (cursor, limit, signal) => http.fetchChanges(cursor, limit, signal),
        postAction: (action, key, signal) => http.postAction(action, key, signal),
        postMemory: async (changes) => changes.map(() => ({ outcome: 'rejected' as const, reason: 'this account keeps no notes' })),
      };
    };
    const w = workspace(server, { createClient: refusing });
    await syncOk(w.services);
    const { noteId } = await w.call<{ noteId: string }>('notes.add', { supporterId: 's1', text: SECRET });
    const summary = await syncOk(w.services);
    expect(summary).toMatchObject({ pushedMemory: 0, failedMemory: 1 });
    const [entry] = w.core.outbox.open().list(0, 10);
    expect(entry).toMatchObject({ type: 'memory', status: 'failed', lastError: 'The platform refused it: this account keeps no notes' });
    expect(JSON.stringify(entry?.params)).not.toContain('Pangolinsecret');
    expect(w.core.stores.notes.record(noteId)?.text).toBe(SECRET);
    expect(w.core.outbox.pendingMemoryCount()).toBe(0);
  });

  it('puts back into the cache a queued write whose cache commit was lost (the outbox is the source of truth)', async () => {
    const server = await platform();
    const w = workspace(server);
    await syncOk(w.services);
    const { noteId } = await w.call<{ noteId: string }>('notes.add', { supporterId: 's1', text: SECRET });
    // As if the process had died between the outbox's commit and the cache's.
    w.core.db.prepare('DELETE FROM supporter_notes WHERE id = ?').run(noteId);
    expect(w.core.stores.notes.record(noteId)).toBeNull();
    await w.services.sync.start();
    expect(w.core.stores.notes.record(noteId)?.text).toBe(SECRET);
    expect((await w.call<{ notes: { text: string }[] }>('notes.list', { supporterId: 's1' })).notes.map((note) => note.text)).toEqual([SECRET]);
  });

  it('signs and sends memory written before it synced, and gives a new platform the whole memory, tombstones included', async () => {
    const first = await platform();
    const w = workspace(first);
    await syncOk(w.services);
    // A row from before memory synced: never queued, no writer.
    const legacy = { entity: 'note' as const, id: 'legacy-note', supporterId: 's2', text: 'Written before sync', createdAt: NOW - HOUR, updatedAt: NOW - HOUR, version: 1, writer: '', deleted: false };
    w.core.transaction(() => w.core.stores.notes.put(legacy));
    const { noteId } = await w.call<{ noteId: string }>('notes.add', { supporterId: 's1', text: SECRET });
    await w.call('notes.delete', { noteId });
    expect((await syncOk(w.services)).pushedMemory).toBe(2);
    expect(w.core.stores.notes.record('legacy-note')?.writer).toBe(memoryWriterId(w.core.stores.meta));
    expect(first.memory.size).toBe(2);

    const second = await platform();
    await w.services.sync.connect(second.url, TOKEN);
    await syncOk(w.services);
    expect(second.memory.size).toBe(2);
    const onSecond = second.log.slice(0, second.log.length).map((line) => JSON.parse(line) as { entity: string; op: string; data: { id: string } });
    expect(onSecond.filter((record) => record.entity === 'note').map((record) => [record.data.id, record.op]).sort()).toEqual([
      ['legacy-note', 'upsert'],
      [noteId, 'delete'],
    ].sort());
    // Connecting again to the same platform does not send it all again.
    const requests = second.counters.memoryRequests;
    await syncOk(w.services);
    expect(second.counters.memoryRequests).toBe(requests);
  });
});

describe('reference platform: POST /v1/memory', () => {
  const post = (server: PlatformServer, body: string, token = TOKEN) =>
    fetch(`${server.url}/v1/memory`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  const note = (version: number, text: string | null) =>
    memoryChangeRecord({ entity: 'note', id: 'n1', supporterId: 's1', text, createdAt: NOW, updatedAt: NOW + version, version, writer: 'w1', deleted: text === null });

  it('answers each record in order: applied, unchanged, superseded, rejected with a reason that never repeats the text', async () => {
    const server = await platform();
    const guarded = { ...note(9, null), op: 'upsert', data: { ...note(9, null).data, text: `${SECRET} on 0171 1234567` } };
    const response = await post(server, JSON.stringify({ changes: [note(2, 'Second'), note(2, 'Second'), note(1, 'First'), guarded, { entity: 'wallet' }] }));
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { id: string | null; outcome: string; reason?: string }[] };
    expect(results.map((result) => result.outcome)).toEqual(['applied', 'unchanged', 'superseded', 'rejected', 'rejected']);
    expect(results[3]).toEqual({ id: 'n1', outcome: 'rejected', reason: 'the note holds contact details (phone_number); the text was not kept' });
    expect(results[4]?.reason).toBe('record is not a memory record');
    expect(logText(server)).not.toContain('Pangolinsecret');
    expect(logText(server)).toContain('"Second"');
  });

  it('refuses a body that is not a push: bad token 401, not JSON 400, no changes or too many 422, too large 413; 404 where memory is off', async () => {
    const server = await platform();
    expect((await post(server, '{}', 'wrong')).status).toBe(401);
    expect((await post(server, '{not json')).status).toBe(400);
    for (const body of ['{}', '{"changes": []}', '{"changes": {}}', '[]', JSON.stringify({ changes: Array.from({ length: 501 }, () => note(1, 'x')) })]) {
      expect((await post(server, body)).status, body.slice(0, 40)).toBe(422);
    }
    expect((await post(server, JSON.stringify({ changes: [note(1, 'x'.repeat(5 * 1024 * 1024))] }))).status).toBe(413);
    expect(server.memory.size).toBe(0);
    const without = await platform({ memory: false });
    expect((await post(without, JSON.stringify({ changes: [note(1, 'x')] }))).status).toBe(404);
  });
});
