import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { createFixtureWorkspace, removeFixtureWorkspace } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/** The bounded quarantine (SPEC §1 v1.1) tells the creator, where it is shown, how many older entries it dropped. */

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The quarantine keeps 10,000 entries; five more bad records push the five oldest out. */
const BAD_RECORDS = 10_005;

let host: ConsoleHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = createFixtureWorkspace();
  const file = path.join(path.dirname(dataDir), 'bad.jsonl');
  const lines: string[] = [];
  for (let index = 0; index < BAD_RECORDS; index += 1) lines.push(JSON.stringify({ entity: 'spaceship', op: 'upsert', data: { id: `x${index}` } }));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/cli/main.ts'), 'import', file, '--data-dir', dataDir, '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

test('the status bar\'s quarantine popover counts the entries dropped to keep the quarantine bounded', async ({ page }) => {
  await page.goto(host.url);
  const bar = page.getByRole('contentinfo', { name: 'Sync status' });
  await expect(bar.getByTestId('quarantine-toggle')).toContainText('10,000 records quarantined');
  expect((await hostValue(page, 'sync.status', {})).quarantine).toMatchObject({ total: 10_000, dropped: 5 });
  expect(await hostValue(page, 'workspace.stats', {})).toMatchObject({ quarantined: 10_000, quarantineDropped: 5 });
  await bar.getByTestId('quarantine-toggle').click();
  const popover = page.getByRole('dialog', { name: 'Quarantined records' });
  await expect(popover).toContainText('unknown entity "spaceship"');
  await expect(popover.getByTestId('quarantine-dropped')).toHaveText('5 older records dropped from the quarantine to keep it small.');
});
