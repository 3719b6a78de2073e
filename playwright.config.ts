import { defineConfig } from '@playwright/test';
import { chromiumExecutablePath } from './e2e/support/chromiumExecutablePath';

/**
 * End-to-end tests: the whole console in Debian's Chromium through the browser host (`browser`
 * project), and the Electron app itself wherever its binary exists (`electron` project).
 */
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: chromiumExecutablePath(),
      // Chromium's background services only generate refused connections on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    { name: 'browser', testDir: './e2e/browser' },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
