import { normalizeServerUrl } from './platformClient';
import { SyncConfigError } from './syncConfigError';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Checks a server URL a creator typed and returns it normalized: https, or http to this machine
 * only (the reference platform). An address typed without a scheme is completed the way a browser
 * would for this use: `http://` for this computer (`localhost`, `127.0.0.1`, `[::1]`, where the
 * reference platform runs without TLS) and `https://` for anything else (docs/sync-protocol.md §1).
 */
export function validateServerUrl(typed: string): string {
  const trimmed = typed.trim();
  if (trimmed === '') throw new SyncConfigError('Enter the platform’s address, for example https://platform.example.com.');
  const withScheme = HAS_SCHEME.test(trimmed) ? trimmed : `${isLoopbackAddress(trimmed) ? 'http' : 'https'}://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new SyncConfigError(`“${trimmed.slice(0, 100)}” is not a web address. Enter the platform’s address, for example https://platform.example.com.`);
  }
  if (url.username !== '' || url.password !== '') throw new SyncConfigError('Put the token in the token field, not in the URL.');
  if (url.protocol === 'https:') return normalizeServerUrl(url.href);
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return normalizeServerUrl(url.href);
  if (url.protocol === 'http:') throw new SyncConfigError('The server URL must use https (plain http is allowed only for this computer).');
  throw new SyncConfigError(`The server URL must start with https:// (it starts with ${url.protocol}//).`);
}

/** "localhost:8080", "127.0.0.1/api", "[::1]:5000": the host part before any port or path. */
function isLoopbackAddress(address: string): boolean {
  const host = address.startsWith('[') ? address.slice(0, address.indexOf(']') + 1) : (address.split(/[:/?#]/)[0] ?? '');
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}
