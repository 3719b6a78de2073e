import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/tempDir';
import { BROWSER_HOST_FILE_NAME, openBrowserHostSession } from './openBrowserHostSession';

describe('openBrowserHostSession', () => {
  it('keeps one session key and the last port per workspace, in a file only the owner can read', () => {
    const dataDir = tempDir();
    const first = openBrowserHostSession(dataDir);
    expect(first.sessionKey).toMatch(/^[0-9a-f]{48}$/);
    expect(first.lastPort).toBeNull();
    first.rememberPort(41_234);
    const again = openBrowserHostSession(dataDir);
    expect(again.sessionKey).toBe(first.sessionKey);
    expect(again.lastPort).toBe(41_234);
    expect(fs.statSync(path.join(dataDir, BROWSER_HOST_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(openBrowserHostSession(tempDir()).sessionKey).not.toBe(first.sessionKey);
  });

  it('replaces a damaged or tampered file with a fresh key (browsers sign in again with the printed URL)', () => {
    const dataDir = tempDir();
    for (const text of ['{broken', JSON.stringify({ sessionKey: 'short', port: 80 }), JSON.stringify({ sessionKey: 'a'.repeat(48), port: 'x' })]) {
      fs.writeFileSync(path.join(dataDir, BROWSER_HOST_FILE_NAME), text);
      const session = openBrowserHostSession(dataDir);
      expect(session.sessionKey).toMatch(/^[0-9a-f]{48}$/);
      if (text.includes('"port":"x"')) expect(session).toMatchObject({ sessionKey: 'a'.repeat(48), lastPort: null });
      else expect(session.lastPort).toBeNull();
    }
  });
});
