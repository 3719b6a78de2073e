import { expect, test, type Page } from '@playwright/test';
import { startPlatformServer, type PlatformServer } from '../../electron/platform/platformServer';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * SPEC §13 "Survives a new machine", as the creator meets it: two consoles (two machines, each
 * with its own workspace) connected to one account on the reference platform. A note and a tag
 * written on one, with the status bar counting them until they are sent, appear on the other's
 * profile after "Sync now"; a deletion made there comes back.
 */

const TOKEN = 'memory-sync-e2e-token';
let platform: PlatformServer;
const machines: { host: ConsoleHost; dataDir: string }[] = [];

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  platform = await startPlatformServer({ token: TOKEN, records: [] });
  for (let index = 0; index < 2; index += 1) {
    const dataDir = createFixtureWorkspace();
    machines.push({ host: await startConsoleHost({ dataDir }), dataDir });
  }
});

test.afterAll(async () => {
  for (const { host, dataDir } of machines.splice(0)) {
    await host.stop();
    removeFixtureWorkspace(dataDir);
  }
  await platform?.close();
});

async function syncNow(page: Page): Promise<void> {
  const button = page.getByRole('contentinfo', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByTestId('sync-state')).toHaveText('Online');
}

async function openProfile(page: Page, host: ConsoleHost, supporterId: string): Promise<void> {
  await page.goto(host.url);
  await hostValue(page, 'sync.connect', { serverUrl: platform.url, token: TOKEN });
  await expect(page.getByTestId('sync-state')).toHaveText('Online');
  await page.evaluate((id) => (location.hash = `#/supporter/${id}`), supporterId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(supporterId);
}

test('a note and a tag written on one machine reach the other through the platform, and a deletion comes back', async ({ browser }) => {
  const [first, second] = machines;
  if (first === undefined || second === undefined) throw new Error('both consoles start in beforeAll');
  const pageA = await browser.newPage();
  const pageB = await browser.newPage();
  await openProfile(pageA, first.host, 'vip_anna');
  await openProfile(pageB, second.host, 'vip_anna');

  const notesA = pageA.getByRole('region', { name: 'Notes' });
  await notesA.getByRole('textbox', { name: 'New note' }).fill('Asked about the spring tour dates');
  await notesA.getByRole('button', { name: 'Add note' }).click();
  await expect(notesA.getByTestId('note')).toHaveCount(1);
  const tagsA = pageA.getByRole('region', { name: 'Tags' });
  await tagsA.getByRole('combobox', { name: 'New tag' }).fill('Tour fan');
  await tagsA.getByRole('button', { name: 'Add tag' }).click();
  await expect(tagsA.getByTestId('tag-chip')).toHaveText(['Tour fan']);
  // Counted until the platform has them.
  await expect(pageA.getByTestId('pending-memory')).toHaveText('2 note or tag changes waiting to send');
  await syncNow(pageA);
  await expect(pageA.getByTestId('pending-memory')).toHaveCount(0);

  await syncNow(pageB);
  const notesB = pageB.getByRole('region', { name: 'Notes' });
  await expect(notesB.getByTestId('note')).toHaveCount(1);
  await expect(notesB.getByTestId('note').first()).toContainText('Asked about the spring tour dates');
  await expect(pageB.getByRole('region', { name: 'Tags' }).getByTestId('tag-chip')).toHaveText(['Tour fan']);

  // Deleted on the second machine: gone from the first after its next sync.
  await notesB.getByTestId('note').first().getByRole('button', { name: 'Delete' }).click();
  await notesB.getByRole('group', { name: 'Delete this note?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(notesB.getByTestId('note')).toHaveCount(0);
  await syncNow(pageB);
  await syncNow(pageA);
  await expect(notesA.getByTestId('note')).toHaveCount(0);
  expect((await hostValue(pageA, 'notes.list', { supporterId: 'vip_anna' })).notes).toEqual([]);
  await pageA.close();
  await pageB.close();
});
