import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy, refusalReason, sessionCookieName, type RefusalReason } from './browserHostSecurity';
import { serveApiSocket, type CoreBackend } from './serveApiSocket';

export type { CoreBackend } from './serveApiSocket';

export interface BrowserHostOptions {
  rendererDir: string;
  backend: CoreBackend;
  /** 0 picks a free port. */
  port: number;
  /** The printed URL's access token; default random. It lets a browser in for as long as this host runs. */
  token?: string;
  /**
   * The session cookie's value. A workspace keeps one across restarts (`openBrowserHostSession`)
   * so that an open page rejoins a restarted host; default random (the session ends with the host).
   */
  sessionKey?: string;
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

/** The refusal page runs nothing and loads nothing: its one style sheet is inline. */
const REFUSAL_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A refusal as a small page in the console's look, light or dark as the system is. The text is ours, escaped all the same. */
function refusalPage(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>Supporter CRM — not signed in</title>
<style>
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: light-dark(#f6f5fb, #121018); color: light-dark(#1d1a2b, #ece9f7); }
main { max-width: 34rem; margin: 1.5rem; padding: 1.5rem 1.75rem; border-radius: 12px; border: 1px solid light-dark(#dcd8ea, #2f2a40); background: light-dark(#ffffff, #1b1824); }
h1 { font-size: 1.15rem; margin: 0 0 0.5rem; }
code { font-size: 0.95em; padding: 0 0.25em; border-radius: 4px; background: light-dark(#ece8ff, #2c2546); }
</style>
</head>
<body><main><h1>Supporter CRM</h1><p>${escaped}</p></main></body>
</html>
`;
}

const BAD_TARGET_TEXT = 'Bad request: the request target must be a path on this console.';

/** 1 MiB: the largest request the console sends is a few hundred bytes. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves the built renderer and the API contract over a WebSocket on loopback only, guarded by an
 * access token (then a session cookie), a Host check (against DNS rebinding) and an Origin check.
 * Any local process can reach the port, so nothing it sends may end the process: bad requests get
 * a 400, WebSocket protocol errors a close code, and malformed requests an error answer.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const sessionKey = options.sessionKey ?? randomBytes(24).toString('hex');
  const rendererRoot = path.resolve(options.rendererDir);
  let port = options.port;

  const server = http.createServer((request, response) => {
    try {
      serveHttp(request, response);
    } catch {
      // A bug of ours must cost one request, not the console.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end();
    }
  });

  const serveHttp = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const baseHeaders = {
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    const url = parseRequestTarget(request.url);
    if (!url) {
      response.writeHead(400, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end(BAD_TARGET_TEXT);
      return;
    }
    const refusal = refusalReason(request, { port, token, sessionKey, queryToken: url.searchParams.get('token'), requireOrigin: false });
    if (refusal) {
      const [status, text] = REFUSAL_TEXT[refusal];
      // A browser (an old or cut address opened) gets a readable page; anything else the plain text.
      if (request.headers.accept?.includes('text/html') === true) {
        response.writeHead(status, { ...baseHeaders, 'Content-Security-Policy': REFUSAL_PAGE_POLICY, 'Content-Type': 'text/html; charset=utf-8' });
        response.end(refusalPage(text));
      } else {
        response.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(text);
      }
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, baseHeaders);
      response.end();
      return;
    }
    const cookie = `${sessionCookieName(port)}=${sessionKey}; HttpOnly; SameSite=Strict; Path=/`;
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
    else fs.createReadStream(filePath).on('error', () => response.destroy()).pipe(response);
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgraded socket's errors to us; a client that resets mid-handshake must not
    // become an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const url = parseRequestTarget(request.url);
    if (!url) {
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${BAD_TARGET_TEXT}`);
      return;
    }
    const refusal = url.pathname !== '/api' ? 'missing_token' : refusalReason(request, { port, token, sessionKey, queryToken: null, requireOrigin: true });
    if (refusal) {
      const [status, text] = REFUSAL_TEXT[refusal];
      socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}`);
      return;
    }
    // `ws` answers a malformed handshake (bad key, version or method) with a 400 itself.
    sockets.handleUpgrade(request, socket, head, (client) => serveApiSocket(client, options.backend));
  });

  // Every socket, upgraded or half-closed ones included: `closeAllConnections` knows only those
  // still speaking HTTP, and one left behind keeps `close()` (and a stopping host) waiting.
  const connections = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
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
        for (const socket of connections) socket.destroy();
      }),
  };
}

/**
 * The request target as a URL on this console, or null for anything but a path (`origin-form`,
 * RFC 9112 §3.2.1): `http://[`, `*`, `//other`, an empty target. `new URL` throws on some of these,
 * and a throw in a request handler ends the process.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
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
