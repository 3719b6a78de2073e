import { expect, test } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';

let host: ConsoleHost;

test.beforeAll(async () => {
  host = await startConsoleHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the browser host shows the inbox on demo data, labelled as demo', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('status').filter({ hasText: 'Demo data' })).toBeVisible();
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveText([/Now/, /VIP/, /Hot Leads/, /All/, /Dormant/, /New/]);
  // The Now queue is the landing view (SPEC §11).
  await expect(page.getByRole('tab', { name: /^Now/ })).toHaveAttribute('aria-selected', 'true');
});

test('a request without the session token is refused', async ({ request }) => {
  const response = await request.get(`${host.origin}/`);
  expect(response.status()).toBe(401);
  expect(await response.text()).toContain('access token');
});
