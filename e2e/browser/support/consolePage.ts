import { expect, type Locator, type Page } from '@playwright/test';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { ConversionPotential, Segment } from '../../../shared/domain/segments';

/**
 * What the creator sees, located by role and label wherever the console offers one, so the tests
 * read like the checklist ("the VIP tab", "the row for anna") and break when accessibility does.
 */

export const SEGMENT_TEXT: Record<Segment, string> = { vip: 'VIP', hot_lead: 'Hot lead', active: 'Active', dormant: 'Dormant', cold: 'Cold' };
export const POTENTIAL_TEXT: Record<ConversionPotential, string> = {
  extremely_high: 'Extremely high',
  very_high: 'Very high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const formatNumber = (value: number) => value.toLocaleString('en-US');
/**
 * A figure with a fixed number of decimals, rounded as the console rounds it (Intl, half away from
 * zero on the shortest decimal form). `toFixed` rounds the binary value, so 5.425 gives "5.42" there
 * and "5.43" on screen.
 */
export const formatDecimals = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** An estimate as the console words it: "≈ 1,234 tokens", "≈ 1 token". */
export const estimatedTokensText = (tokens: number) => `≈ ${formatNumber(tokens)} ${tokens === 1 ? 'token' : 'tokens'}`;

export function inboxTab(page: Page, name: RegExp | string): Locator {
  return page.getByRole('tablist', { name: 'Inbox tabs' }).getByRole('tab', { name });
}

export function inboxRow(page: Page, supporterId: string): Locator {
  return page.locator(`[data-testid="inbox-row"][data-supporter-id="${supporterId}"]`);
}

export function inboxRows(page: Page): Locator {
  return page.getByTestId('inbox-row');
}

/** Narrows the open tab to one handle and waits until its row is the first one shown. */
export async function searchInbox(page: Page, handle: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search supporters by handle' }).fill(handle);
  await expect(page.getByTestId('list-caption')).toContainText(`matching “${handle}”`);
  return page.getByTestId('inbox-row').first();
}

/** The row's visible text for one entry, as the creator reads it. */
export async function expectRowShowsEntry(row: Locator, entry: InboxEntry): Promise<void> {
  await expect(row.getByRole('link', { name: entry.handle, exact: true })).toBeVisible();
  await expect(row.getByTestId('segment-badge')).toHaveText(SEGMENT_TEXT[entry.segment]);
  await expect(row.getByTestId('lifetime-tokens')).toHaveText(`Lifetime ${formatNumber(entry.lifetimeTokens)}`);
  await expect(row.getByTestId('monthly-tokens')).toHaveText(`Last 30 days ${formatNumber(entry.monthlyTokens)}`);
  await expect(row.getByTestId('potential-badge')).toHaveText(`${entry.conversionProbability}% · ${POTENTIAL_TEXT[entry.conversionPotential]}`);
  await expect(row.getByTestId('online-dot')).toHaveAccessibleName(entry.online ? 'Online' : 'Offline');
  if (entry.unreadCount > 0) await expect(row.getByTestId('unread-badge')).toHaveText(`${entry.unreadCount} unread`);
  else await expect(row.getByTestId('unread-badge')).toHaveCount(0);
  if (entry.lastActivityAt) await expect(row.getByTestId('last-activity')).toHaveText(/Last active (just now|\d+ \w+ ago|yesterday|last \w+)/);
}

/** Colour of an element as the browser paints it (computed style). */
export async function paintedColour(locator: Locator, property: 'background-color' | 'border-left-color' | 'color'): Promise<string> {
  return locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
}
