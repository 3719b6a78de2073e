import { expect, test, type Page } from '@playwright/test';
import type { AlertView } from '../../shared/domain/alertView';
import { paintedColour } from './support/consolePage';
import { FixtureSession } from './support/fixtureSession';
import { hostValue } from './support/hostApi';

/**
 * The smart alerts panel on the fixture workspace, whose records raise one alert of every
 * priority (VIP online, hot lead active, spending spike, dormant reactivation, event RSVP,
 * milestone): grouping and colours, read, dismiss, act, open a supporter, and auto-refresh when a
 * sync brings a new alert.
 */

const session = new FixtureSession('e2e-platform-token');

test.use({ locale: 'en-US' });

const PRIORITY_NAMES = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' } as const;

async function openAlerts(page: Page): Promise<AlertView[]> {
  await page.goto(session.host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Alerts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  const { alerts } = await hostValue(page, 'alerts.list', {});
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length);
  return alerts;
}

function alertRow(page: Page, alert: AlertView) {
  return page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
}

function byType(alerts: AlertView[], type: AlertView['type']): AlertView {
  const alert = alerts.find((candidate) => candidate.type === type);
  if (!alert) throw new Error(`the fixture raised no ${type} alert`);
  return alert;
}

test('smart alerts list: grouped urgent → low, each with its message, chance, value and window', async ({ page }) => {
  const alerts = await openAlerts(page);
  const priorities = ['urgent', 'high', 'medium', 'low'] as const;
  expect(new Set(alerts.map((alert) => alert.priority))).toEqual(new Set(priorities));
  const headings = page.getByRole('heading', { level: 2 });
  await expect(headings).toHaveText(priorities.map((priority) => `${PRIORITY_NAMES[priority]} (${alerts.filter((alert) => alert.priority === priority).length})`));
  for (const alert of alerts) {
    const row = alertRow(page, alert);
    await expect(page.getByTestId(`alert-group-${alert.priority}`).locator(`[data-alert-id="${alert.id}"]`)).toBeVisible();
    await expect(row.getByRole('button', { name: alert.message, exact: true })).toBeVisible();
    await expect(row.getByTestId('alert-priority')).toHaveText(PRIORITY_NAMES[alert.priority]);
    await expect(row.getByTestId('alert-meta')).toContainText(`${alert.metadata.conversionProbability}% chance · ≈ ${alert.metadata.estimatedRevenue.toLocaleString('en-US')} tokens`);
  }
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${alerts.length} alerts, ${alerts.length} unread`);
  await expect(page.getByTestId('unread-alerts-count')).toHaveText(String(alerts.length));
});

test('alert priority colours: each priority has its own colour, in the light and the dark theme', async ({ page }) => {
  const alerts = await openAlerts(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const stripes = new Map<string, string>();
    const badges = new Map<string, string>();
    for (const priority of ['urgent', 'high', 'medium', 'low'] as const) {
      const alert = alerts.find((candidate) => candidate.priority === priority);
      if (!alert) continue;
      stripes.set(priority, await paintedColour(alertRow(page, alert), 'border-left-color'));
      badges.set(priority, await paintedColour(alertRow(page, alert).getByTestId('alert-priority'), 'background-color'));
    }
    expect(new Set(stripes.values()).size, `${scheme}: one stripe colour per priority`).toBe(4);
    expect(new Set(badges.values()).size, `${scheme}: one badge colour per priority`).toBe(4);
    // The stripe and the badge of a priority agree.
    for (const [priority, colour] of stripes) expect(badges.get(priority)).toBe(colour);
  }
  // Urgent reads as red in the light theme.
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await paintedColour(alertRow(page, byType(alerts, 'vip_online')), 'border-left-color')).toBe('rgb(200, 38, 27)');
});

test('alert mark as read: the unread marker goes, the counts drop, and it stays read', async ({ page }) => {
  const alerts = await openAlerts(page);
  const alert = byType(alerts, 'event_rsvp');
  const row = alertRow(page, alert);
  await expect(row.getByRole('img', { name: 'Unread' })).toBeVisible();
  await row.getByRole('button', { name: 'Mark read' }).click();
  await expect(row.getByRole('img', { name: 'Unread' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Mark read' })).toHaveCount(0);
  await expect(page.getByTestId('unread-alerts-count')).toHaveText(String(alerts.length - 1));
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${alerts.length} alerts, ${alerts.length - 1} unread`);
  const stored = (await hostValue(page, 'alerts.list', {})).alerts.find((candidate) => candidate.id === alert.id);
  expect(stored?.readAt).not.toBeNull();

  // "Unread" hides it, and says how many it shows.
  await page.getByRole('radio', { name: `Unread (${alerts.length - 1})` }).check();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length - 1);
  await page.getByRole('radio', { name: `All (${alerts.length})` }).check();
  await expect(row).toBeVisible();
});

test('alert dismissal: the alert leaves the panel and does not come back', async ({ page }) => {
  const alerts = await openAlerts(page);
  const alert = byType(alerts, 'dormant_reactivation');
  await alertRow(page, alert).getByRole('button', { name: `Dismiss: ${alert.message}` }).click();
  await expect(alertRow(page, alert)).toHaveCount(0);
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length - 1);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length - 1);
  await expect(alertRow(page, alert)).toHaveCount(0);
});

test('undo after dismiss: the toast’s Undo brings the alert back as it was, unread, with the badge', async ({ page }) => {
  const alerts = await openAlerts(page);
  const alert = alerts.find((candidate) => candidate.readAt === null);
  if (!alert) throw new Error('no unread alert left in the fixture');
  const unread = alerts.filter((candidate) => candidate.readAt === null).length;
  const badge = page.getByTestId('unread-alerts-count');
  await expect(badge).toHaveText(String(unread));
  await alertRow(page, alert).getByRole('button', { name: `Dismiss: ${alert.message}` }).click();
  await expect(alertRow(page, alert)).toHaveCount(0);
  await expect(badge).toHaveText(String(unread - 1));
  const toast = page.getByTestId('toast').filter({ hasText: `Dismissed — ` }).filter({ hasText: alert.message });
  await expect(toast).toBeVisible();
  expect((await hostValue(page, 'alerts.list', {})).alerts.map((candidate) => candidate.id)).not.toContain(alert.id);

  await toast.getByRole('button', { name: /^Undo/ }).click();
  await expect(toast).toHaveCount(0);
  await expect(alertRow(page, alert)).toBeVisible();
  await expect(alertRow(page, alert).getByRole('img', { name: 'Unread' })).toBeVisible();
  await expect(badge).toHaveText(String(unread));
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length);
  const stored = (await hostValue(page, 'alerts.list', {})).alerts.find((candidate) => candidate.id === alert.id);
  expect(stored).toMatchObject({ dismissedAt: null, readAt: null });
  await page.reload();
  await expect(alertRow(page, alert)).toBeVisible();
});

test('filters by type and priority: each choice says how many, the counts add up, and the badge is the unread shown', async ({ page }) => {
  const alerts = await openAlerts(page);
  const unread = alerts.filter((alert) => alert.readAt === null);
  const typeFilter = page.getByLabel('Type');
  const priorityFilter = page.getByLabel('Priority');
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${alerts.length} alerts, ${unread.length} unread`);
  await expect(page.getByTestId('unread-alerts-count')).toHaveText(String(unread.length));
  await expect(page.getByRole('radio', { name: `Unread (${unread.length})` })).toBeVisible();
  await expect(typeFilter.locator('option').first()).toHaveText(`All types (${alerts.length})`);

  const high = alerts.filter((alert) => alert.priority === 'high');
  await priorityFilter.selectOption('high');
  await expect(page.getByTestId('alert-row')).toHaveCount(high.length);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([`High (${high.length})`]);
  // The type choices now count the high alerts, and they sum to "All types".
  await expect(typeFilter.locator('option').first()).toHaveText(`All types (${high.length})`);
  const typeCounts = await typeFilter.locator('option').allTextContents();
  const summed = typeCounts.slice(1).reduce((sum, text) => sum + Number(/\((\d+)\)$/.exec(text)?.[1]), 0);
  expect(summed).toBe(high.length);
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${alerts.length} alerts, ${unread.length} unread · showing ${high.length}`);

  const [first] = high;
  if (!first) throw new Error('the fixture has no high alert');
  await typeFilter.selectOption(first.type);
  const both = high.filter((alert) => alert.type === first.type);
  await expect(page.getByTestId('alert-row')).toHaveCount(both.length);
  await expect(priorityFilter.locator('option').first()).toHaveText(`All priorities (${alerts.filter((alert) => alert.type === first.type).length})`);

  // Nothing matches: said so, with the way back.
  await priorityFilter.selectOption('low');
  if (!alerts.some((alert) => alert.type === first.type && alert.priority === 'low')) {
    await expect(page.getByRole('heading', { level: 2, name: 'No alerts match these filters' })).toBeVisible();
    await page.getByRole('button', { name: `Show all ${alerts.length} alerts` }).click();
  } else {
    await page.getByRole('button', { name: 'Clear filters' }).click();
  }
  await expect(page.getByTestId('alert-row')).toHaveCount(alerts.length);
  await expect(typeFilter).toHaveValue('all');
  await expect(priorityFilter).toHaveValue('all');
});

test('alert action execution: the suggested action shows its impact, runs on confirmation, and is logged', async ({ page }) => {
  const alerts = await openAlerts(page);
  const alert = byType(alerts, 'hot_lead_active');
  const row = alertRow(page, alert);
  await row.getByRole('button', { name: 'Message reminder' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Message reminder for hot_ben?');
  const impact = await hostValue(page, 'actions.preview', { supporterId: alert.supporterId, type: alert.suggestedAction });
  await expect(dialog.getByTestId('impact-probability')).toHaveText(`${impact.conversionProbability}%`);
  await dialog.getByRole('button', { name: 'Confirm message reminder' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Message reminder for hot_ben: done.' })).toBeVisible();
  const { entries } = await hostValue(page, 'actions.log', { limit: 100 });
  expect(entries.find((entry) => entry.supporterId === 'hot_ben')).toMatchObject({ type: 'dm_reminder', status: 'executed' });
});

test('each alert’s suggested action says its intent, and its dialog shows the alert’s own window', async ({ page }) => {
  const alerts = await openAlerts(page);
  const intents = {
    vip_online: 'Message reminder — greet them',
    hot_lead_active: 'Message reminder — reply now',
    dormant_reactivation: 'Message reminder — welcome them back',
    spending_spike: 'Message reminder — thank them',
    fan_club_renewal_due: 'Message reminder — check in before renewal',
    event_rsvp: 'Message reminder — confirm their place',
    milestone_reached: 'Message reminder — celebrate with them',
    follow_up_due: 'Message reminder — follow up as planned',
  } as const;
  for (const alert of alerts) await expect(alertRow(page, alert).locator('.alert-buttons .button.primary')).toHaveText(intents[alert.type]);

  const vip = byType(alerts, 'vip_online');
  await alertRow(page, vip).getByRole('button', { name: intents.vip_online }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('action-intent')).toContainText(`${intents.vip_online} (suggested by the “VIP online” alert)`);
  // The alert's window, not the reminder's default 24 hours.
  await expect(dialog.getByTestId('impact-window')).toHaveText(/^while online, at most 2 hours \(until .+\)$/);
  await expect(dialog.getByTestId('impact-basis')).toContainText('estimate from this supporter’s activity');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('opening a supporter from an alert shows their profile and marks the alert read', async ({ page }) => {
  const alerts = await openAlerts(page);
  const alert = byType(alerts, 'milestone_reached');
  await alertRow(page, alert).getByRole('button', { name: alert.message, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mia_milestone');
  await expect(page).toHaveURL(/#\/supporter\/mia_milestone$/);
  const stored = (await hostValue(page, 'alerts.list', {})).alerts.find((candidate) => candidate.id === alert.id);
  expect(stored?.readAt).not.toBeNull();
});

test('alert auto-refresh: an alert raised by a background sync appears without touching anything', async ({ page }) => {
  const before = await openAlerts(page);
  await hostValue(page, 'sync.connect', { serverUrl: session.platform.url, token: session.platformToken });
  await expect(page.getByTestId('sync-state')).toContainText(/Online|Syncing/);
  const unreadBefore = before.filter((alert) => alert.readAt === null).length;

  // New activity on the platform: Nick spends 1,200 tokens (a milestone and a spending spike).
  session.platform.append([{ entity: 'activity', op: 'upsert', data: { id: 'sync-gift-1', supporterId: 'nick_new', type: 'gift', at: new Date(Date.now() - 60_000).toISOString(), tokens: 1200 } }]);
  // The periodic sync, simulated by another connection: the console itself is not asked anything.
  await hostValue(page, 'sync.now', {});

  await expect(page.getByRole('button', { name: '@nick_new passed 1,000 lifetime tokens — celebrate it', exact: true })).toBeVisible();
  await expect(page.getByTestId('alert-group-high').getByText(/@nick_new spent 1,200 tokens/)).toBeVisible();
  await expect(page.getByTestId('unread-alerts-count')).toHaveText(String(unreadBefore + 2));
  await expect(page.getByTestId('last-sync')).toHaveText('Last sync: just now');
});

test('mark all read: with a filter only what it matches, without it every alert; the badge follows and it stays read', async ({ page }) => {
  const alerts = await openAlerts(page);
  const badge = page.getByTestId('unread-alerts-count');
  const unread = alerts.filter((alert) => alert.readAt === null);
  // A priority with unread alerts, while others stay unread elsewhere (the tests before left some of each).
  const priority = unread.map((alert) => alert.priority).find((candidate) => unread.some((alert) => alert.priority !== candidate));
  if (!priority) throw new Error('the earlier tests left no unread alerts of two priorities');
  const chosen = unread.filter((alert) => alert.priority === priority);

  await page.getByLabel('Priority').selectOption(priority);
  await page.getByRole('button', { name: `Mark ${chosen.length} matching ${chosen.length === 1 ? 'alert' : 'alerts'} read` }).click();
  await expect(page.getByTestId(`alert-group-${priority}`).getByRole('img', { name: 'Unread' })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Unread (0)' })).toBeVisible();
  await expect(badge).toHaveText(String(unread.length - chosen.length));
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(badge).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'Unread' })).toHaveCount(0);
  await expect(page.getByTestId('alerts-summary')).toHaveText(`${alerts.length} alerts, 0 unread`);
  // Nothing left to mark: no button (never "Mark 0 … read").
  await expect(page.getByRole('button', { name: /^Mark / })).toHaveCount(0);
  expect((await hostValue(page, 'alerts.list', { unreadOnly: true })).alerts).toEqual([]);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Unread (0)' })).toBeVisible();
  await expect(badge).toHaveCount(0);
});
