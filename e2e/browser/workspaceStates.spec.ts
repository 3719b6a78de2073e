import { expect, test } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { inboxRow, inboxTab } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * States of a whole workspace rather than of one view: an empty tab, a real (non-demo) workspace,
 * and a creator whose earning is switched off (SPEC §9: the CRM says why and refuses actions).
 */

test.use({ locale: 'en-US' });

test.describe('a real workspace with an empty tab', () => {
  let host: ConsoleHost;
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = createFixtureWorkspace();
    host = await startConsoleHost({ dataDir });
  });
  test.afterAll(async () => {
    await host?.stop();
    removeFixtureWorkspace(dataDir);
  });

  test('empty state display: an empty tab says what would put supporters there', async ({ page }) => {
    await page.goto(host.url);
    await inboxTab(page, /^Dormant/).click();
    await expect(page.getByTestId('tab-count-dormant')).toHaveText('0');
    const empty = page.getByTestId('empty-state');
    await expect(empty.getByRole('heading')).toHaveText('Nobody is dormant');
    await expect(empty).toContainText('Supporters inactive for 7 to 30 days would show up here for a reactivation nudge.');
    await expect(page.getByTestId('inbox-row')).toHaveCount(0);
    // Other tabs are not empty, and no demo banner on imported data.
    await inboxTab(page, /^New/).click();
    await expect(page.getByTestId('inbox-row').first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Demo data' })).toHaveCount(0);
  });
});

test.describe('earning switched off', () => {
  let host: ConsoleHost;
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = createFixtureWorkspace({ earnOn: false });
    host = await startConsoleHost({ dataDir });
  });
  test.afterAll(async () => {
    await host?.stop();
    removeFixtureWorkspace(dataDir);
  });

  test('earnOn off: the console explains it, and every action is disabled with the reason', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.getByTestId('earn-off-banner')).toHaveText(/Earning is switched off for this account, so CRM actions are unavailable\./);
    await inboxTab(page, /^All/).click();
    const row = inboxRow(page, 'vip_anna');
    for (const name of ['Message reminder', 'Invite to live', 'Offer fan club']) {
      const button = row.getByRole('button', { name });
      await expect(button).toBeDisabled();
      // The quick action says which action and why, on hover and to assistive tech.
      await expect(button).toHaveAttribute('title', `${name}: not available. Earning is switched off for this account, so CRM actions are unavailable.`);
    }

    await row.getByRole('link', { name: 'vip_anna' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('vip_anna');
    await expect(page.getByRole('note')).toHaveText('Earning is switched off for this account, so CRM actions are unavailable.');
    for (const type of ['dm_reminder', 'invite_to_live', 'offer_fan_club', 'event_early_access', 'prioritize_reply']) {
      await expect(page.getByTestId(`profile-action-${type}`)).toBeDisabled();
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Alerts/ }).click();
    const act = page.getByTestId('alert-row').first().getByRole('button', { name: 'Message reminder' });
    await expect(act).toBeDisabled();

    // The core refuses as well, whatever the UI does.
    const result = await hostValue(page, 'actions.run', { supporterId: 'vip_anna', type: 'dm_reminder' }).catch((error: Error) => error.message);
    expect(JSON.stringify(result)).toMatch(/rejected|earn/i);
  });
});
