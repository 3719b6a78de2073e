import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { inboxRow, inboxTab } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';

/**
 * The console's host stops and comes back (issue 17 item 4): the page says so instead of
 * claiming to be live, keeps what the creator asks for meanwhile, and rejoins on its own when a
 * host starts again on the same workspace and port — with a new printed token, by the session the
 * workspace keeps. A host that no longer knows the page says how to sign in again.
 */

test.use({ locale: 'en-US' });

/** A port free right now, so a restarted host can listen where the page expects it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let dataDir: string;
let host: ConsoleHost | null = null;

test.beforeAll(() => {
  dataDir = createFixtureWorkspace();
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

test('a stopped host shows "Console disconnected", and the page recovers when it restarts on the same workspace and port', async ({ page }) => {
  const port = await freePort();
  host = await startConsoleHost({ dataDir, port });
  const firstToken = host.token;
  await page.goto(host.url);
  await expect(inboxRow(page, 'vip_anna')).toBeVisible();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveCount(0);
  const syncState = page.getByTestId('sync-state');
  await expect(syncState).toHaveText('Not connected to the platform');

  await host.stop();
  await expect(banner).toContainText('Console disconnected — reconnecting…');
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(syncState).toHaveText('Console disconnected');
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);

  // An action asked for meanwhile says what it waits for, instead of a spinner that never ends.
  await page.keyboard.press('e');
  const waiting = page.getByRole('dialog').filter({ hasText: 'Waiting for the console to reconnect, then estimating the expected impact…' });
  await expect(waiting).toBeVisible();
  await waiting.getByRole('button', { name: 'Cancel' }).click();
  await expect(waiting).toBeHidden();

  // Asked for while the host is away: waits for it instead of failing or spinning forever.
  await inboxTab(page, /^Hot Leads/).click();

  host = await startConsoleHost({ dataDir, port });
  expect(host.token).not.toBe(firstToken);
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(inboxRow(page, 'hot_ben')).toBeVisible();
  await expect(syncState).toHaveText('Not connected to the platform');
  // The rejoined page works as before: a profile opens.
  await inboxRow(page, 'hot_ben').getByRole('link', { name: 'hot_ben', exact: true }).click();
  await expect(page.getByRole('heading', { name: /hot_ben/ })).toBeVisible();
});

test('a host that no longer knows the page (its session file deleted) says to open the printed address again', async ({ page }) => {
  const port = await freePort();
  await host?.stop();
  host = await startConsoleHost({ dataDir, port });
  await page.goto(host.url);
  await expect(inboxRow(page, 'vip_anna')).toBeVisible();

  await host.stop();
  fs.rmSync(path.join(dataDir, 'browser-host.json'));
  host = await startConsoleHost({ dataDir, port });
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('no longer knows this page. Open the address it printed', { timeout: 20_000 });

  // Opening the printed address signs the page in again.
  await page.goto(host.url);
  await expect(banner).toHaveCount(0);
  await expect(inboxRow(page, 'vip_anna')).toBeVisible();
});
