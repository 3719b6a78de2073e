import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatformServer, type PlatformServer } from '../../electron/platform/platformServer';
import type { ApiInput, ApiRequestName } from '../../shared/contract/apiContract';
import { hostValue } from './support/hostApi';
import { clickNotification, recordNotifications, shownNotifications } from './support/recordNotifications';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';

/**
 * The browser host's alert notifications (SPEC §8): a VIP comes online on the platform, a sync
 * brings the record, the core raises `vip_online`, `useWebNotifications` shows a Web Notification,
 * and clicking it opens that supporter's profile.
 *
 * Headless Chromium draws no notification a test could click, so an init script records every
 * `Notification` the page creates (the real one underneath, with the permission granted) and the
 * test dispatches the click on it, as the OS would.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PLATFORM_TOKEN = 'e2e-notifications-token';
const DAY = 24 * 60 * 60 * 1000;
const VIP = 'vip_nova';

let host: ConsoleHost;
let platform: PlatformServer;

const at = (ms: number) => new Date(ms).toISOString();

/** A VIP's history: 1,500 tokens three weeks ago, offline since. */
function vipHistory(id: string, now: number): object[] {
  return [
    { entity: 'supporter', op: 'upsert', data: { id, handle: id, firstSeenAt: at(now - 60 * DAY) } },
    { entity: 'activity', op: 'upsert', data: { id: `${id}-1`, supporterId: id, type: 'presence', at: at(now - 21 * DAY), online: true } },
    { entity: 'activity', op: 'upsert', data: { id: `${id}-2`, supporterId: id, type: 'gift', at: at(now - 21 * DAY + 60_000), tokens: 1500 } },
    { entity: 'activity', op: 'upsert', data: { id: `${id}-3`, supporterId: id, type: 'presence', at: at(now - 21 * DAY + 3_600_000), online: false } },
  ];
}

/** A workspace with one VIP who is offline, imported through the real CLI before the host starts. */
function createWorkspace(): string {
  const records = [{ entity: 'creator', op: 'upsert', data: { id: 'creator', handle: 'notify_creator', earnOn: true, timezone: 'UTC' } }, ...vipHistory(VIP, Date.now())];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-notify-'));
  const file = path.join(dir, 'workspace.jsonl');
  fs.writeFileSync(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  const dataDir = path.join(dir, 'data');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/cli/main.ts'), 'import', file, '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: 'ignore',
  });
  return dataDir;
}

/** One request to the core over a second WebSocket inside the page; it must succeed. */
async function callCore<Name extends ApiRequestName>(page: Page, name: Name, input: ApiInput<Name>): Promise<void> {
  await hostValue(page, name, input);
}

/** Connects the workspace to the platform unless it already is (a failed test restarts the host). */
async function ensureConnected(page: Page): Promise<void> {
  if ((await hostValue(page, 'sync.status', {})).state === 'not_configured') {
    await callCore(page, 'sync.connect', { serverUrl: platform.url, token: PLATFORM_TOKEN });
  }
}

let presenceSerial = 0;
let lastPresenceAt = 0;

/**
 * The VIP goes offline and comes back online on the platform, and the console syncs: one new
 * `vip_online` alert (with the cooldown off). Each pair comes after the one before, in the recent past.
 */
async function bringVipOnline(page: Page): Promise<void> {
  presenceSerial += 1;
  const offAt = Math.max(Date.now() - 2000, lastPresenceAt + 1);
  lastPresenceAt = offAt + 1;
  platform.append([
    { entity: 'activity', op: 'upsert', data: { id: `off-${presenceSerial}`, supporterId: VIP, type: 'presence', at: new Date(offAt).toISOString(), online: false } },
    { entity: 'activity', op: 'upsert', data: { id: `on-${presenceSerial}`, supporterId: VIP, type: 'presence', at: new Date(lastPresenceAt).toISOString(), online: true } },
  ]);
  await callCore(page, 'sync.now', {});
}

test.beforeAll(async () => {
  host = await startConsoleHost({ dataDir: createWorkspace() });
  platform = await startPlatformServer({ token: PLATFORM_TOKEN, records: [] });
});

test.afterAll(async () => {
  await host?.stop();
  await platform?.close();
});

test('a Web Notification for a VIP coming online opens their profile when clicked', async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');

  await ensureConnected(page);
  platform.append([
    { entity: 'activity', op: 'upsert', data: { id: 'n4', supporterId: VIP, type: 'presence', at: new Date(Date.now() - 30_000).toISOString(), online: true } },
  ]);
  await callCore(page, 'sync.now', {});

  await expect.poll(() => shownNotifications(page), { timeout: 15_000 }).toEqual([{ title: 'VIP online', body: `VIP @${VIP} just came online` }]);
  await expect(page).not.toHaveURL(new RegExp(`#/supporter/${VIP}$`));

  await clickNotification(page, 0);
  await expect(page).toHaveURL(new RegExp(`#/supporter/${VIP}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(VIP);
  await context.close();
});

test('permission in context: never asked on load; the first alert offers it with the reason; "Allow" asks the browser, and Settings shows the answer', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await ensureConnected(page);
  await callCore(page, 'settings.update', { alertCooldownMinutes: 0 });
  expect(await page.evaluate(() => Notification.permission)).toBe('default');
  const offer = page.getByRole('region', { name: 'Desktop notifications' });
  await expect(offer).toHaveCount(0);

  await bringVipOnline(page);
  await expect(offer).toBeVisible({ timeout: 15_000 });
  await expect(offer).toContainText('Your first alert just arrived.');
  await expect(offer).toContainText('so you can answer while they are still there');
  // The browser answers "granted" when asked (a person clicking Allow in its prompt).
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await offer.getByRole('button', { name: 'Allow notifications' }).click();
  await expect(offer).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('notification-permission-state')).toHaveText('Permission: Allowed — alerts can reach you as desktop notifications.');
  // The next alert reaches the desktop.
  await bringVipOnline(page);
  await expect.poll(() => shownNotifications(page), { timeout: 15_000 }).toEqual([{ title: 'VIP online', body: `VIP @${VIP} just came online` }]);
  await context.close();
});

test('"Not now" puts the offer away, and it is not offered again with later alerts or after a reload', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await ensureConnected(page);
  await callCore(page, 'settings.update', { alertCooldownMinutes: 0 });
  const offer = page.getByRole('region', { name: 'Desktop notifications' });
  await bringVipOnline(page);
  await expect(offer).toBeVisible({ timeout: 15_000 });
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await bringVipOnline(page);
  await expect(page.getByTestId('unread-alerts-count')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Alerts/ }).click();
  await expect(page.getByTestId('alert-row').first()).toBeVisible();
  await expect(offer).toHaveCount(0);
  // Settings still offers it, with the same reason.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Desktop notifications' });
  await expect(card).toContainText('so you can answer while they are still there');
  await expect(page.getByTestId('notification-permission-state')).toHaveText('Permission: Not asked yet.');
  await expect(card.getByRole('button', { name: 'Allow desktop notifications' })).toBeVisible();
  await context.close();
});

test('Settings: the state, asking from there, "Send a test notification" (a click opens Settings), and how to unblock when blocked', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  await page.goto(`${host.url}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Desktop notifications' });
  const state = page.getByTestId('notification-permission-state');
  const test = card.getByRole('button', { name: 'Send a test notification' });
  await expect(state).toHaveText('Permission: Not asked yet.');
  await expect(test).toBeDisabled();

  await context.grantPermissions(['notifications'], { origin: host.origin });
  await card.getByRole('button', { name: 'Allow desktop notifications' }).click();
  await expect(state).toHaveText('Permission: Allowed — alerts can reach you as desktop notifications.');
  await expect(card.getByRole('button', { name: 'Allow desktop notifications' })).toHaveCount(0);
  await test.click();
  await expect.poll(() => shownNotifications(page)).toEqual([
    { title: 'Supporter CRM', body: 'Test notification: alerts will reach you like this. Click to open Settings.' },
  ]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox' }).click();
  await clickNotification(page, 0);
  await expect(page).toHaveURL(/#\/settings$/);

  // Blocked in the browser: said plainly, with where to change it; nothing to test.
  await page.addInitScript(() => Object.defineProperty(Notification, 'permission', { get: () => 'denied' }));
  await page.reload();
  await expect(state).toHaveText(/^Permission: Blocked for this page\. Allow notifications in the browser’s site settings/);
  await expect(test).toBeDisabled();
  await context.close();
});

test('a first sync is summed up in one notification — "3 alerts from before you connected" — never one per old alert', async ({ browser }) => {
  const now = Date.now();
  const vips = ['vip_ada', 'vip_bo', 'vip_cy'];
  // Another account's history: three VIPs who came online in the last half hour, before the console connected.
  const history = vips.flatMap((id, index) => [
    ...vipHistory(id, now),
    { entity: 'activity', op: 'upsert', data: { id: `${id}-online`, supporterId: id, type: 'presence', at: at(now - (30 - index * 5) * 60_000), online: true } },
  ]);
  const other = await startPlatformServer({ token: PLATFORM_TOKEN, records: history, defaultLimit: 6 });
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  try {
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    if ((await hostValue(page, 'sync.status', {})).state !== 'not_configured') await callCore(page, 'sync.disconnect', {});
    // Pages of six records: the history arrives in several pages, each raising its alerts.
    await callCore(page, 'sync.connect', { serverUrl: other.url, token: PLATFORM_TOKEN });
    await expect(page.getByTestId('sync-state')).toHaveText('Online', { timeout: 20_000 });
    await expect.poll(() => shownNotifications(page), { timeout: 15_000 }).toEqual([{ title: '3 alerts from before you connected', body: '3 VIPs came online' }]);
    const alerts = (await hostValue(page, 'alerts.list', {})).alerts.filter((alert) => vips.includes(alert.supporterId));
    expect(alerts.map((alert) => alert.type)).toEqual(['vip_online', 'vip_online', 'vip_online']);
    // Once connected, alerts are live again: the next VIP coming online is shown at once, on its own.
    other.append([{ entity: 'activity', op: 'upsert', data: { id: 'ada-off', supporterId: 'vip_ada', type: 'presence', at: at(Date.now() - 2000), online: false } }]);
    other.append([{ entity: 'activity', op: 'upsert', data: { id: 'ada-on', supporterId: 'vip_ada', type: 'presence', at: at(Date.now() - 1000), online: true } }]);
    await callCore(page, 'settings.update', { alertCooldownMinutes: 0 });
    await callCore(page, 'sync.now', {});
    await expect.poll(() => shownNotifications(page), { timeout: 15_000 }).toEqual([
      { title: '3 alerts from before you connected', body: '3 VIPs came online' },
      { title: 'VIP online', body: 'VIP @vip_ada just came online' },
    ]);
  } finally {
    await context.close();
    await other.close();
  }
});
