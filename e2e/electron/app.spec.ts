import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The Electron binary is downloaded on first use; where that cannot happen these tests skip and say so. */
function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.warn('[electron e2e] skipped: the Electron binary is not installed on this machine (it cannot be downloaded here).');

test.describe('desktop app', () => {
  test.skip(!binary, 'Electron binary not available on this machine');

  test('opens the console window on demo data with a hardened renderer', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [path.join(repoRoot, 'out/main/index.js'), `--user-data-dir=${userData}`],
      cwd: repoRoot,
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('tab', { name: /VIP/ })).toBeVisible();
    // The renderer sees the contract, never Node or ipcRenderer.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { crm: object }).crm).sort())).toEqual(['onEvent', 'onNavigate', 'requests', 'transport']);
    await app.close();
  });
});
