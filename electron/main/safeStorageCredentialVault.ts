import type { SafeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { CredentialVault, PlatformCredentials } from '../core/sync/credentialVault';
import { ENCRYPTED_CREDENTIALS_FILE_NAME } from '../core/sync/hasSavedCredentials';

/**
 * The desktop app's platform connection, encrypted with Electron's `safeStorage` (the OS keychain
 * on macOS and Windows, the secret service on Linux) in a 0600 file beside the cache.
 */
export class SafeStorageCredentialVault implements CredentialVault {
  private readonly filePath: string;

  constructor(
    private readonly safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString' | 'isEncryptionAvailable'>,
    dataDir: string,
  ) {
    this.filePath = path.join(dataDir, ENCRYPTED_CREDENTIALS_FILE_NAME);
  }

  async load(): Promise<PlatformCredentials | null> {
    let encrypted: Buffer;
    try {
      encrypted = await fs.promises.readFile(this.filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const value = JSON.parse(this.safeStorage.decryptString(encrypted)) as Partial<PlatformCredentials>;
      return typeof value.serverUrl === 'string' && typeof value.token === 'string' ? { serverUrl: value.serverUrl, token: value.token } : null;
    } catch {
      // Encrypted under another OS account or keychain: treated as no connection; connecting again replaces it.
      return null;
    }
  }

  async save(credentials: PlatformCredentials): Promise<void> {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('The system keychain is not available, so the platform token cannot be stored safely.');
    }
    const encrypted = this.safeStorage.encryptString(JSON.stringify({ serverUrl: credentials.serverUrl, token: credentials.token }));
    const temporary = `${this.filePath}.tmp`;
    await fs.promises.writeFile(temporary, encrypted, { mode: 0o600 });
    await fs.promises.rename(temporary, this.filePath);
  }

  async clear(): Promise<void> {
    await fs.promises.rm(this.filePath, { force: true });
  }
}
