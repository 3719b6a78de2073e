import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { createCoreServices, type CoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { MemoryCredentialVault } from './credentialVault';
import { validateServerUrl } from './validateServerUrl';

/**
 * Issue 17 item 4: a connection is tested before it is saved — reachable, a platform of our
 * protocol, the token accepted — and every refusal is in plain words with nothing saved. A URL
 * typed without a scheme is completed; one that cannot be completed is refused in plain words,
 * never with a schema message.
 */
const TOKEN = 'connection-test-token';
const handlers = createRequestHandlers();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function referencePlatform(): Promise<PlatformServer> {
  const server = await startPlatformServer({ token: TOKEN, records: [] });
  cleanups.push(() => server.close());
  return server;
}

/** A web server that is not a Supporter platform, or one that speaks another protocol version. */
async function otherServer(answer: (response: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function workspace(): { core: CoreServices; vault: MemoryCredentialVault } {
  const opened = CrmCore.open({ dataDir: tempDir() });
  const vault = new MemoryCredentialVault();
  const core = createCoreServices(opened, { sync: { vault, retry: { maxAttempts: 1 } } });
  cleanups.push(() => opened.close());
  return { core, vault };
}

async function connect(core: CoreServices, serverUrl: string, token = TOKEN) {
  return invokeRequest(core, handlers, 'sync.connect', { serverUrl, token });
}

async function expectRefusedAndNothingSaved(core: CoreServices, vault: MemoryCredentialVault, serverUrl: string, message: string | RegExp, token = TOKEN) {
  const result = await connect(core, serverUrl, token);
  expect(result).toMatchObject({ ok: false, error: { code: 'rejected', message } });
  expect(result.ok ? '' : result.error.message).not.toMatch(/Invalid input|Invalid URL|serverUrl:/);
  expect(await vault.load()).toBeNull();
  expect(core.sync.hasSavedConnection()).toBe(false);
}

describe('the connection is tested before it is saved', () => {
  it('an unreachable address, a wrong token, a server that is not a platform and another protocol version are each refused in plain words; nothing is saved', async () => {
    const platform = await referencePlatform();
    const { core, vault } = workspace();
    const closedPort = await freePort();
    await expectRefusedAndNothingSaved(
      core,
      vault,
      `http://127.0.0.1:${closedPort}`,
      `Could not reach 127.0.0.1:${closedPort} (ECONNREFUSED: nothing is listening there). Check the address and your connection; nothing was saved.`,
    );
    await expectRefusedAndNothingSaved(core, vault, platform.url, 'The platform refused this token. Check it and try again; nothing was saved.', 'wrong-token');
    const website = await otherServer((response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Hello</h1>'));
    await expectRefusedAndNothingSaved(core, vault, website, /^127\.0\.0\.1:\d+ answered, but not as a Supporter platform \(it has no sync protocol at \/v1\/health\)\. Check the address; nothing was saved\.$/);
    const notFound = await otherServer((response) => response.writeHead(404).end());
    await expectRefusedAndNothingSaved(core, vault, notFound, /answered, but not as a Supporter platform/);
    const future = await otherServer((response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"protocol":2}'));
    await expectRefusedAndNothingSaved(core, vault, future, /speaks sync protocol version 2; this console speaks version 1\. Update Supporter CRM to connect; nothing was saved\.$/);
    expect(platform.counters.unauthorized).toBe(1);
  });

  it('a good connection is saved and syncs', async () => {
    const platform = await referencePlatform();
    const { core, vault } = workspace();
    expect(await connect(core, platform.url)).toMatchObject({ ok: true, value: { serverUrl: platform.url } });
    expect(await vault.load()).toEqual({ serverUrl: platform.url, token: TOKEN });
  });

  it('an address without a scheme is completed: http for this computer, https elsewhere', async () => {
    const platform = await referencePlatform();
    const { core } = workspace();
    const typed = platform.url.replace(/^http:\/\//, '');
    expect(await connect(core, typed)).toMatchObject({ ok: true, value: { serverUrl: platform.url } });
    expect(validateServerUrl('platform.example.com')).toBe('https://platform.example.com');
    expect(validateServerUrl('  platform.example.com/api/ ')).toBe('https://platform.example.com/api');
    expect(validateServerUrl('localhost:8080')).toBe('http://localhost:8080');
    expect(validateServerUrl('[::1]:8080')).toBe('http://[::1]:8080');
    expect(validateServerUrl('HTTPS://Platform.Example.com')).toBe('https://platform.example.com');
  });

  it('an address that cannot be used is refused in plain words', async () => {
    const { core, vault } = workspace();
    await expectRefusedAndNothingSaved(core, vault, 'http://example.com', 'The server URL must use https (plain http is allowed only for this computer).');
    await expectRefusedAndNothingSaved(core, vault, 'ftp://example.com', 'The server URL must start with https:// (it starts with ftp://).');
    await expectRefusedAndNothingSaved(core, vault, 'not an address', '“not an address” is not a web address. Enter the platform’s address, for example https://platform.example.com.');
    await expectRefusedAndNothingSaved(core, vault, 'https://user:pw@example.com', 'Put the token in the token field, not in the URL.');
    await expectRefusedAndNothingSaved(core, vault, '   ', 'Enter the platform’s address, for example https://platform.example.com.');
  });
});
