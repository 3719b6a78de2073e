import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A small, hand-made workspace whose supporters each exist to show one thing on screen, written
 * relative to the real clock (the browser host's engine runs on it):
 *
 * - `vip_anna`: VIP, online now, 3 unread messages, Gold fan club, registered for an upcoming event,
 *   a clear best contact time (evenings at 20:00 Berlin) → a `vip_online` (urgent) alert.
 * - `hot_ben`: a hot lead (chat, gifts, views, live, a match this week) → `hot_lead_active` (high).
 * - `dora_returns`: quiet for two weeks, then viewed the profile → `dormant_reactivation` (medium).
 * - `mia_milestone`: crossed 1,000 lifetime tokens an hour ago → `milestone_reached` (low).
 * - `quinn_quiet`: three activities long ago → cold, and "not enough data" for best contact time.
 * - `nick_new`: first purchase three days ago → the New tab.
 * - `pat_private`: arrives with identity fields (name, email, city…) that must never be shown.
 *
 * Nobody is dormant once Dora is back, so the Dormant tab is empty (the empty-state test).
 */
export interface FixtureOptions {
  earnOn?: boolean;
  now?: number;
}

export const FIXTURE_PRIVATE_VALUES = ['Patricia Secretname', 'pat.secret@example.com', 'Springfield', '+1 555 0100', '203.0.113.7'];

export function fixtureRecords({ earnOn = true, now = Date.now() }: FixtureOptions = {}): object[] {
  const at = (ms: number) => new Date(ms).toISOString();
  const records: object[] = [];
  let activityId = 0;
  const activity = (supporterId: string, type: string, time: number, extra: Record<string, unknown> = {}) =>
    records.push({ entity: 'activity', op: 'upsert', data: { id: `a${++activityId}`, supporterId, type, at: at(time), tokens: 0, ...extra } });
  const supporter = (id: string, data: Record<string, unknown> = {}) =>
    records.push({ entity: 'supporter', op: 'upsert', data: { id, handle: id, firstSeenAt: at(now - 80 * DAY), timezone: 'Europe/Berlin', ...data } });

  records.push({ entity: 'creator', op: 'upsert', data: { id: 'creator', handle: 'fixture_creator', earnOn, timezone: 'Europe/Berlin' } });
  records.push({ entity: 'stream', op: 'upsert', data: { id: 'st1', title: 'Friday live', scheduledAt: at(now + 2 * DAY) } });
  records.push({ entity: 'listing', op: 'upsert', data: { id: 'l1', title: 'Summer meet & greet', startsAt: at(now + 10 * DAY), capacity: 50 } });

  // Anna: evenings at 20:00 Berlin (19:00 UTC in winter, 18:00 in summer: close enough for a clear peak).
  supporter('vip_anna', { fanClub: { tier: 'gold', since: at(now - 70 * DAY), renewsAt: at(now + 20 * DAY), active: true } });
  const evening = (daysAgo: number) => {
    const day = new Date(now - daysAgo * DAY);
    day.setUTCHours(19, 0, 0, 0);
    return day.getTime();
  };
  for (const daysAgo of [40, 33, 26, 19, 12]) activity('vip_anna', 'chat_message', evening(daysAgo), { tokens: 40 });
  activity('vip_anna', 'gift', now - 20 * DAY, { tokens: 400 });
  activity('vip_anna', 'ppv_purchase', now - 15 * DAY, { tokens: 150, itemId: 'p1', category: 'photos' });
  activity('vip_anna', 'fan_club_payment', now - 10 * DAY, { tokens: 250, tier: 'gold' });
  activity('vip_anna', 'live_attendance', now - 9 * DAY, { streamId: 'st0', minutes: 45 });
  activity('vip_anna', 'event_registration', now - 5 * DAY, { tokens: 50, listingId: 'l1' });
  activity('vip_anna', 'creator_message', now - 3 * DAY);
  for (const daysAgo of [2, 1, 0.5]) activity('vip_anna', 'chat_message', now - daysAgo * DAY, { tokens: 20 });
  activity('vip_anna', 'presence', now - 10 * MINUTE, { online: true });

  // Ben: everything a hot lead does, small spend.
  supporter('hot_ben', { firstSeenAt: at(now - 10 * DAY) });
  activity('hot_ben', 'match', now - 3 * DAY);
  for (let i = 0; i < 5; i += 1) activity('hot_ben', 'profile_view', now - (4 - i * 0.5) * DAY);
  for (let i = 0; i < 3; i += 1) activity('hot_ben', 'live_attendance', now - (5 - i) * DAY, { streamId: `st${i}`, minutes: 40 });
  for (let i = 0; i < 5; i += 1) activity('hot_ben', 'gift', now - (3 - i * 0.4) * DAY, { tokens: 10 });
  for (let i = 0; i < 10; i += 1) activity('hot_ben', 'chat_message', now - (2 - i * 0.15) * DAY);
  activity('hot_ben', 'chat_message', now - 5 * MINUTE);

  // Dora: two weeks away, then back on the profile.
  supporter('dora_returns');
  activity('dora_returns', 'ppv_purchase', now - 20 * DAY, { tokens: 40, itemId: 'p2', category: 'video' });
  activity('dora_returns', 'chat_message', now - 14 * DAY, { tokens: 5 });
  activity('dora_returns', 'profile_view', now - 30 * MINUTE);

  // Mia: over the 1,000-token line an hour ago.
  supporter('mia_milestone');
  activity('mia_milestone', 'ppv_purchase', now - 25 * DAY, { tokens: 900, itemId: 'p3', category: 'video' });
  activity('mia_milestone', 'gift', now - HOUR, { tokens: 150 });

  // Quinn: long gone, barely any history.
  supporter('quinn_quiet');
  activity('quinn_quiet', 'ppv_purchase', now - 45 * DAY, { tokens: 30, itemId: 'p4', category: 'photos' });
  activity('quinn_quiet', 'like', now - 44 * DAY);
  activity('quinn_quiet', 'profile_view', now - 43 * DAY);

  // Nick: new this week.
  supporter('nick_new', { firstSeenAt: at(now - 4 * DAY) });
  activity('nick_new', 'chat_message', now - 3 * DAY, { tokens: 20 });

  // Pat: identity fields at every depth, which ingest must strip.
  supporter('pat_private', {
    realName: FIXTURE_PRIVATE_VALUES[0],
    email: FIXTURE_PRIVATE_VALUES[1],
    city: FIXTURE_PRIVATE_VALUES[2],
    phoneNumber: FIXTURE_PRIVATE_VALUES[3],
    country: 'Freedonia',
  });
  activity('pat_private', 'ppv_purchase', now - 6 * DAY, { tokens: 60, itemId: 'p5', category: 'audio', ipAddress: FIXTURE_PRIVATE_VALUES[4], location: { city: FIXTURE_PRIVATE_VALUES[2] } });
  return records;
}

/** Writes the fixture to a fresh data dir through the real CLI import (the same path a JSONL import takes). */
export function createFixtureWorkspace(options: FixtureOptions = {}): string {
  return createWorkspaceFromRecords(fixtureRecords(options));
}

/** Writes these records to a fresh data dir through the real CLI import (removed by `removeFixtureWorkspace`). */
export function createWorkspaceFromRecords(records: readonly object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-fixture-'));
  const file = path.join(dir, 'fixture.jsonl');
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  const dataDir = path.join(dir, 'data');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/cli/main.ts'), 'import', file, '--data-dir', dataDir, '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return dataDir;
}

/** Removes a workspace made by `createFixtureWorkspace` (after its host has stopped). */
export function removeFixtureWorkspace(dataDir: string | undefined): void {
  if (dataDir && path.basename(path.dirname(dataDir)).startsWith('crm-e2e-fixture-')) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}

/** One `crm` command's result from `runCrmSteps`. */
export interface CrmStepResult {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `crm` commands in order in one process (see runCliSteps.ts); throws with the failing step's stderr. */
export function runCrmSteps(steps: string[][]): CrmStepResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-steps-'));
  try {
    const file = path.join(dir, 'steps.json');
    fs.writeFileSync(file, JSON.stringify(steps));
    const output = execFileSync(process.execPath, [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'e2e/browser/support/runCliSteps.ts'), file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    return output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as CrmStepResult);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
