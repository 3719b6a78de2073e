import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeLog, readLogPage, type PageMode } from './changeLog';
import { decodeCursor, encodeCursor, type LogRange } from './platformCursor';
import { startPlatformServer, type PlatformServer } from './platformServer';

const TOKEN = 'test-token';
const auth = { authorization: `Bearer ${TOKEN}` };

function records(count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => ({
    entity: 'activity',
    op: 'upsert',
    data: { id: `a${index}`, supporterId: 's1', type: 'like', at: '2025-11-01T10:00:00Z' },
  }));
}

type Page = { changes: { data: { id: string } }[]; cursor: string; hasMore: boolean };

async function getPage(server: PlatformServer, cursor: string | null, limit: number): Promise<Page> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const response = await fetch(`${server.url}/v1/changes?${query}`, { headers: auth });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

async function postAction(server: PlatformServer, key: string, body: unknown = { type: 'dm_reminder', supporterId: 's1', params: {} }) {
  const response = await fetch(`${server.url}/v1/actions`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as Record<string, unknown> };
}

let server: PlatformServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('reference platform: changes', () => {
  it('binds 127.0.0.1, refuses a missing or wrong token with 401', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(3) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/v1/changes`)).status).toBe(401);
    expect((await fetch(`${server.url}/v1/changes`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
  });

  it('pages through the whole log with opaque, stable cursors; no cursor starts from the beginning', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(25) });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await getPage(server, cursor, 10);
      pages += 1;
      seen.push(...page.changes.map((change) => change.data.id));
      // The same request answers with the same cursor.
      expect((await getPage(server, cursor, 10)).cursor).toBe(page.cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `a${index}`));
    // New records appear after the last cursor.
    server.append(records(27).slice(25));
    const more = await getPage(server, cursor, 10);
    expect(more.changes.map((change) => change.data.id)).toEqual(['a25', 'a26']);
    expect(more.hasMore).toBe(false);
  });

  it('answers 400 for a bad limit or a foreign cursor, 410 for a cursor from another log', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(3) });
    expect((await fetch(`${server.url}/v1/changes?limit=0`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${server.url}/v1/changes?limit=abc`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${server.url}/v1/changes?cursor=%%%`, { headers: auth })).status).toBe(400);
    const stale = encodeCursor({ epoch: 'another-log', ranges: [[1, null]] });
    expect((await fetch(`${server.url}/v1/changes?cursor=${stale}`, { headers: auth })).status).toBe(410);
  });

  it('live mode keeps appending activity', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(3), live: { intervalMs: 60_000, seed: 1 } });
    const before = server.log.length;
    let added = 0;
    for (let tick = 0; tick < 20; tick += 1) added += server.liveTick();
    expect(added).toBeGreaterThan(0);
    expect(server.log.length).toBe(before + added);
    const page = await getPage(server, null, 1000);
    const types = new Set(page.changes.map((change) => (change as unknown as { data: { type?: string } }).data.type));
    expect(types.has('presence')).toBe(true);
  });
});

describe('reference platform: actions', () => {
  it('carries out an action once per Idempotency-Key and replays the first result', async () => {
    server = await startPlatformServer({ token: TOKEN });
    const first = await postAction(server, 'key-1');
    const again = await postAction(server, 'key-1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(server.actions.executions('key-1')).toBe(1);
    expect(server.actions.requests('key-1')).toBe(2);
    const other = await postAction(server, 'key-2');
    expect(other.body.actionId).not.toBe(first.body.actionId);
    expect(server.actions.totalExecutions).toBe(2);
  });

  it('refuses a reused key for a different action, a missing key and unknown action types', async () => {
    server = await startPlatformServer({ token: TOKEN });
    await postAction(server, 'key-1');
    expect((await postAction(server, 'key-1', { type: 'dm_reminder', supporterId: 's2', params: {} })).status).toBe(422);
    expect((await postAction(server, 'key-3', { type: 'bulk_messaging', supporterId: 's2', params: {} })).status).toBe(422);
    const noKey = await fetch(`${server.url}/v1/actions`, { method: 'POST', headers: auth, body: '{}' });
    expect(noKey.status).toBe(400);
  });

  it('test endpoints report counts per key and accept faults (only when enabled)', async () => {
    server = await startPlatformServer({ token: TOKEN, testEndpoints: true });
    await postAction(server, 'key-9');
    const report = (await (await fetch(`${server.url}/__test/actions`, { headers: auth })).json()) as { actions: { idempotencyKey: string; executions: number }[] };
    expect(report.actions).toEqual([expect.objectContaining({ idempotencyKey: 'key-9', executions: 1 })]);
    await fetch(`${server.url}/__test/faults`, { method: 'POST', headers: auth, body: JSON.stringify([{ kind: 'server_error', status: 503 }]) });
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(503);
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(200);
  });
});

describe('reference platform: injected faults', () => {
  it('serves each fault once, then behaves', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(30) });
    server.faults.add({ kind: 'server_error' });
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(500);
    server.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7 });
    const limited = await fetch(`${server.url}/v1/changes`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    server.faults.add({ kind: 'unauthorized' });
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(401);
    server.faults.add({ kind: 'truncate' });
    const truncated = await fetch(`${server.url}/v1/changes?limit=5`, { headers: auth });
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow();
    server.faults.add({ kind: 'drop' });
    await expect(fetch(`${server.url}/v1/changes`, { headers: auth })).rejects.toThrow();
    server.faults.add({ kind: 'drop', phase: 'after' });
    await expect(fetch(`${server.url}/v1/changes?limit=30`, { headers: auth }).then((response) => response.text())).rejects.toThrow();
    server.faults.add({ kind: 'slow', delayMs: 300 });
    await expect(fetch(`${server.url}/v1/changes`, { headers: auth, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect((await getPage(server, null, 5)).changes).toHaveLength(5);
    expect(server.faults.served.map((fault) => fault.kind)).toEqual(['server_error', 'rate_limit', 'unauthorized', 'truncate', 'drop', 'drop', 'slow']);
  });

  it('a duplicate page is served again at the same position; an out-of-order page comes before the one it skipped', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(30) });
    server.faults.add({ kind: 'duplicate' });
    const duplicate = await getPage(server, null, 10);
    const normal = await getPage(server, duplicate.cursor, 10);
    expect(normal.changes.map((change) => change.data.id)).toEqual(duplicate.changes.map((change) => change.data.id));
    server.faults.add({ kind: 'out_of_order' });
    const ahead = await getPage(server, normal.cursor, 5);
    const behind = await getPage(server, ahead.cursor, 5);
    const after = await getPage(server, behind.cursor, 5);
    expect(ahead.changes[0]?.data.id).toBe('a15');
    expect(behind.changes[0]?.data.id).toBe('a10');
    expect(after.changes[0]?.data.id).toBe('a20');
  });

  it('random faults follow the seed', async () => {
    server = await startPlatformServer({ token: TOKEN, records: records(5) });
    server.faults.setRandom({ rate: 1, kinds: ['server_error'], seed: 3 });
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(500);
    server.faults.clear();
    expect((await fetch(`${server.url}/v1/changes`, { headers: auth })).status).toBe(200);
  });
});

describe('change log paging (property)', () => {
  it('whatever the faults, every record is served at least once, and exactly once without duplicate faults', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 17 }),
        fc.array(fc.constantFrom<PageMode>('normal', 'normal', 'normal', 'duplicate', 'out_of_order'), { maxLength: 400 }),
        (size, limit, modes) => {
          const log = new ChangeLog();
          for (let index = 0; index < size; index += 1) log.append(index);
          let ranges: readonly LogRange[] = [[0, null]];
          const served: number[] = [];
          let duplicates = false;
          for (let step = 0; step < 1000; step += 1) {
            const mode = modes[step] ?? 'normal';
            duplicates ||= mode === 'duplicate';
            const page = readLogPage(log, ranges, limit, mode);
            served.push(...page.records.map(Number));
            // The cursor survives its own encoding.
            ranges = decodeCursor(encodeCursor({ epoch: 'e', ranges: page.nextRanges }))?.ranges ?? [];
            if (!page.hasMore) break;
          }
          expect(new Set(served).size).toBe(size);
          if (!duplicates) expect(served).toHaveLength(size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
