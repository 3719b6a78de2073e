import { afterEach, describe, expect, it } from 'vitest';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { FileCredentialVault } from '../../core/sync/credentialVault';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { refusedTokenMessage } from './syncCommand';

let server: PlatformServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('crm sync with a token the platform refuses', () => {
  it('names the token given with --token as such (it was never saved)', async () => {
    server = await startPlatformServer({ token: 'the-right-token', records: [] });
    const run = await captureCli(['sync', '--server', server.url, '--token', 'not-the-token', '--data-dir', tempDir(), '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('The platform refused the token given with --token (HTTP 401). Check the token and run the command again; nothing was saved.');
    expect(run.stderr).not.toContain('saved token');
    expect(run.stderr).not.toContain('not-the-token');
  });

  it('names the workspace\'s saved token when no --token was given', async () => {
    server = await startPlatformServer({ token: 'the-right-token', records: [] });
    const dataDir = tempDir();
    await FileCredentialVault.inDataDir(dataDir).save({ serverUrl: server.url, token: 'an-old-token' });
    const run = await captureCli(['sync', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The platform refused the token saved in this workspace (HTTP 401). Reconnect in the app (Settings → Platform connection), or run with --server and --token.');
    expect(run.stderr).not.toContain('an-old-token');
  });

  it('keeps the status out of the sentence when the core gave none', () => {
    expect(refusedTokenMessage('refused', true)).toBe('The platform refused the token given with --token. Check the token and run the command again; nothing was saved.');
  });
});
