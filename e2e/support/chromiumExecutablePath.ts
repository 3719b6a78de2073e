import fs from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH): Playwright's own browser download is not reachable here. */
export function chromiumExecutablePath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && fs.existsSync(candidate));
}
