import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The session cookie's name carries the port: cookies are shared by every port of a host name, so
 * two consoles (two workspaces) on one machine would otherwise sign each other's pages out.
 */
export function sessionCookieName(port: number): string {
  return `crm_session_${port}`;
}

/** The loopback names a page of ours can be reached by; anything else in `Host` is DNS rebinding. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export type RefusalReason = 'foreign_host' | 'foreign_origin' | 'missing_token' | null;

/**
 * Why a request must be refused, or null. A request is let in by the session cookie, or by the
 * printed URL's access token in its query (`queryToken`, page loads only). `requireOrigin` is for
 * the WebSocket, which a browser always opens with an Origin; plain page loads may lack one.
 */
export function refusalReason(
  request: IncomingMessage,
  options: { port: number; token: string; sessionKey: string; queryToken: string | null; requireOrigin: boolean },
): RefusalReason {
  const host = request.headers.host ?? '';
  if (!allowedHosts(options.port).has(host)) return 'foreign_host';
  const origin = request.headers.origin;
  if (origin !== undefined ? !allowedOrigins(options.port).has(origin) : options.requireOrigin) return 'foreign_origin';
  const cookie = readCookie(request, sessionCookieName(options.port));
  if (!tokensMatch(options.sessionKey, cookie) && !tokensMatch(options.token, options.queryToken)) return 'missing_token';
  return null;
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // recharts positions tooltips with inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
