import { expect, test, type Page } from '@playwright/test';
import { startPlatformServer, type PlatformServer } from '../../electron/platform/platformServer';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { inboxTab, paintedColour } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * Settings (preferences with validation, theme), the platform connection and the sync status bar,
 * on the fixture workspace with an in-process reference platform.
 */

let host: ConsoleHost;
let dataDir: string;
let platform: PlatformServer;
const PLATFORM_TOKEN = 'settings-e2e-token';

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  dataDir = createFixtureWorkspace();
  host = await startConsoleHost({ dataDir });
  platform = await startPlatformServer({
    token: PLATFORM_TOKEN,
    records: [
      { entity: 'activity', op: 'upsert', data: { id: 'p-1', supporterId: 'nick_new', type: 'chat_message', at: new Date(Date.now() - 120_000).toISOString(), tokens: 5 } },
      // Not a valid record: quarantined with its reason, the rest still applies.
      { entity: 'spaceship', op: 'upsert', data: { id: 'x' } },
    ],
  });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
  await platform?.close();
});

async function openSettings(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'CRM preferences' })).toBeVisible();
}

test('preferences are validated with clear messages, and nothing is saved until they are right', async ({ page }) => {
  await openSettings(page);
  await page.getByLabel('VIP tab size').fill('0');
  await page.getByLabel('Gold', { exact: true }).fill('50');
  await page.getByLabel('From', { exact: true }).fill('25:00');
  await page.getByRole('button', { name: 'Save settings' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'settings need attention' })).toHaveText('3 settings need attention. Nothing was saved.');
  await expect(page.getByText('VIP tab size must be a whole number from 1 to 100.')).toBeVisible();
  await expect(page.getByText('Gold must cost more than Silver (100 tokens).')).toBeVisible();
  await expect(page.getByText('Use HH:MM in 24-hour time, for example 22:00.')).toBeVisible();
  await expect(page.getByLabel('VIP tab size')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('VIP tab size')).toBeFocused();
  expect((await hostValue(page, 'settings.get', {})).vipTabSize).toBe(10);
});

test('saved preferences take effect: a VIP tab of one, notification types and quiet hours', async ({ page }) => {
  await openSettings(page);
  await page.getByLabel('VIP tab size').fill('1');
  await page.getByRole('checkbox', { name: 'Milestone reached' }).uncheck();
  await page.getByRole('checkbox', { name: 'No desktop notifications during quiet hours' }).check();
  await page.getByLabel('Lowest priority that raises a desktop notification').selectOption('medium');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Settings saved.' })).toBeVisible();

  const stored = await hostValue(page, 'settings.get', {});
  expect(stored).toMatchObject({ vipTabSize: 1, notifications: { minPriority: 'medium', quietHours: { enabled: true } } });
  expect(stored.notifications.enabledTypes.milestone_reached).toBe(false);

  await page.reload();
  await expect(page.getByLabel('VIP tab size')).toHaveValue('1');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox' }).click();
  await inboxTab(page, /^VIP/).click();
  await expect(page.getByTestId('list-caption')).toContainText('Top 1 of 2 VIPs');
  await expect(page.getByTestId('inbox-row')).toHaveCount(1);
});

test('theme: follows the system, and a choice in settings sticks across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openSettings(page);
  const body = page.locator('body');
  const darkBackground = await paintedColour(body, 'background-color');
  expect(darkBackground).toBe('rgb(19, 20, 25)');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await paintedColour(body, 'background-color')).toBe('rgb(246, 246, 248)');
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  expect(await paintedColour(body, 'background-color')).toBe('rgb(246, 246, 248)');
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  expect(await paintedColour(body, 'background-color')).toBe(darkBackground);
});

test('platform connection and sync status bar: connect, sync, quarantined records with reasons, disconnect', async ({ page }) => {
  await openSettings(page);
  const bar = page.getByRole('contentinfo', { name: 'Sync status' });
  await expect(bar.getByTestId('sync-state')).toHaveText('Not connected to the platform');

  // A missing token is caught before anything is sent.
  await page.getByLabel('Server URL').fill(platform.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'access token' })).toHaveText('Enter the access token from your platform account.');

  await page.getByLabel('Access token').fill(PLATFORM_TOKEN);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connected-server')).toHaveText(new RegExp(`^${platform.url.replace(/\/$/, '')}`));
  await page.getByRole('region', { name: 'Platform connection' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(bar.getByTestId('sync-state')).toHaveText('Online');
  await expect(bar.getByTestId('last-sync')).toHaveText('Last sync: just now');
  await expect(bar.getByTestId('pending-actions')).toHaveText('No actions waiting');

  const status = await hostValue(page, 'sync.status', {});
  expect(status.quarantine.total).toBeGreaterThan(0);
  await bar.getByTestId('quarantine-toggle').click();
  const popover = page.getByRole('dialog', { name: 'Quarantined records' });
  for (const row of status.quarantine.byReason) await expect(popover).toContainText(row.reason);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(bar.getByTestId('sync-state')).toHaveText('Not connected to the platform');
  await expect(page.getByLabel('Server URL')).toBeVisible();
});
