import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE_NAME, FileCredentialVault, MemoryCredentialVault } from './credentialVault';
import { makeTempDir } from './syncTestKit';

describe('FileCredentialVault', () => {
  it('saves to a 0600 file, loads and clears', async () => {
    const dir = makeTempDir('vault');
    const vault = FileCredentialVault.inDataDir(dir);
    expect(await vault.load()).toBeNull();
    await vault.save({ serverUrl: 'https://platform.example', token: 'sekret' });
    const file = path.join(dir, CREDENTIALS_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await vault.load()).toEqual({ serverUrl: 'https://platform.example', token: 'sekret' });
    expect(fs.readdirSync(dir)).toEqual([CREDENTIALS_FILE_NAME]);
    await vault.clear();
    expect(fs.existsSync(file)).toBe(false);
    await vault.clear();
  });

  it('narrows a file others could read, and treats a damaged file as no connection', async () => {
    const dir = makeTempDir('vault');
    const file = path.join(dir, CREDENTIALS_FILE_NAME);
    fs.writeFileSync(file, JSON.stringify({ serverUrl: 'https://p.example', token: 't' }), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(await new FileCredentialVault(file).load()).toEqual({ serverUrl: 'https://p.example', token: 't' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, '{not json');
    expect(await new FileCredentialVault(file).load()).toBeNull();
  });
});

describe('MemoryCredentialVault', () => {
  it('keeps a copy in memory only', async () => {
    const vault = new MemoryCredentialVault();
    await vault.save({ serverUrl: 'http://127.0.0.1:1', token: 'x' });
    expect(await vault.load()).toEqual({ serverUrl: 'http://127.0.0.1:1', token: 'x' });
    await vault.clear();
    expect(await vault.load()).toBeNull();
  });
});
