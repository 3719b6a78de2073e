import fs from 'node:fs';
import path from 'node:path';
import { CREDENTIALS_FILE_NAME } from './credentialVault';

/** The desktop app's encrypted connection file (written by the main process with safeStorage). */
export const ENCRYPTED_CREDENTIALS_FILE_NAME = 'platform-connection.enc';

/**
 * Whether a platform connection is saved beside the cache. It survives a cache rebuild, so a
 * workspace whose cache was moved aside resyncs from the platform instead of filling with demo data.
 */
export function hasSavedCredentials(dataDir: string): boolean {
  return [CREDENTIALS_FILE_NAME, ENCRYPTED_CREDENTIALS_FILE_NAME].some((name) => fs.existsSync(path.join(dataDir, name)));
}
