import { expect, test } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';
import { clickNotification, recordNotifications, shownNotifications } from './support/recordNotifications';

/**
 * A follow-up comes due (SPEC §13): the running console raises its `follow_up_due` alert at that
 * time (the sweep schedule wakes for it), the alert is in the panel and reaches the desktop through
 * the same notification path as any other, a click on either opens the supporter's profile, and the
 * follow-up's private text is nowhere but on the profile.
 */

const PRIVATE_TEXT = 'Ask whether the Lisbon marathon went well';
const MESSAGE = 'Your follow-up with @vip_anna is due';

let host: ConsoleHost;
let dataDir: string;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  dataDir = createFixtureWorkspace();
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

test('a due follow-up appears in the alerts panel and as a notification; clicking either opens the profile; its text shows on neither', async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();

  // Due in a few seconds: the hourly sweep would be too late, so this proves the wake at the follow-up's time.
  const dueAt = new Date(Date.now() + 4_000).toISOString();
  await hostValue(page, 'followUps.add', { supporterId: 'vip_anna', dueAt, text: PRIVATE_TEXT });
  await nav.getByRole('button', { name: /Alerts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();

  // The panel refreshes by itself when the alert is raised.
  const row = page.getByTestId('alert-row').filter({ hasText: MESSAGE });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId('alert-priority')).toHaveText('High');
  await expect(row.getByRole('button', { name: 'Message reminder — follow up as planned' })).toBeVisible();
  const [alert] = (await hostValue(page, 'alerts.list', {})).alerts.filter((candidate) => candidate.type === 'follow_up_due');
  expect(alert).toMatchObject({ supporterId: 'vip_anna', priority: 'high', suggestedAction: 'dm_reminder', createdAt: dueAt, message: MESSAGE });
  expect(Date.parse(alert?.expiresAt ?? '') - Date.parse(dueAt)).toBe(24 * 60 * 60 * 1000);
  await expect(page.locator('body')).not.toContainText('Lisbon');

  // The same path as every alert to the desktop: one notification, naming the supporter only (at
  // most one digest a minute, so it may wait for an earlier one's minute to pass).
  await expect
    .poll(() => shownNotifications(page), { timeout: 75_000 })
    .toContainEqual({ title: 'Follow-up due', body: MESSAGE });
  const shown = await shownNotifications(page);
  expect(JSON.stringify(shown)).not.toContain('Lisbon');

  // A click on the alert opens the profile, where (and only where) the text is.
  await row.getByRole('button', { name: MESSAGE, exact: true }).click();
  await expect(page).toHaveURL(/#\/supporter\/vip_anna$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('vip_anna');
  await expect(page.getByTestId('follow-up').filter({ hasText: PRIVATE_TEXT })).toHaveCount(1);

  // So does a click on its notification.
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await expect(page).not.toHaveURL(/#\/supporter\/vip_anna$/);
  await clickNotification(page, shown.findIndex((notification) => notification.body === MESSAGE));
  await expect(page).toHaveURL(/#\/supporter\/vip_anna$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('vip_anna');
  await context.close();
});
