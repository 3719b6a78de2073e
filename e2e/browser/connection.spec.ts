import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { hostValue } from './support/hostApi';

/**
 * The platform connection as a new creator meets it (issue 16 item 1, issue 17 item 4), against
 * the reference platform started as `npm run -s platform` starts it, serving demo records whose
 * supporter ids are the very ids of the console's own demo:
 * - the connection is tested before it is saved, and each failure is put in plain words;
 * - an address typed without a scheme is completed;
 * - connecting from the demo starts a fresh workspace: the demo is set aside (deletable), none of
 *   its actions reach the platform, and the banner and the status bar agree at every step;
 * - a second console on the same workspace folder refuses clearly.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'connection-e2e-token';

let host: ConsoleHost;
let platform: { url: string; process: ChildProcess };

async function startReferencePlatform(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/platform/main.ts'), '--port', '0', '--token', TOKEN, '--demo', '--supporters', '60', '--seed', '99', '--test-endpoints'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(http:\/\/\S+)\n/m.exec(stdout);
      if (match?.[1]) resolve(match[1].replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`reference platform exited with ${code}: ${stderr}`)));
  });
  return { url, process: child };
}

/** What the reference platform has executed, from its test endpoint. */
async function platformLedger(): Promise<{ actions: unknown[] }> {
  const response = await fetch(`${platform.url}/__test/actions`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return (await response.json()) as { actions: unknown[] };
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function connectWith(page: Page, serverUrl: string, token: string): Promise<void> {
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

test.beforeAll(async () => {
  platform = await startReferencePlatform();
  host = await startConsoleHost();
});

test.afterAll(async () => {
  await host?.stop();
  platform?.process.kill('SIGTERM');
});

test('connecting from the demo: tested before saving, plain-words refusals, then a fresh workspace with the demo set aside', async ({ page }) => {
  await page.goto(host.url);
  const bar = page.getByRole('contentinfo', { name: 'Sync status' });
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(bar.getByTestId('sync-state')).toHaveText('Demo workspace — never synced');
  // An action on a demo supporter: queued in the demo, and never to be sent.
  expect(await hostValue(page, 'actions.run', { supporterId: 's000001', type: 'dm_reminder' })).toMatchObject({ status: 'executed' });
  await expect(bar.getByTestId('pending-actions')).toHaveText('1 demo action (never sent)');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('connect-from-demo-note')).toBeVisible();
  const problem = page.getByRole('region', { name: 'Platform connection' }).getByRole('alert');

  const port = await closedPort();
  await connectWith(page, `http://127.0.0.1:${port}`, TOKEN);
  await expect(problem).toHaveText(`Could not reach 127.0.0.1:${port} (ECONNREFUSED: nothing is listening there). Check the address and your connection; nothing was saved.`);
  // Nothing was saved: the refusal stays on the form, and the status bar still says what the workspace is.
  await expect(bar.getByRole('alert')).toHaveCount(0);
  await expect(bar).not.toContainText('Could not reach');

  const platformHost = platform.url.replace(/^http:\/\//, '');
  await connectWith(page, platformHost, 'not-the-token');
  await expect(problem).toHaveText('The platform refused this token. Check it and try again; nothing was saved.');

  // The console's own server answers, but it is no platform.
  await connectWith(page, host.origin, TOKEN);
  await expect(problem).toHaveText(`${new URL(host.origin).host} answered, but not as a Supporter platform (it has no sync protocol at /v1/health). Check the address; nothing was saved.`);

  await connectWith(page, 'ftp://platform.example.com', TOKEN);
  await expect(problem).toHaveText('The server URL must start with https:// (it starts with ftp://).');
  await expect(problem).not.toContainText('Invalid');
  expect(await hostValue(page, 'workspace.info', {})).toMatchObject({ isDemo: true, setAsideDemo: null });

  // Typed without a scheme: completed to http:// for this computer, tested, saved.
  await connectWith(page, platformHost, TOKEN);
  await expect(page.getByTestId('connected-server')).toHaveText(platform.url);
  await expect(bar.getByTestId('sync-state')).toHaveText('Online');
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  const setAside = page.getByTestId('set-aside-demo-banner');
  await expect(setAside).toContainText('Your demo data was set aside when you connected');
  await expect(setAside).toContainText('its 1 demo action was never sent');
  await expect(bar.getByTestId('pending-actions')).toHaveText('No actions waiting');

  const info = await hostValue(page, 'workspace.info', {});
  expect(info).toMatchObject({ isDemo: false, supporters: 60 });
  expect((await platformLedger()).actions).toEqual([]);

  await setAside.getByRole('button', { name: 'Delete demo data' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Demo data deleted.' })).toBeVisible();
  await expect(setAside).toHaveCount(0);
  expect((await hostValue(page, 'workspace.info', {})).setAsideDemo).toBeNull();
});

test('a second console on the same workspace folder refuses clearly', async () => {
  const refusal = await startConsoleHost({ dataDir: host.dataDir }).then(
    async (second) => {
      await second.stop();
      return null;
    },
    (error: unknown) => String(error),
  );
  expect(refusal).toMatch(/This workspace is already open in another window or process \(pid \d+\)\./);
});
