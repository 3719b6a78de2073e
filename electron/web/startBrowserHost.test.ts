import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../../tests/support/tempDir';
import { MAX_REQUESTS_IN_FLIGHT } from './serveApiSocket';
import { parseRequestTarget, startBrowserHost, type BrowserHost, type CoreBackend } from './startBrowserHost';

let host: BrowserHost;
const SESSION_KEY = 'ab'.repeat(24);
const calls: { name: string; input: unknown }[] = [];
/** While set, the core "works" on every request and answers none. */
let holdAnswers = false;
const backend: CoreBackend = {
  invoke: async (name, input) => {
    calls.push({ name, input });
    if (holdAnswers) return new Promise(() => undefined);
    return { ok: true, value: { pong: true } };
  },
  onEvent: () => () => undefined,
};

beforeEach(async () => {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  calls.length = 0;
  holdAnswers = false;
  host = await startBrowserHost({ rendererDir, backend, port: 0, sessionKey: SESSION_KEY });
});

afterEach(async () => {
  await host.close();
});

/** A raw request so the test controls Host and Origin exactly as an attacker could. */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: host.port, path: pathname, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const cookie = () => `crm_session_${host.port}=${SESSION_KEY}`;

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('parseRequestTarget', () => {
  it('accepts paths only', () => {
    expect(parseRequestTarget('/assets/app.js?x=1')?.pathname).toBe('/assets/app.js');
    for (const target of ['http://[', 'http://127.0.0.1/', '*', '//evil.example/x', '', undefined, 'api']) expect(parseRequestTarget(target)).toBeNull();
  });
});

describe('browser host', () => {
  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses a request without the session token', async () => {
    const response = await get('/');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toContain('access token');
  });

  it('tells a browser the same on a small page that runs and loads nothing', async () => {
    const response = await get('/?token=deadbeef', { accept: 'text/html,application/xhtml+xml' });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(response.body).toContain('<p>Refused: open the full URL that <code>npm run web</code> printed; it carries the access token.</p>');
    expect(response.body).not.toMatch(/<script|<link|src=/);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and serves the app with a strict CSP', async () => {
    const first = await get(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers['set-cookie']?.[0]).toBe(`crm_session_${host.port}=${SESSION_KEY}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await get('/', { cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await get('/assets/app.js', { cookie: cookie() })).status).toBe(200);
  });

  it('refuses a wrong token, a foreign Origin and a Host that is not loopback (DNS rebinding)', async () => {
    expect((await get('/?token=deadbeef')).status).toBe(401);
    expect((await get('/', { cookie: cookie(), origin: 'https://evil.example' })).status).toBe(403);
    expect((await get('/', { cookie: cookie(), host: 'evil.example' })).status).toBe(421);
    expect((await get('/', { cookie: cookie(), host: `attacker.example:${host.port}` })).status).toBe(421);
  });

  it('lets a browser in by the session cookie alone: the access token in a cookie, or another port\'s cookie, is refused', async () => {
    expect((await get('/', { cookie: `crm_session_${host.port}=${host.token}` })).status).toBe(401);
    expect((await get('/', { cookie: `crm_session_${host.port + 1}=${SESSION_KEY}` })).status).toBe(401);
    expect((await get('/', { cookie: `crm_session=${SESSION_KEY}` })).status).toBe(401);
    expect((await get('/', { cookie: `other=1; ${cookie()}` })).status).toBe(200);
  });

  it('accepts the printed URL\'s token for as long as it runs (it is reusable, not one-time)', async () => {
    expect((await get(`/?token=${host.token}`)).status).toBe(303);
    expect((await get(`/?token=${host.token}`)).status).toBe(303);
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await get('/..%2f..%2f..%2fetc%2fpasswd.txt', { cookie: cookie() });
    expect(response.status).toBe(404);
  });

  it('answers API requests over the WebSocket only with the cookie, our Origin and a loopback Host', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(openSocket({ origin })).rejects.toThrow('refused 401');
    await expect(openSocket({ origin: 'https://evil.example', cookie: cookie() })).rejects.toThrow('refused 403');
    await expect(openSocket({ cookie: cookie() })).rejects.toThrow('refused 403');
    await expect(openSocket({ origin, cookie: cookie(), host: 'rebound.example' })).rejects.toThrow('refused 421');
    const socket = await openSocket({ origin, cookie: cookie() });
    const reply = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ id: 1, name: 'system.ping', input: {} }));
    expect(await reply).toEqual({ id: 1, result: { ok: true, value: { pong: true } } });
    const malformed = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send('{not json');
    expect(await malformed).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    socket.close();
    expect(calls).toEqual([{ name: 'system.ping', input: {} }]);
  });
});

describe('browser host under a misbehaving client', () => {
  const origin = () => `http://127.0.0.1:${host.port}`;
  const messages = (socket: WebSocket, count: number) =>
    new Promise<unknown[]>((resolve) => {
      const received: unknown[] = [];
      socket.on('message', (data) => {
        received.push(JSON.parse(String(data)));
        if (received.length === count) resolve(received);
      });
    });

  it('closes with 1003 on a binary message', async () => {
    const socket = await openSocket({ origin: origin(), cookie: cookie() });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(Buffer.from('{"id":1,"name":"system.ping","input":{}}'));
    expect(await closed).toBe(1003);
    expect(calls).toEqual([]);
  });

  it(`answers the request over ${MAX_REQUESTS_IN_FLIGHT} waiting at once with "unavailable" instead of queueing it`, async () => {
    holdAnswers = true;
    const socket = await openSocket({ origin: origin(), cookie: cookie() });
    const refused = messages(socket, 1);
    for (let id = 1; id <= MAX_REQUESTS_IN_FLIGHT + 1; id += 1) socket.send(JSON.stringify({ id, name: 'system.ping', input: {} }));
    expect(await refused).toEqual([{ id: MAX_REQUESTS_IN_FLIGHT + 1, result: { ok: false, error: { code: 'unavailable', message: 'Too many requests at once; wait for the answers.' } } }]);
    expect(calls).toHaveLength(MAX_REQUESTS_IN_FLIGHT);
    socket.close();
  });

  it('answers a request without a usable id or name, and a deeply nested one, without passing it on', async () => {
    const socket = await openSocket({ origin: origin(), cookie: cookie() });
    const answers = messages(socket, 3);
    socket.send(JSON.stringify({ id: 'x', name: 'system.ping' }));
    socket.send(JSON.stringify({ id: 2, name: 7 }));
    socket.send(`{"id":3,"name":"system.ping","input":${'['.repeat(40)}${']'.repeat(40)}}`);
    expect(await answers).toEqual([
      { id: null, result: { ok: false, error: { code: 'invalid_input', message: 'Expected {id, name, input}.' } } },
      { id: 2, result: { ok: false, error: { code: 'invalid_input', message: 'Expected {id, name, input}.' } } },
      { id: 3, result: { ok: false, error: { code: 'invalid_input', message: 'A request may nest objects and lists at most 32 levels deep.' } } },
    ]);
    expect(calls).toEqual([]);
    socket.close();
  });
});
