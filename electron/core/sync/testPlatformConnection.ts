import type { PlatformCredentials } from './credentialVault';
import { describeTransportError } from './describeTransportError';
import type { PlatformApi } from './platformClient';
import { SyncConfigError } from './syncConfigError';
import { SyncFault } from './syncFault';

/** The sync protocol this console speaks (docs/sync-protocol.md). */
export const SUPPORTED_PROTOCOL = 1;

export interface ConnectionTestOptions {
  /** Asks the platform for one page of changes with the token (the same client a sync uses). */
  client: PlatformApi;
  fetch?: typeof fetch;
  timeoutMs: number;
}

/**
 * Tests a connection before anything is saved, in the order a person would check it: the address
 * answers at all, it is a Supporter platform speaking our protocol (`GET /v1/health`, which needs
 * no token), and it accepts the token (a one-record page). Each failure is a `SyncConfigError` in
 * plain words that ends with "nothing was saved"; the token never appears in one.
 */
export async function testPlatformConnection(credentials: PlatformCredentials, options: ConnectionTestOptions): Promise<void> {
  const host = new URL(credentials.serverUrl).host;
  const notPlatform = `${host} answered, but not as a Supporter platform (it has no sync protocol at /v1/health). Check the address; nothing was saved.`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(`${credentials.serverUrl}/v1/health`, { headers: { accept: 'application/json' }, signal: timeout, redirect: 'manual' });
  } catch (error) {
    if (timeout.aborted) throw new SyncConfigError(`${host} did not answer within ${Math.round(options.timeoutMs / 1000)} s. Check the address and your connection; nothing was saved.`);
    throw new SyncConfigError(`Could not reach ${host} (${describeTransportError(error)}). Check the address and your connection; nothing was saved.`);
  }
  let health: unknown;
  try {
    health = response.ok ? await response.json() : null;
  } catch {
    health = null;
  }
  const protocol = typeof health === 'object' && health !== null ? (health as { protocol?: unknown }).protocol : undefined;
  if (typeof protocol !== 'number') throw new SyncConfigError(notPlatform);
  if (protocol !== SUPPORTED_PROTOCOL) {
    throw new SyncConfigError(`${host} speaks sync protocol version ${protocol}; this console speaks version ${SUPPORTED_PROTOCOL}. Update Supporter CRM to connect; nothing was saved.`);
  }

  try {
    await options.client.fetchChanges(null, 1, AbortSignal.timeout(options.timeoutMs));
  } catch (error) {
    const fault = error instanceof SyncFault ? error : null;
    if (fault?.kind === 'unauthorized') throw new SyncConfigError('The platform refused this token. Check it and try again; nothing was saved.');
    if (fault?.kind === 'bad_response' || fault?.kind === 'rejected') throw new SyncConfigError(notPlatform);
    const what = fault?.details.status !== undefined ? `HTTP ${fault.details.status}` : fault?.kind === 'timeout' ? 'no answer in time' : 'the connection failed';
    throw new SyncConfigError(`${host} is a Supporter platform but did not answer the token check (${what}). Try again in a moment; nothing was saved.`);
  }
}
