import fs from 'node:fs';
import path from 'node:path';

export interface PlatformCredentials {
  serverUrl: string;
  token: string;
}

/**
 * Where the platform connection is kept. The core never decides this: the Electron app plugs in a
 * vault backed by `safeStorage` (the OS keychain) from the main process; the CLI, the browser host
 * and tests use a file readable by this user only, or memory.
 */
export interface CredentialVault {
  load(): Promise<PlatformCredentials | null>;
  save(credentials: PlatformCredentials): Promise<void>;
  clear(): Promise<void>;
}

export const CREDENTIALS_FILE_NAME = 'platform-connection.json';

/** A JSON file with mode 0600, replaced atomically (write to a temporary file, then rename). */
export class FileCredentialVault implements CredentialVault {
  constructor(readonly filePath: string) {}

  static inDataDir(dataDir: string): FileCredentialVault {
    return new FileCredentialVault(path.join(dataDir, CREDENTIALS_FILE_NAME));
  }

  async load(): Promise<PlatformCredentials | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // A file someone made readable by others is narrowed back before it is used.
    const { mode } = await fs.promises.stat(this.filePath);
    if ((mode & 0o077) !== 0) await fs.promises.chmod(this.filePath, 0o600);
    try {
      const value = JSON.parse(text) as Partial<PlatformCredentials>;
      if (typeof value.serverUrl === 'string' && typeof value.token === 'string' && value.token.length > 0) {
        return { serverUrl: value.serverUrl, token: value.token };
      }
    } catch {
      // An unreadable file is treated as no connection; connecting again replaces it.
    }
    return null;
  }

  async save(credentials: PlatformCredentials): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, JSON.stringify({ serverUrl: credentials.serverUrl, token: credentials.token }), { mode: 0o600 });
    await fs.promises.chmod(temporary, 0o600);
    await fs.promises.rename(temporary, this.filePath);
  }

  async clear(): Promise<void> {
    await fs.promises.rm(this.filePath, { force: true });
  }
}

/** Keeps the connection for this process only (the CLI's `sync --server --token`, tests). */
export class MemoryCredentialVault implements CredentialVault {
  constructor(private credentials: PlatformCredentials | null = null) {}

  async load(): Promise<PlatformCredentials | null> {
    return this.credentials;
  }

  async save(credentials: PlatformCredentials): Promise<void> {
    this.credentials = { ...credentials };
  }

  async clear(): Promise<void> {
    this.credentials = null;
  }
}
