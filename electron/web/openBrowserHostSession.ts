import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BROWSER_HOST_FILE_NAME = 'browser-host.json';

export interface BrowserHostSession {
  /** The session cookie's value for this workspace (48 hex digits), kept across restarts. */
  sessionKey: string;
  /** The port the workspace's console last listened on, to listen there again when free. */
  lastPort: number | null;
  rememberPort(port: number): void;
}

interface StoredSession {
  sessionKey: string;
  port: number | null;
}

/**
 * What lets an open page rejoin the browser host after it restarts on the same workspace: the
 * session key its cookie holds, and the port its address names. Both live in the workspace
 * folder (0700) in a 0600 file, beside the cache and the platform connection, so whoever can read
 * it can already read everything the console shows. The printed access token is not kept: a new
 * one is made at every start. Deleting the file signs every browser out.
 */
export function openBrowserHostSession(dataDir: string): BrowserHostSession {
  const filePath = path.join(dataDir, BROWSER_HOST_FILE_NAME);
  const stored = readStored(filePath);
  const session: StoredSession = stored ?? { sessionKey: randomBytes(24).toString('hex'), port: null };
  if (!stored) write(filePath, session);
  return {
    sessionKey: session.sessionKey,
    lastPort: session.port,
    rememberPort(port) {
      if (port === session.port) return;
      session.port = port;
      write(filePath, session);
    },
  };
}

function readStored(filePath: string): StoredSession | null {
  try {
    const value = JSON.parse(fs.readFileSync(filePath, 'utf8')) as Partial<StoredSession>;
    if (typeof value.sessionKey !== 'string' || !/^[0-9a-f]{48}$/.test(value.sessionKey)) return null;
    const port = Number.isInteger(value.port) && (value.port as number) > 0 && (value.port as number) < 65_536 ? (value.port as number) : null;
    return { sessionKey: value.sessionKey, port };
  } catch {
    // Missing or unreadable: a fresh key, so browsers simply sign in again with the printed URL.
    return null;
  }
}

function write(filePath: string, session: StoredSession): void {
  const temporary = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(session), { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, filePath);
}
