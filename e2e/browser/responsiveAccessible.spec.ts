import { expect, test, type Page } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { seriousViolations } from './support/axeViolations';
import { inboxRow, inboxTab } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * Responsive and accessible (issue 17 item 5): usable from 1024×640 to 2560×1440, and axe-core
 * (pinned dev dependency, injected from its own source) finds no serious or critical violation on
 * any screen in either theme. Also: quick actions say when a refused one is available again.
 */

let host: ConsoleHost;
let dataDir: string;

// The console's CSP allows only its own scripts; the test's axe-core is let in by the test browser alone.
test.use({ locale: 'en-US', bypassCSP: true });

test.beforeAll(async () => {
  dataDir = createFixtureWorkspace();
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

const SCREENS: { name: string; open(page: Page): Promise<void> }[] = [
  { name: 'inbox', open: async (page) => void (await expect(page.getByTestId('inbox-row').first()).toBeVisible()) },
  {
    name: 'inbox, row actions menu open',
    open: async (page) => {
      await page.setViewportSize({ width: 1024, height: 640 });
      await inboxRow(page, 'vip_anna').getByTestId('row-actions-menu-button').click();
      await expect(page.getByRole('menu')).toBeVisible();
    },
  },
  {
    name: 'profile with why this score',
    open: async (page) => {
      await page.evaluate(() => (location.hash = '#/supporter/vip_anna'));
      await page.getByRole('button', { name: 'Why this score?' }).click();
      await expect(page.getByTestId('priority-breakdown')).toBeVisible();
    },
  },
  {
    name: 'action dialog',
    open: async (page) => {
      await page.evaluate(() => (location.hash = '#/supporter/hot_ben'));
      await page.getByTestId('profile-action-prioritize_reply').click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  { name: 'alerts', open: async (page) => void (await page.evaluate(() => (location.hash = '#/alerts')), await expect(page.getByTestId('alert-row').first()).toBeVisible()) },
  { name: 'activity', open: async (page) => void (await page.evaluate(() => (location.hash = '#/activity')), await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()) },
  { name: 'model quality', open: async (page) => void (await page.evaluate(() => (location.hash = '#/model')), await expect(page.getByTestId('model-verdict')).toBeVisible()) },
  { name: 'settings', open: async (page) => void (await page.evaluate(() => (location.hash = '#/settings')), await expect(page.getByRole('form', { name: 'CRM preferences' })).toBeVisible()) },
];

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe-core violation on any screen (${theme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    const found: string[] = [];
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(host.url);
      await expect(page.getByTestId('inbox-row').first()).toBeVisible();
      await screen.open(page);
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      for (const line of await seriousViolations(page)) found.push(`${screen.name}: ${line}`);
    }
    expect(found).toEqual([]);
  });
}

test('at 1024×640 every quick action is reachable through the row menu; the sidebar collapses and expands', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(host.url);
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', 'true');
  const scroll = page.getByTestId('inbox-scroll');
  await expect(inboxRow(page, 'vip_anna')).toBeVisible();
  expect(await scroll.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  const menuButton = inboxRow(page, 'vip_anna').getByRole('button', { name: 'Actions for vip_anna' });
  await expect(menuButton).toBeInViewport();
  await menuButton.click();
  const menu = page.getByRole('menu', { name: 'Actions for vip_anna' });
  await expect(menu.getByRole('menuitem')).toHaveCount(3);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /Invite to live/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await menuButton.click();
  await menu.getByRole('menuitem', { name: /Message reminder/ }).click();
  await expect(page.getByRole('dialog')).toContainText('Message reminder for vip_anna?');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByTestId('sidebar-toggle').click();
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', 'false');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' })).toBeVisible();
  // Still usable with the wide sidebar: the menu is in view.
  await expect(menuButton).toBeInViewport();
});

for (const [width, height] of [
  [1920, 1080],
  [2560, 1440],
] as const) {
  test(`at ${width}×${height} the quick actions are icon buttons in the row`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(host.url);
    await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', 'false');
    const row = inboxRow(page, 'vip_anna');
    await expect(row.getByRole('group', { name: 'Quick actions for vip_anna' }).getByRole('button')).toHaveCount(3);
    await expect(row.getByTestId('row-actions-menu-button')).toBeHidden();
    await expect(row.getByTestId('quick-action-dm_reminder')).toBeInViewport();
  });
}

test('tabs are named with their counts for assistive tech ("VIP, 2 supporters")', async ({ page }) => {
  await page.goto(host.url);
  const counts = (await hostValue(page, 'inbox.counts', {})).counts;
  await expect(inboxTab(page, `VIP, ${counts.vip} supporter${counts.vip === 1 ? '' : 's'}`)).toBeVisible();
  await expect(inboxTab(page, `Dormant, ${counts.dormant} supporter${counts.dormant === 1 ? '' : 's'}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeAttached();
  await expect(page.getByRole('region', { name: /list, scrollable/ })).toHaveAttribute('tabindex', '0');
});

test('a quick action the 24-hour rule would refuse says so, with its time, before the click; the refusal never shows an internal id', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  const first = await hostValue(page, 'actions.run', { supporterId: 'hot_ben', type: 'dm_reminder' });
  expect(first.status).toBe('executed');
  await inboxTab(page, /^Hot Leads/).click();
  const button = inboxRow(page, 'hot_ben').getByTestId('quick-action-dm_reminder');
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  // In the creator's timezone (the fixture's Europe/Berlin), named when the browser's is another.
  await expect(button).toHaveAccessibleName(/Message reminder: not available\. .* It is available again (tomorrow )?at \d\d:\d\d( \(Europe\/Berlin\))?\./);
  const rowTime = /at (\d\d:\d\d)/.exec((await button.getAttribute('aria-label')) ?? (await button.textContent()) ?? '')?.[1];
  await expect(inboxRow(page, 'hot_ben').locator('.quick-action-note')).toHaveText(/^\d\d:\d\d$/);
  // A click (the button stays focusable for keyboard and screen-reader users) opens nothing.
  await button.dispatchEvent('click');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.evaluate(() => (location.hash = '#/supporter/hot_ben'));
  const card = page.getByTestId('profile-action-dm_reminder');
  await expect(card).toContainText(/available again (tomorrow )?at \d\d:\d\d/);
  // The row's hint and the profile's refusal say the same clock.
  expect(/available again (?:tomorrow )?at (\d\d:\d\d)/.exec((await card.textContent()) ?? '')?.[1]).toBe(rowTime);
  await expect(card).not.toContainText('dm_reminder');
});
