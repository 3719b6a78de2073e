import { expect, test, type Page } from '@playwright/test';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { callHostApi, hostValue } from './support/hostApi';

/**
 * Relationship memory on the profile (SPEC §13): private notes guarded against contact details,
 * tags with the "All tags" manager, "Remind me" and snooze, and the search across handles, notes
 * and tags that "/" opens. On the hand-made fixture workspace (see fixtureWorkspace.ts).
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

async function openProfile(page: Page, supporterId: string): Promise<void> {
  await page.goto(host.url);
  await page.evaluate((id) => (location.hash = `#/supporter/${id}`), supporterId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(supporterId);
}

test('notes: add, edit and delete, newest first with times; a note with contact details is refused, kept in the box, and not stored', async ({ page }) => {
  await openProfile(page, 'vip_anna');
  const notes = page.getByRole('region', { name: 'Notes' });
  const box = notes.getByRole('textbox', { name: 'New note' });

  await box.fill('Loves the Sunday cooking streams 🍳');
  await expect(notes.getByText('34 / 2000')).toBeVisible();
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByTestId('note')).toHaveCount(1);
  await expect(box).toHaveValue('');
  await box.fill('Birthday is 2026-03-04, planning a surprise');
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByTestId('note').first()).toContainText('Birthday is 2026-03-04, planning a surprise');
  await expect(notes.getByTestId('note').nth(1)).toContainText('Loves the Sunday cooking streams');
  await expect(notes.getByTestId('note').first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  // Contact details: refused with the kind named; what was typed stays to be fixed; nothing stored.
  await box.fill('Wants to move to telegram @anna_b');
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByRole('alert')).toHaveText(
    'This note contains a handle on another network. Contact details cannot be kept in the CRM: contact stays on the platform. Nothing was saved.',
  );
  await expect(box).toHaveValue('Wants to move to telegram @anna_b');
  await expect(notes.getByTestId('note')).toHaveCount(2);
  const stored = await hostValue(page, 'notes.list', { supporterId: 'vip_anna' });
  expect(stored.notes.map((note) => note.text)).toEqual(['Birthday is 2026-03-04, planning a surprise', 'Loves the Sunday cooking streams 🍳']);
  const safety = await hostValue(page, 'safety.log', { limit: 5 });
  expect(safety.entries[0]).toMatchObject({ kind: 'contact_info_exchange', detail: 'note for vip_anna refused: social_handle; the text was not kept' });

  // Edit, then delete with a confirmation.
  const newest = notes.getByTestId('note').first();
  await newest.getByRole('button', { name: 'Edit' }).click();
  await newest.getByRole('textbox', { name: 'Edit the note' }).fill('Birthday is 2026-03-04, surprise stream planned');
  await newest.getByRole('button', { name: 'Save' }).click();
  await expect(notes.getByTestId('note').first()).toContainText('surprise stream planned');
  await expect(notes.getByTestId('note').first()).toContainText('edited');
  await notes.getByTestId('note').nth(1).getByRole('button', { name: 'Delete' }).click();
  await notes.getByRole('group', { name: 'Delete this note?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(notes.getByTestId('note')).toHaveCount(1);

  // Private: the note shows on the profile only, never in the inbox or the alerts.
  await page.getByRole('button', { name: 'Inbox' }).click();
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('surprise stream');
  await page.getByRole('button', { name: 'Alerts' }).click();
  await expect(page.locator('body')).not.toContainText('surprise stream');
});

test('tags: added and removed on the profile (case and spacing folded), renamed and deleted everywhere with the count confirmed', async ({ page }) => {
  await openProfile(page, 'hot_ben');
  const tags = page.getByRole('region', { name: 'Tags' });
  await tags.getByRole('combobox', { name: 'New tag' }).fill('Big spender');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByTestId('tag-chip')).toHaveText(['Big spender']);
  await tags.getByRole('combobox', { name: 'New tag' }).fill('Night owl');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByTestId('tag-chip')).toHaveText(['Big spender', 'Night owl']);
  await tags.getByRole('combobox', { name: 'New tag' }).fill('vip!');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('alert')).toHaveText('A tag may hold letters, digits, spaces and "-" only.');
  await tags.getByRole('button', { name: 'Remove tag Night owl' }).click();
  await expect(tags.getByTestId('tag-chip')).toHaveText(['Big spender']);

  await openProfile(page, 'mia_milestone');
  // The tag box suggests the creator's tags (a datalist), so a near-duplicate is not typed by hand.
  const box = tags.getByRole('combobox', { name: 'New tag' });
  const suggestions = page.locator(`datalist[id="${(await box.getAttribute('list')) ?? ''}"] option`);
  await expect(suggestions).toHaveCount(1);
  await expect(suggestions.first()).toHaveAttribute('value', 'Big spender');
  await tags.getByRole('combobox', { name: 'New tag' }).fill('big   SPENDER');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByTestId('tag-chip')).toHaveText(['Big spender']);

  await tags.getByRole('button', { name: 'All tags…' }).click();
  const dialog = page.getByRole('dialog', { name: 'All tags' });
  const row = dialog.getByTestId('tag-row').filter({ hasText: 'Big spender' });
  await expect(row).toContainText('2 supporters');
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox', { name: 'New name for Big spender' }).fill('Whale');
  await row.getByRole('button', { name: 'Rename on 2 supporters' }).click();
  await expect(dialog.getByTestId('tag-row')).toHaveCount(1);
  await expect(dialog.getByTestId('tag-row').first()).toContainText('Whale');
  await expect(tags.getByTestId('tag-chip')).toHaveText(['Whale']);

  // Another window changes the count: the confirmation no longer holds, and nothing happens.
  await hostValue(page, 'tags.add', { supporterId: 'nick_new', tag: 'whale' });
  const whale = dialog.getByTestId('tag-row').filter({ hasText: 'Whale' });
  await whale.getByRole('button', { name: 'Delete' }).click();
  await whale.getByRole('button', { name: 'Delete from 2 supporters' }).click();
  await expect(whale.getByRole('alert')).toContainText('"Whale" is on 3 supporters, not 2');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await tags.getByRole('button', { name: 'All tags…' }).click();
  const fresh = dialog.getByTestId('tag-row').filter({ hasText: 'Whale' });
  await expect(fresh).toContainText('3 supporters');
  await fresh.getByRole('button', { name: 'Delete' }).click();
  await fresh.getByRole('button', { name: 'Delete from 3 supporters' }).click();
  await expect(dialog.getByText('No tags in use.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(tags.getByText('No tags yet.')).toBeVisible();
});

test('remind me and snooze: set from the quick choices or a date, with private text; both shown and cancellable', async ({ page }) => {
  await openProfile(page, 'dora_returns');
  const card = page.getByRole('region', { name: 'Follow-ups and snooze' });
  await card.getByRole('textbox', { name: 'What to remember (optional, private)' }).fill('Ask how the new job is going');
  await card.getByRole('group', { name: 'Remind me' }).getByRole('button', { name: 'Tomorrow' }).click();
  await expect(card.getByTestId('follow-up')).toHaveCount(1);
  await expect(card.getByTestId('follow-up')).toContainText('Ask how the new job is going');
  const [stored] = (await hostValue(page, 'profile.get', { supporterId: 'dora_returns' })).followUps;
  const dueAt = new Date(stored?.dueAt ?? '');
  expect([dueAt.getHours(), dueAt.getMinutes()]).toEqual([9, 0]);

  const remind = card.getByRole('group', { name: 'Remind me' });
  await remind.getByLabel('Remind me: on a date').fill('2031-05-06T18:30');
  await remind.getByRole('button', { name: 'Set' }).click();
  await expect(card.getByTestId('follow-up')).toHaveCount(2);
  await expect(card.getByTestId('follow-up').nth(1).locator('time')).toHaveAttribute('datetime', new Date(2031, 4, 6, 18, 30).toISOString());

  // Reminder text is guarded like a note.
  await card.getByRole('textbox', { name: 'What to remember (optional, private)' }).fill('text her at 0171 1234567');
  await remind.getByRole('button', { name: 'In 3 hours' }).click();
  await expect(card.getByRole('alert')).toContainText('This follow-up text contains a phone number.');
  await expect(card.getByTestId('follow-up')).toHaveCount(2);

  await card.getByTestId('follow-up').first().getByRole('button', { name: /^Cancel the reminder/ }).click();
  await expect(card.getByTestId('follow-up')).toHaveCount(1);

  await card.getByRole('group', { name: 'Snooze until' }).getByRole('button', { name: 'Next week' }).click();
  await expect(card.getByTestId('snoozed-until')).toContainText('Snoozed until');
  const snoozed = await hostValue(page, 'profile.get', { supporterId: 'dora_returns' });
  expect(new Date(snoozed.snoozedUntil ?? '').getDay()).toBe(1);
  await card.getByRole('button', { name: 'End snooze' }).click();
  await expect(card.getByTestId('snoozed-until')).toHaveCount(0);
  expect((await hostValue(page, 'profile.get', { supporterId: 'dora_returns' })).snoozedUntil).toBeNull();
});

test('search: "/" opens it from anywhere but the inbox; handles, note words and tags, folded; a result opens the profile', async ({ page }) => {
  await openProfile(page, 'quinn_quiet');
  const added = await callHostApi(page, 'notes.add', { supporterId: 'quinn_quiet', text: 'Collects vinyl, loves crème brûlée' });
  expect(added.ok).toBe(true);
  await hostValue(page, 'tags.add', { supporterId: 'nick_new', tag: 'Vinyl club' });

  // Focus on the page but in no text field (the middle of the profile may be its notes box).
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(page).toHaveURL(/#\/search$/);
  const box = page.getByRole('searchbox', { name: 'Search handles, notes and tags' });
  await expect(box).toBeFocused();

  await box.fill('creme brulee');
  await expect(page.getByTestId('search-result')).toHaveText([/quinn_quiet/]);
  await box.fill('vinyl');
  await expect(page.getByTestId('search-caption')).toHaveText('1–2 of 2 supporters');
  await expect(page.getByTestId('search-result')).toHaveText([/nick_new/, /quinn_quiet/]);
  // Each says where it matched: a tag by its name, a note only as a note.
  await expect(page.getByTestId('search-match')).toHaveText(['tag Vinyl club', 'in your notes']);
  await expect(page.getByRole('button', { name: 'nick_new, tag Vinyl club' })).toBeVisible();
  await box.fill('@ANNA');
  await expect(page.getByTestId('search-result')).toHaveText([/vip_anna/]);
  await expect(page.getByTestId('search-match')).toHaveCount(0);
  await box.fill('zzz-nothing');
  await expect(page.getByTestId('search-empty')).toContainText('No handle, note or tag matches “zzz-nothing”.');

  await box.fill('quiet');
  await page.getByTestId('search-result').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('quinn_quiet');
  await expect(page.getByRole('region', { name: 'Notes' }).getByTestId('note')).toContainText('Collects vinyl');

  // Results list supporters, never the note that matched.
  await page.goBack();
  await box.fill('brulee');
  await expect(page.getByTestId('search-result')).toHaveText([/quinn_quiet/]);
  await expect(page.getByRole('region', { name: 'Search' })).not.toContainText('Collects vinyl');

  // On the inbox "/" still focuses the inbox's own handle filter.
  await page.getByRole('button', { name: 'Inbox' }).click();
  // Focus nowhere in particular (a click in the middle of the page would land on a Now-queue row).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search supporters by handle' })).toBeFocused();
});
