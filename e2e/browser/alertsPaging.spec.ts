import { expect, test, type Page } from '@playwright/test';
import type { AlertCursor, AlertPage } from '../../shared/domain/alertPage';
import type { AlertView } from '../../shared/domain/alertView';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { seriousViolations } from './support/axeViolations';
import { createWorkspaceFromRecords, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { routeCoreSocket } from './support/routeCoreSocket';
import { hostValue } from './support/hostApi';

/**
 * More open alerts than one page (the walk-through found 176, of which the page showed 100): every
 * one is reachable with "Show older alerts", the filter counts and the badge cover all of them, and
 * "Mark all read" marks everything the filters match — never a "Mark 0 … read" button.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MILESTONE_SUPPORTERS = 112;
const RETURNING_SUPPORTERS = 14;

/** 112 supporters who each passed 1,000 lifetime tokens in the last two hours (their 150-token gift is also a spending spike), and 14 back after two weeks away: well over 100 open alerts. The tests take the counts from the core. */
function manyAlertRecords(now = Date.now()): object[] {
  const at = (ms: number) => new Date(ms).toISOString();
  const records: object[] = [{ entity: 'creator', op: 'upsert', data: { id: 'creator', handle: 'paging_creator', earnOn: true, timezone: 'UTC' } }];
  let activityId = 0;
  const activity = (supporterId: string, type: string, time: number, extra: Record<string, unknown> = {}) =>
    records.push({ entity: 'activity', op: 'upsert', data: { id: `a${++activityId}`, supporterId, type, at: at(time), tokens: 0, ...extra } });
  const supporter = (id: string) => records.push({ entity: 'supporter', op: 'upsert', data: { id, handle: id, firstSeenAt: at(now - 80 * DAY), timezone: 'UTC' } });
  for (let index = 0; index < MILESTONE_SUPPORTERS; index += 1) {
    const id = `mile_${String(index).padStart(3, '0')}`;
    supporter(id);
    activity(id, 'ppv_purchase', now - 25 * DAY, { tokens: 900, itemId: `p${index}`, category: 'video' });
    activity(id, 'gift', now - (index + 1) * MINUTE, { tokens: 150 });
  }
  for (let index = 0; index < RETURNING_SUPPORTERS; index += 1) {
    const id = `back_${String(index).padStart(2, '0')}`;
    supporter(id);
    activity(id, 'ppv_purchase', now - 20 * DAY, { tokens: 40, itemId: `q${index}`, category: 'video' });
    activity(id, 'chat_message', now - 14 * DAY, { tokens: 5 });
    activity(id, 'profile_view', now - (index * 7 + 3) * MINUTE);
  }
  return records;
}

let host: ConsoleHost;
let dataDir: string;

test.use({ locale: 'en-US', bypassCSP: true });

test.beforeAll(async () => {
  dataDir = createWorkspaceFromRecords(manyAlertRecords());
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

/** Ground truth from the core: every open alert, newest first, paging as far as it goes. */
async function everyOpenAlert(page: Page, filters: { type?: AlertView['type']; show?: 'all' | 'unread' } = {}): Promise<AlertView[]> {
  const alerts: AlertView[] = [];
  let before: AlertCursor | null = null;
  do {
    const answer: AlertPage = await hostValue(page, 'alerts.page', { ...filters, ...(before ? { before } : {}) });
    alerts.push(...answer.alerts);
    before = answer.nextBefore;
  } while (before);
  return alerts;
}

async function openAlerts(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Alerts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
}

function alertRow(page: Page, alert: AlertView) {
  return page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
}

async function shownIds(page: Page): Promise<string[]> {
  return page.getByTestId('alert-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alert-id') ?? ''));
}

test('more than 100 open alerts: the newest 100 first, then "Show older alerts" (keyboard) reaches every one; the counts and the badge cover them all', async ({ page }) => {
  await openAlerts(page);
  const all = await everyOpenAlert(page);
  const milestones = all.filter((alert) => alert.type === 'milestone_reached').length;
  expect(all.length).toBeGreaterThan(100);
  expect(milestones).toBeGreaterThan(100);

  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(100);
  expect(new Set(await shownIds(page))).toEqual(new Set(all.slice(0, 100).map((alert) => alert.id)));
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length} alerts, ${all.length} unread · showing the newest 100 of ${all.length}`);
  const badge = page.getByTestId('unread-alerts-count');
  await expect(badge).toHaveText('99+');
  await expect(badge).toHaveAttribute('aria-label', `${all.length} unread`);
  // Counts over every open alert, not the 100 loaded.
  await expect(page.getByRole('radio', { name: `All (${all.length})` })).toBeVisible();
  await expect(page.getByRole('radio', { name: `Unread (${all.length})` })).toBeVisible();
  const typeFilter = page.getByLabel('Type');
  await expect(typeFilter.locator('option').first()).toHaveText(`All types (${all.length})`);
  await expect(typeFilter.locator('option[value="milestone_reached"]')).toHaveText(`Milestone reached (${milestones})`);
  const lowInAll = all.filter((alert) => alert.priority === 'low').length;
  const lowShown = all.slice(0, 100).filter((alert) => alert.priority === 'low').length;
  await expect(page.getByTestId('alert-group-low').getByRole('heading', { level: 2 })).toHaveText(lowShown < lowInAll ? `Low (${lowShown} of ${lowInAll})` : `Low (${lowInAll})`);

  // The "Show older alerts" button passes axe like the rest of the page.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Page by page from the keyboard: focus stays on the button while there is more.
  const older = page.getByRole('button', { name: /^Show older alerts/ });
  await older.focus();
  let loaded = 100;
  while (loaded < all.length) {
    await expect(older).toHaveText(`Show older alerts (${all.length - loaded} more)`);
    await expect(older).toBeFocused();
    await page.keyboard.press('Enter');
    loaded = Math.min(all.length, loaded + 100);
    await expect(rows).toHaveCount(loaded);
  }
  expect((await shownIds(page)).sort()).toEqual(all.map((alert) => alert.id).sort());
  await expect(older).toHaveCount(0);
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length} alerts, ${all.length} unread`);
  // The button went with the last page: focus is on the first alert it brought.
  const firstOfLastPage = all[Math.floor((all.length - 1) / 100) * 100];
  if (!firstOfLastPage) throw new Error('no last page');
  await expect(alertRow(page, firstOfLastPage).locator('.alert-message')).toBeFocused();

  // Dismissing one takes exactly that one away; nothing else appears or goes.
  const dismissed = all[0] as AlertView;
  await alertRow(page, dismissed).getByRole('button', { name: `Dismiss: ${dismissed.message}` }).click();
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length - 1} alerts, ${all.length - 1} unread`);
  expect((await shownIds(page)).sort()).toEqual(all.slice(1).map((alert) => alert.id).sort());
  await page.getByTestId('toast').getByRole('button', { name: /^Undo/ }).click();
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length} alerts, ${all.length} unread`);
  await expect(rows).toHaveCount(all.length);
});

test('an older page that fails to load says why next to the button, keeps every loaded alert, and "Try again" loads it', async ({ page }) => {
  const core = await routeCoreSocket(page);
  await openAlerts(page);
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(100);
  core.failing.set('alerts.page', { code: 'unavailable', message: 'The cache is busy; try again in a moment.' });
  await page.getByRole('button', { name: /^Show older alerts/ }).click();
  await expect(page.getByTestId('alerts-older').getByRole('alert')).toHaveText('Could not load older alerts: The cache is busy; try again in a moment.');
  await expect(rows).toHaveCount(100);
  const retry = page.getByRole('button', { name: /^Try again: show older alerts \(\d+ more\)$/ });
  await expect(retry).toBeVisible();
  core.failing.delete('alerts.page');
  await retry.click();
  await expect(rows).toHaveCount(200);
  await expect(page.getByTestId('alerts-older').getByRole('alert')).toHaveCount(0);
});

test('a filter pages too, and "Mark N matching alerts read" marks all of them — beyond the first 100 — and nothing else; never "Mark 0 … read"', async ({ page }) => {
  await openAlerts(page);
  const all = await everyOpenAlert(page);
  const milestones = all.filter((alert) => alert.type === 'milestone_reached');
  const rows = page.getByTestId('alert-row');
  const badge = page.getByTestId('unread-alerts-count');

  await page.getByLabel('Type').selectOption('milestone_reached');
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length} alerts, ${all.length} unread · showing the newest 100 of ${milestones.length}`);
  await expect(rows).toHaveCount(100);
  expect(new Set(await shownIds(page))).toEqual(new Set(milestones.slice(0, 100).map((alert) => alert.id)));
  await expect(page.getByRole('button', { name: `Show older alerts (${milestones.length - 100} more)` })).toBeVisible();

  await page.getByRole('button', { name: `Mark ${milestones.length} matching alerts read` }).click();
  await expect(page.getByRole('radio', { name: 'Unread (0)' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Unread' })).toHaveCount(0);
  await expect(badge).toHaveAttribute('aria-label', `${all.length - milestones.length} unread`);
  await expect(page.getByRole('button', { name: /^Mark / })).toHaveCount(0);
  // Every milestone is read, the older ones not loaded included; the other types are untouched.
  expect(await everyOpenAlert(page, { type: 'milestone_reached', show: 'unread' })).toEqual([]);
  expect((await everyOpenAlert(page, { show: 'unread' })).map((alert) => alert.id)).toEqual(all.filter((alert) => alert.type !== 'milestone_reached').map((alert) => alert.id));

  // Unread milestones: nothing matches — said so, with the way back, and no "Mark 0 … read".
  await page.getByRole('radio', { name: 'Unread (0)' }).check();
  await expect(page.getByRole('heading', { level: 2, name: 'No alerts match these filters' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Mark / })).toHaveCount(0);
  await page.getByRole('button', { name: `Show all ${all.length} alerts` }).click();
  await expect(rows).toHaveCount(100);

  // Without filters "Mark all read" marks every open alert, however many pages.
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(badge).toHaveCount(0);
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${all.length} alerts, 0 unread · showing the newest 100 of ${all.length}`);
  await expect(page.getByRole('button', { name: /^Mark / })).toHaveCount(0);
  expect(await everyOpenAlert(page, { show: 'unread' })).toEqual([]);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Unread (0)' })).toBeVisible();
  await expect(badge).toHaveCount(0);
});
