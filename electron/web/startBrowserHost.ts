import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiResult } from '../../shared/contract/apiResult';
import type { CoreEvent } from '../../shared/contract/apiTypes';
import { contentSecurityPolicy, refusalReason, SESSION_COOKIE, type RefusalReason } from './browserHostSecurity';

export interface CoreBackend {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

export interface BrowserHostOptions {
  rendererDir: string;
  backend: CoreBackend;
  /** 0 picks a free port. */
  port: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const REFUSAL_TEXT: Record<Exclude<RefusalReason, null>, [number, string]> = {
  foreign_host: [421, 'Refused: this console answers only on 127.0.0.1 or localhost.'],
  foreign_origin: [403, 'Refused: requests from other sites are not allowed.'],
  missing_token: [401, 'Refused: open the full URL that `npm run web` printed; it carries the access token.'],
};

/**
 * Serves the built renderer and the API contract over a WebSocket on loopback only, guarded by a
 * random session token, a Host check (against DNS rebinding) and an Origin check.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererRoot = path.resolve(options.rendererDir);
  let port = options.port;

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refusal = refusalReason(request, { port, token, queryToken: url.searchParams.get('token'), requireOrigin: false });
    const baseHeaders = {
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (refusal) {
      const [status, text] = REFUSAL_TEXT[refusal];
      response.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(text);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, baseHeaders);
      response.end();
      return;
    }
    const cookie = `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    if (url.searchParams.has('token')) {
      // Drop the token from the address bar (and from history) once the cookie holds it.
      response.writeHead(303, { ...baseHeaders, 'Set-Cookie': cookie, Location: url.pathname });
      response.end();
      return;
    }
    const filePath = resolveStaticFile(rendererRoot, url.pathname);
    if (!filePath) {
      response.writeHead(404, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      ...baseHeaders,
      'Set-Cookie': cookie,
      'Content-Type': CONTENT_TYPES[path.extname(filePath)] ?? 'application/octet-stream',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(filePath).pipe(response);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refusal = url.pathname !== '/api' ? 'missing_token' : refusalReason(request, { port, token, queryToken: null, requireOrigin: true });
    if (refusal) {
      const [status, text] = REFUSAL_TEXT[refusal];
      socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => serveClient(client, options.backend));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function resolveStaticFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  // Client-side routes are hash-based, so any other path is the app itself.
  return path.extname(decoded) === '' ? path.join(root, 'index.html') : null;
}

interface ClientRequest {
  id: number;
  name: string;
  input: unknown;
}

function isClientRequest(value: unknown): value is ClientRequest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return Number.isSafeInteger(candidate.id) && typeof candidate.name === 'string';
}

function serveClient(client: WebSocket, backend: CoreBackend): void {
  const unsubscribe = backend.onEvent((event) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event }));
  });
  client.on('close', unsubscribe);
  client.on('message', (raw) => {
    let message: unknown;
    try {
      message = JSON.parse(String(raw));
    } catch {
      client.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid_input', message: 'Messages must be JSON.' } } }));
      return;
    }
    if (!isClientRequest(message)) {
      client.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid_input', message: 'Expected {id, name, input}.' } } }));
      return;
    }
    void backend.invoke(message.name, message.input).then((result) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify({ id: message.id, result }));
    });
  });
}
