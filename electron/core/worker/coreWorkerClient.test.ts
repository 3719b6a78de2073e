import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { startPlatformServer } from '../../platform/platformServer';
import { MemoryCredentialVault } from '../sync/credentialVault';
import { CoreWorkerClient } from './coreWorkerClient';

let client: CoreWorkerClient | null = null;

afterEach(async () => {
  await client?.stop();
  client = null;
});

describe('core worker', () => {
  it('answers the contract off the main thread and validates input at the boundary', async () => {
    client = await CoreWorkerClient.start({
      workerPath: new URL('./coreWorkerFromSource.mjs', import.meta.url),
      data: { dataDir: tempDir(), createDemoIfEmpty: false },
    });
    expect(await client.invoke('system.ping', {})).toEqual({ ok: true, value: { pong: true } });
    expect(await client.invoke('system.ping', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await client.invoke('no.such.request', {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    expect(await client.invoke('settings.update', { vipTabSize: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const updated = await client.invoke('settings.update', { vipTabSize: 25 });
    expect(updated).toMatchObject({ ok: true, value: { vipTabSize: 25 } });
  });

  it('keeps the platform connection in the host\'s vault when asked to (Electron safeStorage)', async () => {
    const hostVault = new MemoryCredentialVault();
    client = await CoreWorkerClient.start({
      workerPath: new URL('./coreWorkerFromSource.mjs', import.meta.url),
      data: { dataDir: tempDir(), createDemoIfEmpty: false, credentialVault: 'host' },
      hostVault,
    });
    // The connection is tested before it is saved, so it needs a platform that answers.
    const platform = await startPlatformServer({ token: 'host-kept-token', records: [] });
    try {
      const connected = await client.invoke('sync.connect', { serverUrl: platform.url, token: 'host-kept-token' });
      expect(connected).toMatchObject({ ok: true, value: { serverUrl: platform.url } });
      expect(await hostVault.load()).toEqual({ serverUrl: platform.url, token: 'host-kept-token' });
      await client.invoke('sync.disconnect', {});
      expect(await hostVault.load()).toBeNull();
    } finally {
      await platform.close();
    }
  });

  it('refuses input too deeply nested to cross to the worker, keeps serving, and answers once the worker is gone', async () => {
    client = await CoreWorkerClient.start({
      workerPath: new URL('./coreWorkerFromSource.mjs', import.meta.url),
      data: { dataDir: tempDir(), createDemoIfEmpty: false },
    });
    let deep: unknown = {};
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    // Structured clone at postMessage recursed through this and threw (issue 16 item 2).
    expect(await client.invoke('system.ping', deep)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/nest/) as unknown } });
    expect(await client.invoke('system.ping', {})).toEqual({ ok: true, value: { pong: true } });
    await client.stop();
    expect(await client.invoke('system.ping', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'The local core stopped. Restart Supporter CRM.' } });
  });

  it('reports a workspace it cannot open instead of hanging', async () => {
    const notAFolder = path.join(tempDir(), 'plain-file');
    fs.writeFileSync(notAFolder, 'not a folder');
    await expect(
      CoreWorkerClient.start({ workerPath: new URL('./coreWorkerFromSource.mjs', import.meta.url), data: { dataDir: path.join(notAFolder, 'workspace'), createDemoIfEmpty: false } }),
    ).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/);
  });
});
