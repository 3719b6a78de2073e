import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatformServer, type PlatformServer } from '../../electron/platform/platformServer';
import type { ApiInput, ApiRequestName } from '../../shared/contract/apiContract';
import { hostValue } from './support/hostApi';
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

/** A workspace with one VIP who is offline, imported through the real CLI before the host starts. */
function createWorkspace(): string {
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();
  const records = [
    { entity: 'creator', op: 'upsert', data: { id: 'creator', handle: 'notify_creator', earnOn: true, timezone: 'UTC' } },
    { entity: 'supporter', op: 'upsert', data: { id: VIP, handle: VIP, firstSeenAt: at(now - 60 * DAY) } },
    { entity: 'activity', op: 'upsert', data: { id: 'n1', supporterId: VIP, type: 'presence', at: at(now - 21 * DAY), online: true } },
    { entity: 'activity', op: 'upsert', data: { id: 'n2', supporterId: VIP, type: 'gift', at: at(now - 21 * DAY + 60_000), tokens: 1500 } },
    { entity: 'activity', op: 'upsert', data: { id: 'n3', supporterId: VIP, type: 'presence', at: at(now - 21 * DAY + 3_600_000), online: false } },
  ];
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
  await context.addInitScript(() => {
    type Recorded = { title: string; body: string; notification: Notification };
    const shown: Recorded[] = [];
    const RealNotification = window.Notification;
    class RecordingNotification extends RealNotification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '', notification: this });
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
    Object.defineProperty(window, '__shownNotifications', { value: shown });
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');

  await callCore(page, 'sync.connect', { serverUrl: platform.url, token: PLATFORM_TOKEN });
  platform.append([
    { entity: 'activity', op: 'upsert', data: { id: 'n4', supporterId: VIP, type: 'presence', at: new Date(Date.now() - 30_000).toISOString(), online: true } },
  ]);
  await callCore(page, 'sync.now', {});

  const shownHandle = () => page.evaluate(() => (window as unknown as { __shownNotifications: { title: string; body: string }[] }).__shownNotifications.map(({ title, body }) => ({ title, body })));
  await expect.poll(shownHandle, { timeout: 15_000 }).toEqual([{ title: 'VIP online', body: `VIP @${VIP} just came online` }]);
  await expect(page).not.toHaveURL(new RegExp(`#/supporter/${VIP}$`));

  await page.evaluate(() => {
    const [first] = (window as unknown as { __shownNotifications: { notification: Notification }[] }).__shownNotifications;
    first?.notification.dispatchEvent(new Event('click'));
  });
  await expect(page).toHaveURL(new RegExp(`#/supporter/${VIP}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(VIP);
  await context.close();
});
