import { expect, test, type Page } from '@playwright/test';
import type { ModelQuality } from '../../shared/domain/modelQuality';
import type { SupporterClv } from '../../shared/domain/supporterProfile';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { formatDecimals, formatNumber } from './support/consolePage';
import { createFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';
import { routeCoreSocket } from './support/routeCoreSocket';

/**
 * The customer-base models in the console (issue 7): a supporter's chance of still being active
 * and 30-day forecast on the profile, "not enough data" where that is the honest answer, and the
 * model-quality view (parameters, 30-day backtest chart and table, last week's Hot Leads). The
 * generated demo workspace (2,000 supporters) has plenty of repeat buyers; the hand-made fixture
 * has too few for any model, which is its own state.
 */

let demo: ConsoleHost;
let fixture: ConsoleHost | null = null;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  demo = await startConsoleHost();
});

test.afterAll(async () => {
  await demo?.stop();
  await fixture?.stop();
});

type Scored = Extract<SupporterClv, { chanceActive: number }>;

async function openProfile(page: Page, host: ConsoleHost, supporterId: string): Promise<void> {
  await page.goto(host.url);
  await page.evaluate((id) => (location.hash = `#/supporter/${id}`), supporterId);
  await expect(page.getByTestId('clv-card')).toBeVisible();
}

test('a supporter’s profile shows chance still active, expected purchases and tokens, with the explanation', async ({ page }) => {
  await page.goto(demo.url);
  // The All tab ordered by the model: the first supporter has figures.
  const top = await hostValue(page, 'inbox.page', { tab: 'all', sort: 'chance_active', limit: 1 });
  const supporterId = top.entries[0]?.supporterId;
  if (!supporterId) throw new Error('the demo workspace has no supporter with a purchase');
  const profile = await hostValue(page, 'profile.get', { supporterId });
  const clv = profile.clv as Scored | null;
  if (clv === null || !('chanceActive' in clv)) throw new Error(`expected model figures for ${supporterId}`);

  await openProfile(page, demo, supporterId);
  const card = page.getByTestId('clv-card');
  await expect(card.getByRole('heading', { name: 'Outlook (next 30 days)' })).toBeVisible();
  const figure = (label: string) => card.getByTestId('clv-figures').locator('div', { has: page.getByText(label, { exact: true }) }).locator('dd');
  await expect(figure('Chance still active')).toHaveText(`${Math.round(clv.chanceActive * 100)}%`);
  await expect(figure('Expected purchases')).toHaveText(formatDecimals(clv.expectedPurchases30d, 1));
  await expect(figure('Expected tokens')).toHaveText(formatNumber(Math.round(clv.expectedTokens30d)));
  await expect(card.getByTestId('clv-explanation')).toHaveText(clv.explanation);
  await expect(card.getByTestId('clv-explanation')).toContainText(/^Based on \d+ purchase days, the last .+ chance they are still an active buyer; expect about/);

  // "How reliable is this?" leads to the model-quality view.
  await card.getByRole('button', { name: 'How reliable is this?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model quality' })).toBeVisible();
});

test('a one-off buyer gets an honest "not enough data" instead of a forecast', async ({ page }) => {
  await page.goto(demo.url);
  // "Not enough data" sorts after every figure: the last entry of the model order.
  const { total } = await hostValue(page, 'inbox.page', { tab: 'all', sort: 'chance_active', limit: 1 });
  const last = await hostValue(page, 'inbox.page', { tab: 'all', sort: 'chance_active', limit: 1, offset: total - 1 });
  const supporterId = last.entries[0]?.supporterId ?? '';
  const profile = await hostValue(page, 'profile.get', { supporterId });
  expect(profile.clv).toMatchObject({ notEnoughData: true });

  await openProfile(page, demo, supporterId);
  const note = page.getByTestId('clv-card').getByTestId('clv-not-enough-data');
  await expect(note).toContainText('Not enough data.');
  await expect(note).toContainText(profile.clv?.explanation ?? '');
  await expect(page.getByTestId('clv-figures')).toHaveCount(0);
});

test('the model-quality view shows the parameters, the backtest as a chart and a table, and last week’s Hot Leads', async ({ page }) => {
  await page.goto(demo.url);
  const quality = await hostValue(page, 'model.quality', {});
  expect(quality.parameters).not.toBeNull();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Model quality' }).click();
  await expect(page).toHaveURL(/#\/?model$/);
  const view = page.getByTestId('model-quality');
  await expect(view.getByRole('heading', { level: 1, name: 'Model quality' })).toBeVisible();

  // Parameters, in numbers and in words.
  const parameters = quality.parameters as NonNullable<ModelQuality['parameters']>;
  await expect(view.getByTestId('model-parameters')).toContainText(`r = ${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }).format(parameters.bgnbd.r)}`);
  await expect(view.getByTestId('model-explanation')).toContainText(
    `buys about every ${Math.round(parameters.bgnbd.alpha / parameters.bgnbd.r)} days`,
  );
  await expect(view.getByTestId('model-fit')).toContainText(formatNumber(quality.supportersFitted));

  // The backtest: the chart is drawn, and the table carries the same numbers, bin by bin.
  if (!('bins' in quality.backtest)) throw new Error('expected a backtest on the demo workspace');
  await expect(view.getByTestId('model-backtest-chart').locator('svg').first()).toBeVisible();
  await expect(view.getByTestId('model-backtest-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const rows = view.getByTestId('model-backtest-table').locator('tbody tr');
  await expect(rows).toHaveCount(8);
  for (const [index, bin] of quality.backtest.bins.entries()) {
    await expect(rows.nth(index).locator('th, td')).toHaveText([
      bin.x,
      formatNumber(bin.customers),
      formatDecimals(bin.predictedMean, 2),
      formatDecimals(bin.actualMean, 2),
    ]);
  }
  await expect(view.getByTestId('model-backtest-summary')).toContainText('in the 30 days after');

  // Last week's Hot Leads.
  const precision = quality.hotLeadPrecision;
  await expect(view.getByTestId('hot-lead-precision')).toContainText(
    precision === null ? 'Nobody was a Hot Lead a week ago' : `of the ${formatNumber(precision.hotLeadsLastWeek)} Hot Lead`,
  );
  if (precision !== null) await expect(view.getByTestId('hot-lead-precision-value')).toHaveText(`${Math.round(precision.precision * 100)}%`);

  // A refit on request redraws the report with a new fit.
  await view.getByRole('button', { name: 'Refit now' }).click();
  await expect(view.getByRole('button', { name: 'Refit now' })).toBeEnabled();
  await expect(view.getByTestId('model-fitted-at')).toBeVisible();
});

test('the model-quality view explains a failure and retries', async ({ page }) => {
  const socket = await routeCoreSocket(page);
  socket.failing.set('model.quality', { code: 'unavailable', message: 'The cache is busy.' });
  await page.goto(demo.url);
  await page.evaluate(() => (location.hash = '#/model'));
  await expect(page.getByTestId('error-state')).toContainText('Could not load the model report');
  socket.failing.delete('model.quality');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('model-backtest-table')).toBeVisible();
});

test('with too few repeat buyers for any model, the profile and the view say so', async ({ page }) => {
  fixture = await startConsoleHost({ dataDir: createFixtureWorkspace() });
  await page.goto(fixture.url);
  const quality = await hostValue(page, 'model.quality', {});
  expect(quality.parameters).toBeNull();
  expect((await hostValue(page, 'profile.get', { supporterId: 'vip_anna' })).clv).toBeNull();

  await openProfile(page, fixture, 'vip_anna');
  await expect(page.getByTestId('clv-card').getByTestId('clv-not-enough-data')).toContainText('Not enough data across your supporters');

  await page.evaluate(() => (location.hash = '#/model'));
  const notEnough = page.getByTestId('model-not-enough-data');
  await expect(notEnough).toContainText('Not enough data yet');
  await expect(notEnough).toContainText(quality.detail ?? '');
  await expect(page.getByTestId('model-backtest-empty')).toContainText('Not enough purchase history');
});

test('the All tab can be sorted by chance still active and by expected tokens', async ({ page }) => {
  await page.goto(demo.url);
  await page.getByRole('tab', { name: /All/ }).click();
  const expectedFirst = await hostValue(page, 'inbox.page', { tab: 'all', sort: 'expected_tokens', limit: 1 });
  const firstHandle = expectedFirst.entries[0]?.handle;
  if (!firstHandle) throw new Error('the demo workspace has no supporter with a purchase');
  await page.getByLabel('Sort the All tab').selectOption('expected_tokens');
  await expect(page.getByTestId('inbox-row').first()).toContainText(firstHandle);
  const byChance = await hostValue(page, 'inbox.page', { tab: 'all', sort: 'chance_active', limit: 1 });
  await page.getByLabel('Sort the All tab').selectOption('chance_active');
  await expect(page.getByTestId('inbox-row').first()).toContainText(byChance.entries[0]?.handle ?? '');
  // Other tabs keep their SPEC order and show no sort control.
  await page.getByRole('tab', { name: /VIP/ }).click();
  await expect(page.getByLabel('Sort the All tab')).toHaveCount(0);
});
