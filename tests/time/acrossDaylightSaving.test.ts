import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../support/captureCli';
import { tempDir } from '../support/tempDir';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface ProfileJson {
  segment: string;
  bestContactTime: { day: number; hour: number; confidence: number; timezone: string } | null;
  activityHeatmap: number[][];
  spending: { byMonth: { month: string; tokens: number }[]; weeklyTokens: number };
}

/** A workspace from change records, written to JSONL and imported through the CLI as a creator would. */
async function workspace(records: object[]): Promise<string> {
  const dataDir = tempDir();
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.jsonl`);
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  const imported = await captureCli(['import', file, '--data-dir', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.json()).toMatchObject({ quarantined: 0 });
  return dataDir;
}

async function profile(dataDir: string, supporterId: string, now: string): Promise<ProfileJson> {
  const run = await captureCli(['profile', supporterId, '--data-dir', dataDir, '--now', now, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return run.json<ProfileJson>();
}

const creator = (timezone: string) => ({ entity: 'creator', op: 'upsert', data: { id: 'c', handle: 'creator', earnOn: true, timezone } });
const supporter = (id: string, timezone?: string) => ({
  entity: 'supporter',
  op: 'upsert',
  data: { id, handle: `fan_${id}`, firstSeenAt: '2025-01-01T00:00:00Z', ...(timezone ? { timezone } : {}) },
});
const like = (id: string, supporterId: string, at: number) => ({ entity: 'activity', op: 'upsert', data: { id, supporterId, type: 'like', at: new Date(at).toISOString() } });
const gift = (id: string, supporterId: string, at: number, tokens: number) => ({
  entity: 'activity',
  op: 'upsert',
  data: { id, supporterId, type: 'gift', at: new Date(at).toISOString(), tokens },
});

/** Activity per local hour, summed over weekdays. */
function hourTotals(heatmap: number[][]): number[] {
  return Array.from({ length: 24 }, (_, hour) => heatmap.reduce((sum, row) => sum + (row[hour] ?? 0), 0));
}

function onlyHour(hour: number, count: number): number[] {
  return Array.from({ length: 24 }, (_, candidate) => (candidate === hour ? count : 0));
}

describe('time zones and daylight-saving changes', () => {
  it('best contact time stays on the local hour across the spring-forward change (America/New_York)', async () => {
    // 19:30 local every evening from 2 to 20 March 2025; New York moves from UTC−5 to UTC−4 on 9 March.
    const records: object[] = [creator('UTC'), supporter('ny', 'America/New_York')];
    for (let day = 2; day <= 20; day += 1) {
      const offsetHours = day < 9 ? 5 : 4;
      records.push(like(`ny-${day}`, 'ny', Date.UTC(2025, 2, day, 19 + offsetHours, 30)));
    }
    const dataDir = await workspace(records);
    const result = await profile(dataDir, 'ny', '2025-03-21T12:00:00Z');
    // All activity in local hour 19: the windows centred on 18, 19 and 20 all hold it, and SPEC §6
    // breaks the tie towards the smallest index. A DST slip would split it across 18/19 or 19/20.
    expect(result.bestContactTime).toMatchObject({ hour: 18, confidence: 100, timezone: 'America/New_York' });
    // The heatmap shows it: every one of the 19 evenings in local hour 19, before and after the change.
    expect(hourTotals(result.activityHeatmap)).toEqual(onlyHour(19, 19));
  });

  it('best contact time uses the creator\'s zone when the supporter has none, across the autumn change (Europe/Berlin)', async () => {
    // 08:15 Berlin time from 20 Oct to 8 Nov 2025; Berlin moves from UTC+2 to UTC+1 on 26 October.
    const records: object[] = [creator('Europe/Berlin'), supporter('be')];
    for (let day = 20; day <= 39; day += 1) {
      const date = new Date(Date.UTC(2025, 9, day));
      const offsetHours = date < new Date(Date.UTC(2025, 9, 26)) ? 2 : 1;
      records.push(like(`be-${day}`, 'be', Date.UTC(2025, 9, day, 8 - offsetHours, 15)));
    }
    const dataDir = await workspace(records);
    const result = await profile(dataDir, 'be', '2025-11-09T12:00:00Z');
    expect(result.bestContactTime).toMatchObject({ hour: 7, confidence: 100, timezone: 'Europe/Berlin' });
    expect(hourTotals(result.activityHeatmap)).toEqual(onlyHour(8, 20));
  });

  it('the same instants give a different local hour in another zone (Asia/Tokyo has no DST)', async () => {
    const records: object[] = [creator('UTC'), supporter('tk', 'Asia/Tokyo')];
    for (let day = 1; day <= 12; day += 1) records.push(like(`tk-${day}`, 'tk', Date.UTC(2025, 2, day, 10, 0)));
    const dataDir = await workspace(records);
    expect((await profile(dataDir, 'tk', '2025-03-13T00:00:00Z')).bestContactTime).toMatchObject({ hour: 18, confidence: 100, timezone: 'Asia/Tokyo' });
  });

  it('"last 7 days" is 7 × 24 hours even when the clocks changed inside the window', async () => {
    // Last activity 7 × 24 h before now, across New York's 9 March change: exactly dormant, not a local-calendar week.
    const now = Date.UTC(2025, 2, 12, 15, 0);
    const records: object[] = [creator('America/New_York'), supporter('w', 'America/New_York'), gift('w-1', 'w', now - 7 * DAY, 5)];
    const dataDir = await workspace(records);
    expect((await profile(dataDir, 'w', new Date(now).toISOString())).segment).toBe('dormant');
    expect((await profile(dataDir, 'w', new Date(now - 60_000).toISOString())).segment).not.toBe('dormant');
  });

  it('tokens per calendar month follow the creator\'s zone: a gift late on 31 March UTC is April in Tokyo', async () => {
    const records: object[] = [creator('Asia/Tokyo'), supporter('m'), gift('m-1', 'm', Date.UTC(2025, 2, 31, 20, 0), 40), gift('m-2', 'm', Date.UTC(2025, 2, 15, 12, 0), 10)];
    const dataDir = await workspace(records);
    const byMonth = (await profile(dataDir, 'm', '2025-04-02T00:00:00Z')).spending.byMonth;
    expect(byMonth).toEqual([
      { month: '2025-03', tokens: 10 },
      { month: '2025-04', tokens: 40 },
    ]);
  });
});
