import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FORBIDDEN_MARKERS, makeTempDir, readWorkspaceBytes } from '../sync/syncTestKit';
import { OutboxKeyReusedError, OutboxStore } from './outboxStore';

const opened: OutboxStore[] = [];
function open(dataDir: string): OutboxStore {
  const store = OutboxStore.open(dataDir);
  opened.push(store);
  return store;
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function action(overrides: Partial<{ type: string; supporterId: string; params: Record<string, unknown>; idempotencyKey: string; createdAt: number }> = {}) {
  return { type: 'dm_reminder', supporterId: 's000001', params: {}, idempotencyKey: randomUUID(), createdAt: 1_700_000_000_000, ...overrides };
}

describe('OutboxStore', () => {
  it('lives in its own 0600 WAL file and keeps entries across a reopen', () => {
    const dir = makeTempDir('outbox');
    const store = open(dir);
    const key = randomUUID();
    const id = store.enqueue(action({ idempotencyKey: key, params: { streamId: 'stream-3' } }));
    store.close();
    expect(fs.statSync(OutboxStore.filePath(dir)).mode & 0o777).toBe(0o600);
    const probe = new Database(OutboxStore.filePath(dir), { readonly: true });
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    const again = open(dir);
    expect(again.pending()).toEqual([expect.objectContaining({ id, idempotencyKey: key, status: 'pending', params: { streamId: 'stream-3' }, attempts: 0 })]);
    expect(again.pendingCount()).toBe(1);
  });

  it('enqueue is idempotent per key and refuses the same key for a different action', () => {
    const store = open(makeTempDir('outbox'));
    const entry = action();
    const id = store.enqueue(entry);
    expect(store.enqueue(entry)).toBe(id);
    expect(store.pendingCount()).toBe(1);
    expect(() => store.enqueue({ ...entry, supporterId: 's000002' })).toThrow(OutboxKeyReusedError);
    expect(() => store.enqueue({ ...entry, idempotencyKey: 'not-a-uuid' })).toThrow(/UUID/);
  });

  it('keeps creation order, and delivered or failed entries leave the pending list', () => {
    const store = open(makeTempDir('outbox'));
    const ids = [1, 2, 3].map((n) => store.enqueue(action({ supporterId: `s${n}` })));
    store.recordAttempt(ids[0] as number, 5, 'timeout');
    store.markDelivered(ids[0] as number, { actionId: 'act-1' }, 6);
    store.markFailed(ids[1] as number, 'HTTP 422', 7);
    expect(store.pending().map((entry) => entry.id)).toEqual([ids[2]]);
    expect(store.get(ids[0] as number)).toMatchObject({ status: 'delivered', deliveredAt: 6, result: { actionId: 'act-1' }, attempts: 1, lastError: null });
    expect(store.get(ids[1] as number)).toMatchObject({ status: 'failed', lastError: 'HTTP 422' });
    // A late second delivery report never flips a settled entry.
    store.markDelivered(ids[1] as number, { actionId: 'x' }, 8);
    expect(store.get(ids[1] as number)?.status).toBe('failed');
    expect(store.list().map((entry) => entry.id)).toEqual(ids);
  });

  it('never writes forbidden identity values, from params or from the platform result', () => {
    const dir = makeTempDir('outbox');
    const store = open(dir);
    const id = store.enqueue(action({ params: { note: 'hi', email: FORBIDDEN_MARKERS.email } }));
    store.markDelivered(id, { actionId: 'a', supporter: { phoneNumber: FORBIDDEN_MARKERS.phoneNumber } }, 1);
    expect(store.get(id)?.params).toEqual({ note: 'hi' });
    store.close();
    const bytes = readWorkspaceBytes(dir).toString('latin1');
    expect(bytes).not.toContain(FORBIDDEN_MARKERS.email);
    expect(bytes).not.toContain(FORBIDDEN_MARKERS.phoneNumber);
  });
});
