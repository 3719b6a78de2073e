import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatRoute } from '../../shared/routes/appRoute';
import { neutralizeDisplayText } from '../../shared/text/neutralizeDisplayText';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { inboxRow, inboxTab } from './support/consolePage';

/**
 * Display safety (issue 16 item 10): supporters imported with handles and ids that try to fool or
 * break the screen. Every handle is shown as written, with its hidden and reordering characters
 * made visible (never "exe.png" for `\u202Egnp.exe`), a 100-character handle stays inside the
 * row and the profile card, and every id ingest accepts opens, from the list and from its address.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const DAY = 24 * 60 * 60 * 1000;
const LONG_HANDLE = `${'long_handle_'.repeat(8)}end4`;

/** [id, handle]: ids with route-breaking characters, handles with every trick. */
const AWKWARD: [string, string][] = [
  ['rlo', '\u202Egnp.exe'],
  ['lre-pdf', 'a\u202Ab\u202Cc_embedded'],
  ['zero-width', 'ann\u200Ba'],
  ['controls', 'bell\u0007c1\u0085del\u007F'],
  ['markup', '<b>bold</b>'],
  ['entity', '&amp;'],
  ['long', LONG_HANDLE],
  ['with/slash', 'slash_id'],
  ['100%', 'percent_id'],
  ['with space', 'space_id'],
  ['日本語-ユーザー', 'unicode_id'],
  ['..', 'dots_id'],
];

let host: ConsoleHost;
let dataDir: string;

function createWorkspace(): string {
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();
  const records: object[] = [{ entity: 'creator', op: 'upsert', data: { id: 'creator', handle: 'safety_creator', earnOn: true, timezone: 'UTC' } }];
  AWKWARD.forEach(([id, handle], index) => {
    records.push({ entity: 'supporter', op: 'upsert', data: { id, handle, firstSeenAt: at(now - 40 * DAY) } });
    records.push({ entity: 'activity', op: 'upsert', data: { id: `buy-${index}`, supporterId: id, type: 'ppv_purchase', at: at(now - (index + 1) * 3_600_000), tokens: 10 + index, itemId: 'p', category: 'photos' } });
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-safety-'));
  const file = path.join(dir, 'workspace.jsonl');
  fs.writeFileSync(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  const data = path.join(dir, 'data');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/cli/main.ts'), 'import', file, '--data-dir', data], { cwd: repoRoot, stdio: 'ignore' });
  return data;
}

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  dataDir = createWorkspace();
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/** No bidi control, zero-width or C0/C1 character reaches the rendered text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

async function openAllTab(page: Page): Promise<void> {
  await page.goto(host.url);
  await inboxTab(page, /^All/).click();
  await expect(page.getByTestId('inbox-row')).toHaveCount(AWKWARD.length);
}

test('every handle shows as written, with hidden and reordering characters made visible, in the inbox and on its profile', async ({ page }) => {
  await openAllTab(page);
  for (const [id, handle] of AWKWARD) {
    const link = inboxRow(page, id).getByRole('link');
    const shown = neutralizeDisplayText(handle);
    // The link reads the whole handle, neutralised: markup shows as text, the override as a mark.
    await expect(link).toHaveAccessibleName(shown);
    expect(await link.textContent()).not.toMatch(HIDDEN);
    await expect(inboxRow(page, id)).toHaveAccessibleName(shown);
  }
  await expect(inboxRow(page, 'markup').locator('b')).toHaveCount(0);
  await expect(inboxRow(page, 'rlo').getByTestId('handle-text')).toHaveText('�gnp.exe');
  // The override no longer reverses the drawing: "g" is drawn left of ".exe".
  const drawnOrder = await inboxRow(page, 'rlo').getByTestId('handle-text').evaluate((element) => {
    const text = element.textContent ?? '';
    const range = document.createRange();
    const node = element.firstChild;
    if (!node) return null;
    const left = (offset: number) => {
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return range.getBoundingClientRect().left;
    };
    return { g: left(text.indexOf('g')), dot: left(text.indexOf('.')) };
  });
  expect(drawnOrder?.g).toBeLessThan(drawnOrder?.dot ?? 0);

  await inboxRow(page, 'rlo').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('�gnp.exe');
});

test('a 100-character handle stays inside its row and wraps on the profile card', async ({ page }) => {
  await openAllTab(page);
  const row = inboxRow(page, 'long');
  const rowBox = await row.boundingBox();
  const handleBox = await row.getByTestId('handle-text').boundingBox();
  expect(rowBox && handleBox && handleBox.x + handleBox.width <= rowBox.x + rowBox.width).toBe(true);
  // Middle truncation keeps the end, where look-alike handles differ; the link still reads the whole handle.
  await expect(row.locator('.handle-end')).toHaveText(LONG_HANDLE.slice(-6));
  await expect(row.getByRole('link')).toHaveAccessibleName(LONG_HANDLE);
  await row.getByRole('link').focus();
  await expect(row.locator('.handle-tooltip')).toBeVisible();
  await expect(row.locator('.handle-tooltip')).toHaveText(LONG_HANDLE);

  await row.getByRole('link').click();
  const header = page.locator('.profile-header');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LONG_HANDLE);
  expect(await header.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  const title = await page.getByRole('heading', { level: 1 }).boundingBox();
  const card = await header.boundingBox();
  expect(title && card && title.x + title.width <= card.x + card.width).toBe(true);
});

test('every id ingest accepts opens: from the list, from its address, and back', async ({ page }) => {
  await openAllTab(page);
  for (const [id, handle] of AWKWARD) {
    await page.goto(`${host.url}#/${formatRoute({ page: 'supporter', supporterId: id })}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(neutralizeDisplayText(handle));
    await expect(page.getByTestId('error-state')).toHaveCount(0);
  }
  await openAllTab(page);
  await inboxRow(page, 'with/slash').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('slash_id');
  expect(page.url()).toContain('#/supporter/with%2Fslash');
});
