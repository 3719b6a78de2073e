import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../../tests/support/tempDir';
import { startBrowserHost, type BrowserHost, type CoreBackend } from './startBrowserHost';

let host: BrowserHost;
const calls: { name: string; input: unknown }[] = [];
const backend: CoreBackend = {
  invoke: async (name, input) => {
    calls.push({ name, input });
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
  host = await startBrowserHost({ rendererDir, backend, port: 0 });
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

const cookie = () => `crm_session=${host.token}`;

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('browser host', () => {
  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses a request without the session token', async () => {
    const response = await get('/');
    expect(response.status).toBe(401);
    expect(response.body).toContain('access token');
  });

  it('trades the URL token for an HttpOnly SameSite cookie and serves the app with a strict CSP', async () => {
    const first = await get(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
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
