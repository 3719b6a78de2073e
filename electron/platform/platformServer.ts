import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { isCrmActionType } from '../../shared/domain/crmActions';
import { ActionLedger, type PlatformActionRequest } from './actionLedger';
import { ChangeLog, readLogPage, type PageMode } from './changeLog';
import { FaultInjector, type FaultRoute, type FaultRule } from './faultInjector';
import { LiveActivityGenerator, observeWorld, type LiveWorld } from './liveActivity';
import { MemoryLedger } from './memoryLedger';
import { PendingChangeWaits } from './pendingChangeWaits';
import { decodeCursor, encodeCursor, type LogRange } from './platformCursor';

export interface PlatformServerOptions {
  token: string;
  /** 0 (default) picks a free port. The server only ever binds 127.0.0.1. */
  port?: number;
  /** The initial change records (SPEC §1 objects). */
  records?: Iterable<unknown>;
  /** Keep producing activity at the real clock every `intervalMs`. */
  live?: { intervalMs: number; seed: number };
  /**
   * Live delivery (`GET /v1/changes/wait`, announced by `/v1/health`); default on. Off, the server
   * answers the wait with 404 as a platform without it would: for tests of the client's fallback.
   */
  changesWait?: boolean;
  /**
   * Relationship memory (`POST /v1/memory`, announced by `/v1/health` as `memory`); default on.
   * Off, the server answers 404 there, as a platform without it would.
   */
  memory?: boolean;
  clock?: () => number;
  defaultLimit?: number;
  maxLimit?: number;
  /** `/__test/actions` (counts per key) and `/__test/faults` (inject), for tests driving a server in another process. */
  testEndpoints?: boolean;
  /** Request log lines (never carry the token). */
  logLine?: (line: string) => void;
}

export interface PlatformServer {
  url: string;
  port: number;
  log: ChangeLog;
  faults: FaultInjector;
  actions: ActionLedger;
  /** The account's relationship memory: the latest state of every record clients sent. */
  memory: MemoryLedger;
  counters: { changeRequests: number; actionRequests: number; memoryRequests: number; waitRequests: number; healthRequests: number; unauthorized: number };
  /** Appends records to the log, as the platform would when new activity happens. */
  append(records: Iterable<unknown>): void;
  /** Runs one burst of live activity now (live mode only); returns how many records it added. */
  liveTick(): number;
  /** Long-polls waiting for new records right now (they hold no timer once answered or abandoned). */
  pendingWaits(): number;
  /** The live generator leaves these supporters alone from now on, so a script can drive them (a benchmark's VIPs). */
  reserveSupporters(supporterIds: Iterable<string>): void;
  close(): Promise<void>;
}

const MAX_ACTION_BODY_BYTES = 64 * 1024;
/** A push of memory changes: up to `MAX_MEMORY_CHANGES_PER_PUSH` notes of 2,000 characters each fit. */
const MAX_MEMORY_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_MEMORY_CHANGES_PER_PUSH = 500;
/** The longest a client may ask `/v1/changes/wait` to hold (seconds), and the wait when it does not say. */
export const MAX_WAIT_SECONDS = 60;
const DEFAULT_WAIT_SECONDS = 25;

/** The reference platform: the sync protocol v1 (docs/sync-protocol.md) for development, demos and tests. */
export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  const clock = options.clock ?? Date.now;
  const defaultLimit = options.defaultLimit ?? 1000;
  const maxLimit = options.maxLimit ?? 10_000;
  const log = new ChangeLog();
  const memory = new MemoryLedger(log);
  const world: LiveWorld = { supporterIds: [], listings: [], reserved: new Set() };
  const appendRecord = (record: unknown) => {
    observeWorld(world, record);
    log.append(record);
    memory.observe(record, log.length - 1);
  };
  for (const record of options.records ?? []) appendRecord(record);
  // A restarted live server has a different log beyond the initial records, so its cursors get a new epoch.
  const epoch = options.live ? `${log.digest()}-${clock().toString(36)}` : log.digest();
  const faults = new FaultInjector();
  const actions = new ActionLedger(clock);
  const counters = { changeRequests: 0, actionRequests: 0, memoryRequests: 0, waitRequests: 0, healthRequests: 0, unauthorized: 0 };
  const changesWait = options.changesWait ?? true;
  const memoryEnabled = options.memory ?? true;
  const capabilities = [...(changesWait ? ['changes_wait'] : []), ...(memoryEnabled ? ['memory'] : [])];
  const hasRecordsAfter = (ranges: readonly LogRange[]) => readLogPage(log, ranges, 1).records.length > 0;
  const waits = new PendingChangeWaits(hasRecordsAfter);
  const expectedToken = Buffer.from(`Bearer ${options.token}`);
  const live = options.live ? new LiveActivityGenerator(log, world, clock, options.live.seed) : null;
  const logLine = options.logLine ?? (() => undefined);

  const isAuthorized = (request: http.IncomingMessage) => {
    const header = Buffer.from(request.headers.authorization ?? '');
    return header.length === expectedToken.length && timingSafeEqual(header, expectedToken);
  };

  const sendJson = (response: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    const body = JSON.stringify(value);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    response.end(body);
  };

  /** Sends a body, or misbehaves with it as the fault asks. */
  const sendBody = async (request: http.IncomingMessage, response: http.ServerResponse, body: string, fault: FaultRule | null, headers: Record<string, string> = {}) => {
    const bytes = Buffer.from(body);
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    if (fault?.kind === 'drop' && fault.phase === 'after') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers });
      response.write(half);
      await new Promise((resolve) => setTimeout(resolve, 10));
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'truncate') {
      // Chunked and ended cleanly: the transport sees a complete response whose JSON is cut short.
      response.writeHead(200, { 'content-type': 'application/json', ...headers });
      response.end(half);
      return;
    }
    if (fault?.kind === 'slow' && fault.phase === 'after') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers });
      response.write(half);
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
      if (!response.destroyed) response.end(bytes.subarray(half.length));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers });
    response.end(bytes);
  };

  /** The position a `cursor` parameter names (absent or empty: the beginning); null after answering 400 or 410. */
  const positionOf = (response: http.ServerResponse, url: URL): readonly LogRange[] | null => {
    const cursorText = url.searchParams.get('cursor');
    if (cursorText === null || cursorText === '') return [[0, null]];
    const cursor = decodeCursor(cursorText);
    if (cursor === null) {
      sendJson(response, 400, { error: 'invalid_cursor', message: 'This cursor was not issued by this platform.' });
      return null;
    }
    // A position past the end of the log was issued by an earlier run whose appended records
    // (memory pushed by clients, say) this one does not have: the log was rebuilt too.
    if (cursor.epoch !== epoch || cursor.ranges.some(([start]) => start > log.length)) {
      sendJson(response, 410, { error: 'cursor_expired', message: 'The change log was rebuilt; sync again from the beginning.' });
      return null;
    }
    return cursor.ranges;
  };

  const handleChanges = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL, fault: FaultRule | null) => {
    counters.changeRequests += 1;
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? defaultLimit : Number(limitText);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > maxLimit) {
      sendJson(response, 400, { error: 'invalid_limit', message: `limit must be a whole number from 1 to ${maxLimit}` });
      return;
    }
    const ranges = positionOf(response, url);
    if (ranges === null) return;
    const mode: PageMode = fault?.kind === 'duplicate' ? 'duplicate' : fault?.kind === 'out_of_order' ? 'out_of_order' : 'normal';
    const page = readLogPage(log, ranges, limit, mode);
    const cursor = encodeCursor({ epoch, ranges: page.nextRanges });
    const body = `{"changes":[${page.records.join(',')}],"cursor":"${cursor}","hasMore":${page.hasMore}}`;
    await sendBody(request, response, body, fault);
  };

  /**
   * Live delivery: answers `{"hasMore": true}` as soon as the log holds records after the cursor
   * (at once if it already does), or `{"hasMore": false}` when `timeout` seconds pass first. It
   * carries no records: the client pulls them with `/v1/changes`, so there is one way to apply them.
   */
  const handleWait = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL, fault: FaultRule | null) => {
    counters.waitRequests += 1;
    const timeoutText = url.searchParams.get('timeout');
    const timeoutSeconds = timeoutText === null ? DEFAULT_WAIT_SECONDS : Number(timeoutText);
    if (timeoutText === '' || !Number.isFinite(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds > MAX_WAIT_SECONDS) {
      sendJson(response, 400, { error: 'invalid_timeout', message: `timeout must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}` });
      return;
    }
    const ranges = positionOf(response, url);
    if (ranges === null) return;
    const answer = (hasMore: boolean) => sendBody(request, response, `{"hasMore":${hasMore}}`, fault);
    const hasMore = hasRecordsAfter(ranges);
    if (hasMore || timeoutSeconds === 0) {
      await answer(hasMore);
      return;
    }
    // A client that left while a fault stalled its request has nothing left to wait for.
    if (response.destroyed) return;
    await new Promise<void>((resolve, reject) => {
      const forget = waits.add(ranges, timeoutSeconds * 1000, (more) => void answer(more).then(resolve, reject));
      // A client that gives up (aborted, closed, timed out) frees its wait and timer at once.
      response.once('close', () => {
        forget();
        resolve();
      });
    });
  };

  const readBody = (request: http.IncomingMessage, maxBytes = MAX_ACTION_BODY_BYTES) =>
    new Promise<string | null>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          resolve(null);
          request.resume();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });

  const handleAction = async (request: http.IncomingMessage, response: http.ServerResponse, fault: FaultRule | null) => {
    counters.actionRequests += 1;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[A-Za-z0-9-]{1,200}$/.test(key)) {
      sendJson(response, 400, { error: 'missing_idempotency_key', message: 'POST /v1/actions needs an Idempotency-Key header.' });
      return;
    }
    const text = await readBody(request);
    if (text === null) {
      sendJson(response, 413, { error: 'too_large', message: 'The action body is too large.' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendJson(response, 400, { error: 'invalid_json', message: 'The action body is not JSON.' });
      return;
    }
    const parsed = parseActionRequest(body);
    if (typeof parsed === 'string') {
      sendJson(response, 422, { error: 'invalid_action', message: parsed });
      return;
    }
    if (fault?.kind === 'slow' && fault.phase !== 'after') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    const outcome = actions.submit(key, parsed);
    if (outcome.kind === 'key_reused') {
      sendJson(response, 422, { error: 'idempotency_key_reused', message: outcome.message });
      return;
    }
    logLine(`action ${outcome.kind} ${parsed.type} for ${parsed.supporterId}`);
    await sendBody(request, response, JSON.stringify(outcome.result), fault, outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {});
  };

  /**
   * Relationship memory from a client (docs/sync-protocol.md §9): `{"changes": [record, …]}`, each
   * judged on its own (last writer wins per id); the answer lists what happened to each, in order.
   * No idempotency key: a record sent twice is the same write, `unchanged` the second time. The
   * log line counts outcomes only: a note's text, even its id, never reaches it.
   */
  const handleMemory = async (request: http.IncomingMessage, response: http.ServerResponse, fault: FaultRule | null) => {
    counters.memoryRequests += 1;
    const text = await readBody(request, MAX_MEMORY_BODY_BYTES);
    if (text === null) {
      sendJson(response, 413, { error: 'too_large', message: 'The memory push is too large.' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendJson(response, 400, { error: 'invalid_json', message: 'The memory push is not JSON.' });
      return;
    }
    const changes = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { changes?: unknown }).changes : undefined;
    if (!Array.isArray(changes) || changes.length === 0 || changes.length > MAX_MEMORY_CHANGES_PER_PUSH) {
      sendJson(response, 422, { error: 'invalid_memory', message: `Send {"changes": [...]} with 1 to ${MAX_MEMORY_CHANGES_PER_PUSH} memory records.` });
      return;
    }
    if (fault?.kind === 'slow' && fault.phase !== 'after') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
    const results = changes.map((change) => memory.submit(change));
    const applied = results.filter((result) => result.outcome === 'applied').length;
    if (applied > 0) waits.notifyAppended();
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    logLine(`memory ${changes.length} record(s): ${applied} applied, ${count('unchanged')} unchanged, ${count('superseded')} superseded, ${count('rejected')} rejected`);
    await sendBody(request, response, JSON.stringify({ results }), fault);
  };

  const handleTestEndpoint = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => {
    if (url.pathname === '/__test/actions' && request.method === 'GET') {
      sendJson(response, 200, { actions: actions.summary(), counters });
      return;
    }
    if (url.pathname === '/__test/faults' && request.method === 'POST') {
      const text = await readBody(request);
      try {
        const rules = JSON.parse(text ?? '') as FaultRule[];
        faults.add(...rules);
        sendJson(response, 200, { pending: faults.pendingCount() });
      } catch {
        sendJson(response, 400, { error: 'invalid_json', message: 'Send a JSON array of fault rules.' });
      }
      return;
    }
    if (url.pathname === '/__test/faults' && request.method === 'DELETE') {
      faults.clear();
      sendJson(response, 200, { pending: 0 });
      return;
    }
    sendJson(response, 404, { error: 'not_found', message: 'No such test endpoint.' });
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let route: FaultRoute;
      if (url.pathname === '/v1/changes' && request.method === 'GET') route = 'changes';
      else if (url.pathname === '/v1/actions' && request.method === 'POST') route = 'actions';
      else if (url.pathname === '/v1/changes/wait' && request.method === 'GET' && changesWait) route = 'wait';
      else if (url.pathname === '/v1/memory' && request.method === 'POST' && memoryEnabled) route = 'memory';
      else if (url.pathname === '/v1/health' && request.method === 'GET') {
        counters.healthRequests += 1;
        sendJson(response, 200, { ok: true, protocol: 1, capabilities });
        return;
      } else if (options.testEndpoints && url.pathname.startsWith('/__test/')) {
        if (!isAuthorized(request)) {
          sendJson(response, 401, { error: 'unauthorized', message: 'Bad or missing token.' }, { 'www-authenticate': 'Bearer' });
          return;
        }
        await handleTestEndpoint(request, response, url);
        return;
      } else {
        sendJson(response, 404, { error: 'not_found', message: 'No such endpoint.' });
        return;
      }
      const fault = faults.take(route);
      if (fault) logLine(`fault ${fault.kind} on ${route}`);
      if (fault?.kind === 'drop' && fault.phase !== 'after') {
        request.socket.destroy();
        return;
      }
      if (fault?.kind === 'server_error') {
        sendJson(response, fault.status ?? 500, { error: 'server_error', message: 'Injected server error.' });
        return;
      }
      if (fault?.kind === 'rate_limit') {
        sendJson(response, 429, { error: 'rate_limited', message: 'Slow down.' }, { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
        return;
      }
      if (fault?.kind === 'unauthorized' || !isAuthorized(request)) {
        counters.unauthorized += 1;
        sendJson(response, 401, { error: 'unauthorized', message: 'Bad or missing token.' }, { 'www-authenticate': 'Bearer' });
        return;
      }
      if (fault?.kind === 'slow' && fault.phase !== 'after' && route !== 'actions' && route !== 'memory') {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
        if (response.destroyed) return;
      }
      if (route === 'changes') await handleChanges(request, response, url, fault);
      else if (route === 'wait') await handleWait(request, response, url, fault);
      else if (route === 'memory') await handleMemory(request, response, fault);
      else await handleAction(request, response, fault);
    })().catch((error: unknown) => {
      logLine(`request failed: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error', message: 'Internal error.' });
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const liveTick = () => {
    const added = live?.tick() ?? 0;
    if (added > 0) waits.notifyAppended();
    return added;
  };
  const liveTimer = live && options.live ? setInterval(liveTick, options.live.intervalMs) : null;
  liveTimer?.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    faults,
    actions,
    memory,
    counters,
    append(records) {
      for (const record of records) appendRecord(record);
      waits.notifyAppended();
    },
    liveTick,
    pendingWaits: () => waits.size,
    reserveSupporters(supporterIds) {
      for (const supporterId of supporterIds) world.reserved.add(supporterId);
    },
    close() {
      if (liveTimer) clearInterval(liveTimer);
      waits.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function parseActionRequest(body: unknown): PlatformActionRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The action must be a JSON object.';
  const { type, supporterId, params } = body as Record<string, unknown>;
  if (typeof type !== 'string' || !isCrmActionType(type)) return `Unknown action type ${JSON.stringify(String(type).slice(0, 40))}.`;
  if (typeof supporterId !== 'string' || supporterId.length === 0 || supporterId.length > 200) return 'The action needs one supporterId.';
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) return '"params" must be an object.';
  return { type, supporterId, params: (params as Record<string, unknown> | undefined) ?? {} };
}
