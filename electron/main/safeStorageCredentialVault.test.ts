import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/tempDir';
import { hasSavedCredentials } from '../core/sync/hasSavedCredentials';
import { SafeStorageCredentialVault } from './safeStorageCredentialVault';

/** A stand-in for Electron's safeStorage: reversible, and visibly not plain text. */
const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
  decryptString: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString(),
};

describe('safeStorage credential vault', () => {
  it('keeps the token encrypted in a file readable by the user only', async () => {
    const dataDir = tempDir();
    const vault = new SafeStorageCredentialVault(fakeSafeStorage, dataDir);
    expect(await vault.load()).toBeNull();
    await vault.save({ serverUrl: 'https://platform.example', token: 'secret-token-123' });
    const file = path.join(dataDir, 'platform-connection.enc');
    expect(fs.readFileSync(file).includes(Buffer.from('secret-token-123'))).toBe(false);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(hasSavedCredentials(dataDir)).toBe(true);
    expect(await vault.load()).toEqual({ serverUrl: 'https://platform.example', token: 'secret-token-123' });
    await vault.clear();
    expect(await vault.load()).toBeNull();
  });

  it('refuses to store a token when no keychain is available', async () => {
    const vault = new SafeStorageCredentialVault({ ...fakeSafeStorage, isEncryptionAvailable: () => false }, tempDir());
    await expect(vault.save({ serverUrl: 'https://p.example', token: 't' })).rejects.toThrow('keychain is not available');
  });
});
