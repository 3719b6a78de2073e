import { expect, test, type Page } from '@playwright/test';
import { inboxTab, paintedColour } from './support/consolePage';
import { FixtureSession } from './support/fixtureSession';
import { hostValue } from './support/hostApi';

/**
 * Settings (preferences with validation, theme), the platform connection and the sync status bar,
 * on the fixture workspace with an in-process reference platform.
 */

const session = new FixtureSession('settings-e2e-token', [
  { entity: 'activity', op: 'upsert', data: { id: 'p-1', supporterId: 'nick_new', type: 'chat_message', at: new Date(Date.now() - 120_000).toISOString(), tokens: 5 } },
  // Not a valid record: quarantined with its reason, the rest still applies.
  { entity: 'spaceship', op: 'upsert', data: { id: 'x' } },
]);

test.use({ locale: 'en-US' });

async function openSettings(page: Page): Promise<void> {
  await page.goto(session.host.url);
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
  await page.getByLabel('Spending spike: how many desktop notifications an hour').selectOption({ label: 'At most 2 an hour' });
  // A type switched off has no limit to set.
  await expect(page.getByLabel('Milestone reached: how many desktop notifications an hour')).toBeDisabled();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Settings saved.' })).toBeVisible();

  const stored = await hostValue(page, 'settings.get', {});
  expect(stored).toMatchObject({ vipTabSize: 1, notifications: { minPriority: 'medium', quietHours: { enabled: true } } });
  expect(stored.notifications.enabledTypes.milestone_reached).toBe(false);
  expect(stored.notifications.typeLimits).toMatchObject({ spending_spike: 2, vip_online: null });

  await page.reload();
  await expect(page.getByLabel('VIP tab size')).toHaveValue('1');
  await expect(page.getByLabel('Spending spike: how many desktop notifications an hour')).toHaveValue('2');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox' }).click();
  await inboxTab(page, /^VIP/).click();
  await expect(page.getByTestId('list-caption')).toContainText('Top 1 by lifetime spend, of 2 VIPs');
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

test('unsaved preferences are guarded: leaving asks first, "Keep editing" keeps them, "Discard" leaves them unsaved, closing the tab asks too', async ({ page }) => {
  await openSettings(page);
  const stored = (await hostValue(page, 'settings.get', {})).vipTabSize;
  const changed = String(stored === 7 ? 8 : 7);
  const field = page.getByLabel('VIP tab size');
  await expect(page.getByTestId('unsaved-changes')).toHaveCount(0);
  await field.fill(changed);
  await expect(page.getByTestId('unsaved-changes')).toHaveText('Unsaved changes');

  // The sidebar: asked, and "Keep editing" stays with the change in place.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Inbox' }).click();
  const guard = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(guard).toBeVisible();
  await expect(guard).toContainText('Your changes to the CRM preferences are not saved yet.');
  await expect(guard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await guard.getByRole('button', { name: 'Keep editing' }).click();
  await expect(guard).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(field).toHaveValue(changed);

  // Back in the browser: the address stays on Settings and the same question is asked; Esc means stay.
  await page.goBack();
  await expect(guard).toBeVisible();
  await expect(page).toHaveURL(/#\/settings$/);
  await page.keyboard.press('Escape');
  await expect(guard).toBeHidden();
  await expect(field).toHaveValue(changed);

  // Closing the tab: the browser's own "leave site?" prompt.
  const prompts: string[] = [];
  page.on('dialog', (dialog) => {
    prompts.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => prompts).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  // "Discard changes and leave" goes, and nothing was saved.
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await guard.getByRole('button', { name: 'Discard changes and leave' }).click();
  await expect(page.getByRole('tablist', { name: 'Inbox tabs' })).toBeVisible();
  expect((await hostValue(page, 'settings.get', {})).vipTabSize).toBe(stored);

  // Saved changes leave freely.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await field.fill(changed);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByTestId('unsaved-changes')).toHaveCount(0);
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await expect(guard).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Inbox tabs' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await field.fill(String(stored));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(async () => (await hostValue(page, 'settings.get', {})).vipTabSize).toBe(stored);
});

test('platform connection and sync status bar: connect, sync, quarantined records with reasons, disconnect', async ({ page }) => {
  await openSettings(page);
  const bar = page.getByRole('contentinfo', { name: 'Sync status' });
  await expect(bar.getByTestId('sync-state')).toHaveText('Not connected to the platform');

  // A missing token is caught before anything is sent.
  await page.getByLabel('Server URL').fill(session.platform.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'access token' })).toHaveText('Enter the access token from your platform account.');

  await page.getByLabel('Access token').fill(session.platformToken);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connected-server')).toHaveText(new RegExp(`^${session.platform.url.replace(/\/$/, '')}`));
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
