/**
 * `npm run screenshots`: regenerates the README's screenshots from the current console —
 * docs/screenshots/{inbox,profile,alerts}-{light,dark}.png — in Debian's Chromium through the
 * browser host, as the end-to-end tests drive it. A script, not a test: it asserts nothing about
 * the console (the end-to-end suite does), so it is not counted among the tests.
 *
 * The inbox and profile use the demo workspace (2,000 generated supporters); the alerts panel uses
 * the end-to-end fixture workspace, which raises an alert of every priority. Needs the built
 * renderer (`npm run screenshots` builds it first).
 */
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import config from '../playwright.config';
import { createFixtureWorkspace, removeFixtureWorkspace } from '../e2e/browser/support/fixtureWorkspace';
import { startConsoleHost, type ConsoleHost } from '../e2e/support/startConsoleHost';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
/** How long a screen may take to settle before the script gives up with the step it was at. */
const STEP_TIMEOUT_MS = 30_000;

interface Shot {
  name: 'inbox' | 'profile' | 'alerts';
  viewport: { width: number; height: number };
  take(page: Page, file: string): Promise<void>;
}

async function main(): Promise<void> {
  const fixtureDir = createFixtureWorkspace();
  const hosts: ConsoleHost[] = [];
  let browser: Browser | null = null;
  try {
    const [demo, fixture] = await Promise.all([startConsoleHost(), startConsoleHost({ dataDir: fixtureDir })]);
    hosts.push(demo, fixture);
    browser = await chromium.launch(config.use?.launchOptions ?? {});
    const shots: Shot[] = [
      { name: 'inbox', viewport: { width: 1280, height: 800 }, take: (page, file) => inbox(page, demo, file) },
      { name: 'profile', viewport: { width: 1280, height: 2100 }, take: (page, file) => profile(page, demo, file) },
      { name: 'alerts', viewport: { width: 1280, height: 800 }, take: (page, file) => alerts(page, fixture, file) },
    ];
    for (const theme of THEMES) {
      for (const shot of shots) {
        const file = path.join(SCREENSHOTS, `${shot.name}-${theme}.png`);
        await withPage(browser, theme, shot.viewport, (page) => shot.take(page, file));
        process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
      }
    }
  } finally {
    await browser?.close();
    await Promise.all(hosts.map((host) => host.stop()));
    removeFixtureWorkspace(fixtureDir);
  }
}

async function withPage(browser: Browser, theme: Theme, viewport: Shot['viewport'], work: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: 'en-US', viewport, colorScheme: theme });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await work(page);
  } finally {
    await context.close();
  }
}

async function inbox(page: Page, demo: ConsoleHost, file: string): Promise<void> {
  await page.goto(demo.url);
  // The landing view: the Now queue, with each row's reasons and suggested action.
  await page.evaluate(() => (location.hash = '#/inbox/now'));
  await visible(page.getByTestId('inbox-row').first());
  await gone(page.getByTestId('inbox-row-placeholder'));
  await page.keyboard.press('j');
  await settle(page);
  await page.screenshot({ path: file });
}

async function profile(page: Page, demo: ConsoleHost, file: string): Promise<void> {
  await page.goto(demo.url);
  await page.evaluate(() => (location.hash = '#/inbox/vip'));
  const row = page.getByTestId('inbox-row').first();
  await visible(row);
  const handle = (await row.getAttribute('aria-label')) ?? '';
  await row.click();
  await visible(page.getByRole('heading', { level: 1, name: handle, exact: true }));
  await visible(page.getByTestId('spending-chart').locator('.recharts-bar-rectangle').first());
  await gone(page.getByText('Estimating…'));
  await settle(page);
  await page.screenshot({ path: file });
}

async function alerts(page: Page, fixture: ConsoleHost, file: string): Promise<void> {
  await page.goto(fixture.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Alerts/ }).click();
  await visible(page.getByTestId('alert-group-low'));
  await settle(page);
  await page.screenshot({ path: file });
}

/** Fonts, charts and relative times settled; no spinner or placeholder left in the picture. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await gone(page.locator('[aria-busy="true"]'));
  await page.mouse.move(0, 0);
}

function visible(locator: Locator): Promise<void> {
  return locator.waitFor({ state: 'visible' });
}

/** Waits until nothing matches (a locator's `hidden` state needs at most one match; these may match many). */
async function gone(locator: Locator): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while ((await locator.count()) > 0) {
    if (Date.now() > deadline) throw new Error(`still on screen after ${STEP_TIMEOUT_MS / 1000} s: ${locator.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
