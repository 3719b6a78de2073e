import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ExpectedImpact } from '../../shared/contract/apiTypes';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { estimatedTokensText } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace, runCrmSteps } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';

/**
 * Expected impact learned from the creator's own closed actions (SPEC §12), end to end: the fixture
 * workspace plus twelve supporters invited (through `crm action --now`) to a stream three days ago.
 * Eight of them sent a live gift during it; the sweep (`crm alerts --now`) recorded every outcome.
 * Invite to live now shows "based on your last 12 live invites" with its own figures, while the
 * types with no closed actions keep §7's formula and say so.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INVITED = Array.from({ length: 12 }, (_, index) => `invited_${index}`);

let host: ConsoleHost;
let dataDir: string;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();
  const streamStart = now - 3 * DAY;
  dataDir = createFixtureWorkspace({ now });
  const records: object[] = [{ entity: 'stream', op: 'upsert', data: { id: 'st_past', title: 'Last week’s live', scheduledAt: at(streamStart), startedAt: at(streamStart), endedAt: at(streamStart + 2 * HOUR) } }];
  for (const [index, id] of INVITED.entries()) {
    records.push({ entity: 'supporter', op: 'upsert', data: { id, handle: id, firstSeenAt: at(now - 30 * DAY), timezone: 'UTC' } });
    if (index < 8) {
      records.push({ entity: 'activity', op: 'upsert', data: { id: `gift_${id}`, supporterId: id, type: 'live_gift', at: at(streamStart + HOUR), tokens: 40 + 10 * index, streamId: 'st_past' } });
    }
  }
  const file = path.join(path.dirname(dataDir), 'invited.jsonl');
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  const inWorkspace = ['--data-dir', dataDir, '--json'];
  const results = runCrmSteps([
    ['import', file, ...inWorkspace],
    // An hour before the stream it is the next scheduled one, so each invitation names it.
    ...INVITED.map((id) => ['action', id, 'invite_to_live', '--now', at(streamStart - HOUR), ...inWorkspace]),
    // The sweep records the outcome of every window closed by now (the stream ended 70 hours ago).
    ['alerts', '--now', at(now), ...inWorkspace],
  ]);
  for (const result of results.filter((step) => step.argv[0] === 'action')) expect(JSON.parse(result.stdout)).toMatchObject({ status: 'executed' });
  host = await startConsoleHost({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  removeFixtureWorkspace(dataDir);
});

const impactText = (impact: ExpectedImpact, window: string) => `${impact.conversionProbability}% · ${estimatedTokensText(impact.estimatedTokens)} · ${window}`;

test('the profile says which basis each action’s estimate has, and actions differ once there is evidence', async ({ page }) => {
  await page.goto(host.url);
  await page.evaluate(() => (location.hash = '#/supporter/vip_anna'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('vip_anna');

  const invite = await hostValue(page, 'actions.preview', { supporterId: 'vip_anna', type: 'invite_to_live' });
  const reminder = await hostValue(page, 'actions.preview', { supporterId: 'vip_anna', type: 'dm_reminder' });
  expect(invite).toMatchObject({ basis: 'your_results', sampleSize: 12 });
  expect(reminder).toMatchObject({ basis: 'formula', sampleSize: 0 });
  // SPEC §12 on the reminder's prior: (8 converted + 10 × p0) / (12 + 10), times their mean of 75 tokens.
  const p = (8 + (10 * reminder.conversionProbability) / 100) / 22;
  expect(invite.conversionProbability).toBe(Math.round(p * 100));
  expect(invite.estimatedTokens).toBe(Math.round(p * 75));

  const inviteCard = page.getByTestId('profile-action-invite_to_live');
  await expect(inviteCard.getByTestId('action-basis')).toHaveText('based on your last 12 live invites');
  await expect(inviteCard.getByTestId('action-impact')).toHaveText(impactText(invite, 'until the stream ends'));
  const reminderCard = page.getByTestId('profile-action-dm_reminder');
  await expect(reminderCard.getByTestId('action-basis')).toHaveText('estimate from this supporter’s activity');
  await expect(reminderCard.getByTestId('action-impact')).toHaveText(impactText(reminder, 'within 24 hours'));
  // Different figures per action: the learned one is not the formula's.
  expect(impactText(invite, '')).not.toBe(impactText(reminder, ''));
  await expect(page.getByTestId('profile-action-prioritize_reply').getByTestId('action-basis')).toHaveText('estimate from this supporter’s activity');

  // The names read differently and say what each does.
  await expect(reminderCard).toContainText('Message reminder');
  await expect(reminderCard).toContainText('Flags this chat with a reply reminder');
  await expect(page.getByTestId('profile-action-prioritize_reply')).toContainText('Priority reply');
  await expect(page.getByTestId('profile-action-prioritize_reply')).toContainText('Puts them in your priority reply queue');

  // The dialog says the same basis before the creator confirms.
  await inviteCard.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('impact-probability')).toHaveText(`${invite.conversionProbability}%`);
  await expect(dialog.getByTestId('impact-basis')).toHaveText('based on your last 12 live invites');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await reminderCard.click();
  await expect(dialog.getByTestId('impact-basis')).toHaveText('estimate from this supporter’s activity; your own results count from 10 closed message reminders (0 so far)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
