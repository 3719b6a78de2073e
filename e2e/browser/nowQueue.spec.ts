import { expect, test, type Page } from '@playwright/test';
import type { NowQueuePage } from '../../shared/domain/inboxEntry';
import { CRM_ACTION_NAMES } from '../../shared/domain/crmActions';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { inboxRows, inboxTab } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * The Now queue (SPEC §11) as the console's landing view, keyboard triage (j/k, e, s, Enter), tags
 * from an inbox row with the tag filter on any tab, and "Remind me" from a Now row (SPEC §13). On
 * the hand-made fixture workspace (see fixtureWorkspace.ts).
 */

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

async function nowQueue(page: Page): Promise<NowQueuePage> {
  return (await hostValue(page, 'inbox.page', { tab: 'now', limit: 20 })) as NowQueuePage;
}

async function rowHandles(page: Page, count: number): Promise<(string | null)[]> {
  return inboxRows(page).evaluateAll((rows, wanted) => rows.slice(0, wanted).map((row) => row.getAttribute('aria-label')), count);
}

test('the console opens on the Now queue: the engine’s order, each row’s reasons and its one suggested action', async ({ page }) => {
  await page.goto(host.url);
  await expect(inboxTab(page, /^Now/)).toHaveAttribute('aria-selected', 'true');
  const queue = await nowQueue(page);
  expect(queue.total).toBeGreaterThan(3);
  await expect(inboxRows(page)).toHaveCount(queue.entries.length);
  expect(await rowHandles(page, queue.entries.length)).toEqual(queue.entries.map((entry) => entry.handle));
  // Ordered by nowScore, highest first.
  const scores = queue.entries.map((entry) => entry.nowScore);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  for (const [index, entry] of queue.entries.entries()) {
    const row = inboxRows(page).nth(index);
    expect(entry.nowReasons.length).toBeGreaterThan(0);
    await expect(row.getByTestId('now-reasons')).toContainText(entry.nowReasons.join(' · '));
    if (entry.suggestedAction) await expect(row.getByTestId('suggested-action')).toHaveText(CRM_ACTION_NAMES[entry.suggestedAction]);
    else await expect(row.getByTestId('suggested-action')).toHaveCount(0);
  }
  await expect(page.getByTestId('list-caption')).toContainText(`${queue.total} to talk to, who first`);
});

test('keyboard triage: j/k move, e opens the suggestion’s confirmation, s snoozes out of the queue, Enter opens the profile with the Now score explained', async ({ page }) => {
  await page.goto(host.url);
  const queue = await nowQueue(page);
  const selected = page.locator('[data-testid="inbox-row"][aria-current="true"]');
  await expect(selected).toHaveAttribute('aria-label', queue.entries[0]?.handle ?? '');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const second = queue.entries[1];
  if (!second) throw new Error('the fixture has at least two supporters in the Now queue');
  await expect(selected).toHaveAttribute('aria-label', second.handle);

  // e: the suggested action, behind the usual confirmation; nothing runs until confirmed.
  const suggested = queue.entries.find((entry) => entry.suggestedAction !== null);
  if (!suggested?.suggestedAction) throw new Error('the fixture has a supporter with a suggested action');
  const suggestedIndex = queue.entries.indexOf(suggested);
  for (let step = 1; step < suggestedIndex; step += 1) await page.keyboard.press('j');
  if (suggestedIndex === 0) await page.keyboard.press('k');
  await expect(selected).toHaveAttribute('aria-label', suggested.handle);
  await page.keyboard.press('e');
  const confirm = page.getByRole('dialog', { name: `${CRM_ACTION_NAMES[suggested.suggestedAction]} for ${suggested.handle}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: `Confirm ${CRM_ACTION_NAMES[suggested.suggestedAction].toLowerCase()}` })).toBeEnabled();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await hostValue(page, 'profile.get', { supporterId: suggested.supporterId })).nowQueue.nowScore).toBe(suggested.nowScore);

  // s: snooze (the memory feature's request); the supporter leaves the Now queue until then.
  await page.keyboard.press('s');
  const snooze = page.getByRole('dialog', { name: `Snooze ${suggested.handle}` });
  await expect(snooze).toBeVisible();
  await snooze.getByRole('button', { name: 'In 3 hours' }).click();
  await expect(snooze).toBeHidden();
  await expect(inboxRows(page).filter({ has: page.locator(`[data-supporter-id="${suggested.supporterId}"]`) })).toHaveCount(0);
  await expect(page.locator(`[data-testid="inbox-row"][data-supporter-id="${suggested.supporterId}"]`)).toHaveCount(0);
  const after = await nowQueue(page);
  expect(after.entries.map((entry) => entry.supporterId)).not.toContain(suggested.supporterId);
  expect(after.total).toBe(queue.total - 1);
  const snoozed = await hostValue(page, 'profile.get', { supporterId: suggested.supporterId });
  expect(snoozed.snoozedUntil).not.toBeNull();
  expect(snoozed.nowQueue.inQueue).toBe(false);
  // The toast names who was snoozed, and its Undo brings them back; then snoozed again for the rest.
  const toast = page.getByTestId('toast').filter({ hasText: `${suggested.handle} snoozed until` });
  await toast.getByRole('button', { name: `Undo snoozing ${suggested.handle}` }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `${suggested.handle} is back in the Now queue.` })).toBeVisible();
  await expect(page.locator(`[data-testid="inbox-row"][data-supporter-id="${suggested.supporterId}"]`)).toHaveCount(1);
  expect((await hostValue(page, 'profile.get', { supporterId: suggested.supporterId })).snoozedUntil).toBeNull();
  await hostValue(page, 'snooze.set', { supporterId: suggested.supporterId, until: snoozed.snoozedUntil ?? '' });
  await page.keyboard.press('F5');
  await expect(page.locator(`[data-testid="inbox-row"][data-supporter-id="${suggested.supporterId}"]`)).toHaveCount(0);

  // Enter: the selected row's profile, whose "Why this score?" breaks the Now score into its terms.
  await page.keyboard.press('Home');
  const first = after.entries[0];
  if (!first) throw new Error('the Now queue is not empty');
  while ((await selected.getAttribute('aria-label')) !== first.handle) await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.handle);
  await page.getByRole('button', { name: 'Why this score?' }).click();
  const breakdown = page.getByRole('table', { name: 'How the Now score is calculated' });
  await expect(breakdown.getByRole('row')).toHaveCount(1 + 6 + 1);
  await expect(breakdown.getByRole('row').last()).toContainText(String(first.nowScore));
  await expect(page.getByRole('heading', { name: `Now score: ${first.nowScore}` })).toBeVisible();
});

test('tags from an inbox row: chips on the row, the tag filter on any tab, removal; "Remind me" from a Now row', async ({ page }) => {
  await page.goto(host.url);
  const queue = await nowQueue(page);
  const target = queue.entries.at(-1);
  if (!target) throw new Error('the Now queue is not empty');
  const row = page.locator(`[data-testid="inbox-row"][data-supporter-id="${target.supporterId}"]`);

  // The row's memory buttons show on the row pointed at (or focused, or selected).
  await row.hover();
  await row.getByTestId('row-tags-button').click();
  const tagsDialog = page.getByRole('dialog', { name: `Tags for ${target.handle}` });
  await tagsDialog.getByRole('combobox', { name: 'New tag' }).fill('Sunday  regular');
  await tagsDialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(tagsDialog.getByTestId('row-memory-tag')).toHaveText(['Sunday regular']);
  // A refused tag says why and keeps what was typed.
  await tagsDialog.getByRole('combobox', { name: 'New tag' }).fill('no_underscores!');
  await tagsDialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(tagsDialog.getByRole('alert')).not.toBeEmpty();
  await expect(tagsDialog.getByRole('combobox', { name: 'New tag' })).toHaveValue('no_underscores!');
  await tagsDialog.getByRole('button', { name: 'Close' }).click();
  await expect(row.getByTestId('row-tag-chip')).toHaveText(['Sunday regular']);

  // The filter narrows the Now queue, and stays on when switching to another tab.
  await page.getByTestId('tag-filter').selectOption('Sunday regular');
  await expect(inboxRows(page)).toHaveCount(1);
  await expect(inboxRows(page).first()).toHaveAttribute('data-supporter-id', target.supporterId);
  await inboxTab(page, /^All/).click();
  await expect(inboxRows(page)).toHaveCount(1);
  await expect(inboxRows(page).first()).toHaveAttribute('data-supporter-id', target.supporterId);
  await inboxTab(page, /^VIP/).click();
  const vipTagged = await hostValue(page, 'inbox.page', { tab: 'vip', tag: 'Sunday regular' });
  if (vipTagged.total === 0) await expect(page.getByTestId('empty-state')).toContainText('carries the tag “Sunday regular”');
  await inboxTab(page, /^Now/).click();

  // "Remind me" from the Now row: tomorrow at 09:00, stored as a follow-up.
  await row.hover();
  await row.getByTestId('row-remind-button').click();
  const remind = page.getByRole('dialog', { name: `Remind me about ${target.handle}` });
  await remind.getByRole('button', { name: 'Tomorrow' }).click();
  await expect(remind).toBeHidden();
  const profile = await hostValue(page, 'profile.get', { supporterId: target.supporterId });
  expect(profile.followUps).toHaveLength(1);
  expect(new Date(profile.followUps[0]?.dueAt ?? 0).getHours()).toBe(9);

  // Removing the tag from the row empties the filtered view.
  await row.hover();
  await row.getByTestId('row-tags-button').click();
  await tagsDialog.getByRole('button', { name: 'Remove tag Sunday regular' }).click();
  await expect(tagsDialog.getByText('No tags yet.')).toBeVisible();
  await tagsDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.getByTestId('tag-filter').selectOption('');
  await expect(inboxRows(page).first()).toBeVisible();
});

test('VIP tab says its rule (top vipTabSize by lifetime spend) and offers every VIP; New shows the first purchase', async ({ page }) => {
  await page.goto(host.url);
  // The fixture has two VIPs: a VIP tab of one shows the cut and the way past it.
  await hostValue(page, 'settings.update', { vipTabSize: 1 });
  await page.reload();
  await inboxTab(page, /^VIP/).click();
  const vips = await hostValue(page, 'inbox.page', { tab: 'vip', allVips: true });
  expect(vips.total).toBe(2);
  await expect(page.getByTestId('vip-caption')).toContainText('Top 1 by lifetime spend, of 2 VIPs');
  await expect(inboxRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Show all VIPs' }).click();
  await expect(inboxRows(page)).toHaveCount(2);
  expect(await rowHandles(page, 2)).toEqual(vips.entries.map((entry) => entry.handle));
  await expect(page.getByTestId('vip-caption')).toContainText('All 2 VIPs by lifetime spend');
  await page.getByRole('button', { name: 'Show the top 1 only' }).click();
  await expect(inboxRows(page)).toHaveCount(1);
  await hostValue(page, 'settings.update', { vipTabSize: 10 });
  await inboxTab(page, /^New/).click();
  const fresh = await hostValue(page, 'inbox.page', { tab: 'new' });
  expect(fresh.total).toBeGreaterThan(0);
  await expect(page.locator('.inbox-header')).toContainText('First purchase');
  await expect(inboxRows(page).first().getByTestId('first-purchase').locator('time')).toHaveAttribute('datetime', fresh.entries[0]?.firstPurchaseAt ?? 'missing');
});

test('back from a profile, the same supporter is selected, even when the queue reordered meanwhile', async ({ page }) => {
  await page.goto(host.url);
  const queue = await nowQueue(page);
  const [above, , target] = queue.entries;
  if (!above || !target) throw new Error('the fixture has at least three supporters in the Now queue');
  const selected = page.locator('[data-testid="inbox-row"][aria-current="true"]');
  await expect(selected).toHaveAttribute('aria-label', above.handle);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(selected).toHaveAttribute('aria-label', target.handle);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.handle);

  // Meanwhile a supporter above them leaves the queue (snoozed elsewhere): every row below moves up.
  await hostValue(page, 'snooze.set', { supporterId: above.supporterId, until: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString() });
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-testid="inbox-row"][data-supporter-id="${above.supporterId}"]`)).toHaveCount(0);
  await expect(selected).toHaveAttribute('aria-label', target.handle);
  await hostValue(page, 'snooze.cancel', { supporterId: above.supporterId });
});
