import { expect, test, type Page } from '@playwright/test';
import type { SupporterProfile } from '../../shared/domain/supporterProfile';
import { startConsoleHost, type ConsoleHost } from '../support/startConsoleHost';
import { estimatedTokensText, formatNumber, POTENTIAL_TEXT, SEGMENT_TEXT } from './support/consolePage';
import { createFixtureWorkspace, removeFixtureWorkspace, FIXTURE_PRIVATE_VALUES } from './support/fixtureWorkspace';
import { hostValue } from './support/hostApi';
import { routeCoreSocket } from './support/routeCoreSocket';

/**
 * The supporter profile on the hand-made fixture workspace (see fixtureWorkspace.ts): loading,
 * spending, feature usage, engagement, behavioural patterns, best contact time, the "why this
 * score" breakdown, the activity timeline, actions with their expected impact, and privacy.
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

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TRENDS = { increasing: '↗ Increasing', stable: '→ Stable', decreasing: '↘ Decreasing' } as const;
const FEATURES = { chat: 'Chat', live: 'Live', ppv: 'PPV', fan_club: 'Fan club', events: 'Events' } as const;

async function openProfile(page: Page, supporterId: string): Promise<SupporterProfile> {
  await page.goto(host.url);
  await page.evaluate((id) => (location.hash = `#/supporter/${id}`), supporterId);
  const profile = await hostValue(page, 'profile.get', { supporterId });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(profile.handle);
  return profile;
}

/** A `<dl>` row: the value next to a label, as the creator reads it. */
function figure(page: Page, scope: string, label: string) {
  return page.getByTestId(scope).locator('div', { has: page.getByText(label, { exact: true }) }).locator('dd');
}

test('profile loading: a loading state, then the header with segment, probability, priority and online status', async ({ page }) => {
  const socket = await routeCoreSocket(page);
  socket.delays.set('profile.get', 1500);
  await page.goto(host.url);
  await page.evaluate(() => (location.hash = '#/supporter/vip_anna'));
  await expect(page.getByText('Loading profile…')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Supporter profile' })).toHaveAttribute('aria-busy', 'true');

  const profile = await hostValue(page, 'profile.get', { supporterId: 'vip_anna' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('vip_anna');
  const header = page.locator('header.profile-header');
  await expect(header.getByTestId('segment-badge')).toHaveText(SEGMENT_TEXT[profile.segment]);
  await expect(header.getByTestId('online-dot')).toHaveAccessibleName('Online');
  await expect(header).toContainText('Online now');
  await expect(page.getByTestId('profile-probability')).toHaveText(`${profile.conversionProbability}% ${POTENTIAL_TEXT[profile.conversionPotential]}`);
  await expect(page.getByTestId('profile-priority')).toHaveText(`${profile.priorityScore} / 150`);
});

test('profile error handling: a failed load explains itself and "Try again" recovers', async ({ page }) => {
  const socket = await routeCoreSocket(page);
  // What the transport reports when the connection drops with the request in flight.
  socket.failing.set('profile.get', { code: 'disconnected', message: 'The connection to the console was lost before it answered.' });
  await page.goto(host.url);
  await page.evaluate(() => (location.hash = '#/supporter/hot_ben'));
  const error = page.getByTestId('error-state');
  await expect(error.getByRole('heading')).toHaveText('Could not load this supporter');
  await expect(error).toContainText('The console lost its connection before it answered, so this may or may not have been done. Check, then try again.');
  socket.failing.clear();
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('hot_ben');
});

test('why this score: every signal’s value, weight and points, the bonuses, and the total', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  await page.getByRole('button', { name: 'Why this score?' }).click();
  const table = page.getByRole('region', { name: 'Why this score' }).getByRole('table', { name: 'How the conversion probability is calculated' });
  await expect(table.getByRole('row')).toHaveCount(1 + profile.whyThisScore.signals.length + 2 + 1);
  const chat = profile.whyThisScore.signals.find((signal) => signal.name === 'chatActivity');
  await expect(table.getByRole('row', { name: /Recent chat activity/ })).toContainText(`${Math.round((chat?.weight ?? 0) * 100)}%`);
  await expect(table.getByRole('row', { name: /Active fan club member/ })).toContainText(`+${profile.whyThisScore.fanClubBonus}`);
  await expect(table.getByRole('row', { name: /Online now/ })).toContainText(`+${profile.whyThisScore.onlineBonus}`);
  await expect(table.getByRole('row', { name: /^Total/ })).toContainText(profile.whyThisScore.cappedScore.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  await expect(page.getByRole('region', { name: 'Why this score' })).toContainText(`Rounded, this gives the ${profile.conversionProbability}% conversion probability.`);

  // The priority that ranks the inbox, term by term (SPEC §5): Anna is a VIP, online, no live or gift this week.
  const priority = page.getByRole('region', { name: 'Why this score' }).getByRole('table', { name: 'How the priority score is calculated' });
  await expect(priority.getByRole('row', { name: /^Conversion probability/ })).toContainText(String(profile.conversionProbability));
  await expect(priority.getByRole('row', { name: /^Online now/ })).toContainText('Yes+20');
  await expect(priority.getByRole('row', { name: /^VIP/ })).toContainText('Yes+15');
  await expect(priority.getByRole('row', { name: /live stream in the last 7 days/ })).toContainText('No+0');
  await expect(priority.getByRole('row', { name: /gift in the last 7 days/ })).toContainText('No+0');
  await expect(priority.getByRole('row', { name: /^Priority/ })).toContainText(String(profile.priorityScore));
  expect(profile.priorityScore).toBe(Math.min(150, profile.conversionProbability + 20 + 15));
});

test('spending metrics: lifetime, 30-day, 7-day and monthly average, and a bar per calendar month', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  const figures = page.getByTestId('spending-figures');
  await expect(figures).toContainText(`Lifetime${formatNumber(profile.spending.lifetimeTokens)}`);
  await expect(figures).toContainText(`Last 30 days${formatNumber(profile.spending.monthlyTokens)}`);
  await expect(figures).toContainText(`Last 7 days${formatNumber(profile.spending.weeklyTokens)}`);
  await expect(figures).toContainText(`Average per month${formatNumber(Math.round(profile.spending.avgTokensPerMonth))}`);
  const chart = page.getByTestId('spending-chart');
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(profile.spending.byMonth.length);
  // The chart's text alternative carries the same figures.
  for (const month of profile.spending.byMonth) await expect(chart.locator('figcaption')).toContainText(`${formatNumber(month.tokens)} tokens`);
});

test('feature usage: chat, live, pay-per-view, fan club and events, with tokens per feature', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  await expect(figure(page, 'usage-chat', 'Messages sent')).toHaveText(formatNumber(profile.chat.messagesSent));
  await expect(figure(page, 'usage-chat', 'Tokens spent')).toHaveText(formatNumber(profile.chat.tokensSpent));
  await expect(figure(page, 'usage-live', 'Streams attended')).toHaveText(formatNumber(profile.live.streamsAttended));
  await expect(figure(page, 'usage-live', 'Average watch time')).toHaveText(`${profile.live.avgWatchMinutes} min`);
  await expect(figure(page, 'usage-ppv', 'Items purchased')).toHaveText(formatNumber(profile.ppv.itemsPurchased));
  await expect(figure(page, 'usage-ppv', 'Categories')).toHaveText(profile.ppv.categories.map((category) => category.replaceAll('_', ' ')).join(', '));
  await expect(figure(page, 'usage-fan-club', 'Membership')).toHaveText('Member · Gold');
  await expect(figure(page, 'usage-fan-club', 'Tokens spent')).toHaveText(formatNumber(profile.fanClub.tokensSpent));
  await expect(figure(page, 'usage-events', 'Registered')).toHaveText(formatNumber(profile.events.registered));
  await expect(page.getByTestId('usage-chart').locator('figcaption')).toContainText(`Chat: ${formatNumber(profile.chat.tokensSpent)} tokens`);

  // Engagement rates sit next to usage.
  const engagement = page.getByTestId('engagement-figures');
  await expect(engagement).toContainText(`DM response rate${profile.engagement.dmResponseRate === null ? '—' : `${Math.round(profile.engagement.dmResponseRate)}%`}`);
  await expect(engagement).toContainText(`Conversation starters${profile.engagement.conversationStarters}`);
});

test('behavioural patterns: preferred features, spending and engagement trends, retention risk, upgrade likelihood', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  const patterns = page.getByTestId('patterns');
  await expect(figure(page, 'patterns', 'Preferred features').locator('.chip')).toHaveText(profile.patterns.preferredFeatures.map((feature) => FEATURES[feature]));
  await expect(figure(page, 'patterns', 'Spending trend')).toHaveText(TRENDS[profile.patterns.spendingTrend]);
  await expect(figure(page, 'patterns', 'Engagement trend')).toHaveText(TRENDS[profile.patterns.engagementTrend]);
  await expect(figure(page, 'patterns', 'Retention risk')).toHaveText(profile.patterns.retentionRisk.replace(/^./, (letter) => letter.toUpperCase()));
  await expect(patterns).toContainText(profile.patterns.likelyToUpgradeFanClub ? 'Yes — their monthly spend covers the next tier' : 'Likely to upgrade fan clubNo');
});

test('best contact time: day, hour, confidence and timezone over the heatmap — or "not enough data"', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  const best = profile.bestContactTime;
  expect(best).not.toBeNull();
  if (!best) return;
  const text = page.getByTestId('best-contact-time');
  await expect(text).toContainText(`${WEEKDAYS[best.day]}s around ${String(best.hour).padStart(2, '0')}:00`);
  // Anna and the creator are both in Berlin: one time, said to be the creator's too.
  await expect(text).toContainText(`(${best.timezone}, your timezone too)`);
  await expect(page.getByTestId('best-contact-confidence')).toContainText(`${best.confidence}% confidence`);
  const heatmap = page.getByTestId('activity-heatmap');
  await expect(heatmap.locator('.heatmap-cell')).toHaveCount(7 * 24);
  // The busiest window is outlined on the best day.
  await expect(heatmap.locator('.heatmap-cell.best')).toHaveCount(3);
  await expect(heatmap.locator('.heatmap-cell.best').nth(1)).toHaveAttribute('title', new RegExp(`^${WEEKDAYS[best.day]} ${String(best.hour).padStart(2, '0')}:00`));

  // Quinn has three activities, long ago: the console says so rather than guessing.
  const quinn = await openProfile(page, 'quinn_quiet');
  expect(quinn.bestContactTime).toBeNull();
  await expect(page.getByTestId('best-contact-time')).toHaveText('Not enough data yet: best contact time needs at least 10 activities in the last 90 days.');
});

test('recent activity: the supporter’s own latest activity, newest first', async ({ page }) => {
  const profile = await openProfile(page, 'vip_anna');
  const items = page.getByTestId('recent-activity').getByRole('listitem');
  await expect(items).toHaveCount(profile.recentActivity.length);
  await expect(items.first()).toContainText('Came online');
  const firstPaid = profile.recentActivity.findIndex((item) => item.tokens > 0);
  await expect(items.nth(firstPaid)).toContainText(`${formatNumber(profile.recentActivity[firstPaid]?.tokens ?? 0)} tokens`);
});

test('profile action buttons: expected impact on each, confirmation, then the activity log and metrics record it', async ({ page }) => {
  await openProfile(page, 'nick_new');
  const impact = await hostValue(page, 'actions.preview', { supporterId: 'nick_new', type: 'prioritize_reply' });
  const button = page.getByTestId('profile-action-prioritize_reply');
  await expect(button.locator('.action-name')).toHaveText('Priority reply');
  await expect(button).toContainText('Puts them in your priority reply queue until you next write.');
  await expect(button.getByTestId('action-impact')).toHaveText(`${impact.conversionProbability}% · ${estimatedTokensText(impact.estimatedTokens)} · within 24 hours`);
  await expect(button.getByTestId('action-basis')).toHaveText('estimate from this supporter’s activity');
  // Nick has no fan club tier to upgrade from… but an offer starts at Silver; whichever the core
  // decides, the card says it before any click.
  await expect(page.getByTestId('profile-action-offer_fan_club')).toContainText(/%|Unavailable: /);

  await button.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Priority reply for nick_new?');
  await expect(dialog.getByTestId('impact-probability')).toHaveText(`${impact.conversionProbability}%`);
  await dialog.getByRole('button', { name: 'Confirm priority reply' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Priority reply for nick_new: done.' })).toBeVisible();

  // The same action again within 24 hours would be refused: the card now says so and cannot be clicked.
  await expect(button).toBeDisabled();
  await expect(button).toContainText('Unavailable: ');
  const refusal = await hostValue(page, 'actions.preview', { supporterId: 'nick_new', type: 'prioritize_reply' }).catch((error: Error) => error.message);
  await expect(button).toContainText(String(refusal).replace(/^actions\.preview failed: \w+ /, ''));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  const log = page.getByTestId('activity-log');
  await expect(log.getByRole('row', { name: /nick_new/ }).first()).toContainText('Priority reply');
  await expect(log.getByRole('row', { name: /nick_new/ }).first()).toContainText('Executed');
  await expect(page.getByTestId('metrics-table').getByRole('row', { name: /Priority reply/ })).toBeVisible();
});

test('an unknown supporter shows the core’s reason, without a pointless retry', async ({ page }) => {
  await page.goto(host.url);
  await page.evaluate(() => (location.hash = '#/supporter/nobody_here'));
  const error = page.getByTestId('error-state');
  await expect(error.getByRole('heading')).toHaveText('Could not load this supporter');
  await expect(error.getByRole('button', { name: 'Try again' })).toHaveCount(0);
});

test('identity fields never appear, even when the platform sent them', async ({ page }) => {
  await openProfile(page, 'pat_private');
  await expect(page.getByTestId('spending-figures')).toBeVisible();
  const text = await page.locator('body').innerText();
  for (const value of FIXTURE_PRIVATE_VALUES) expect(text).not.toContain(value);
  for (const label of ['Email', 'Phone', 'Real name', 'City', 'Country', 'IP address', 'Location']) expect(text).not.toContain(label);
});
