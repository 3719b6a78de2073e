import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { HOUR_MS, MINUTE_MS } from '../engine/engineTime';
import { listAlerts } from './alertService';
import { creator, iso, NOW, openTestCore, supporter } from './alertTestKit';
import { FIRST_SWEEP_DELAY_MS, scheduleAlertSweeps } from './scheduleAlertSweeps';

describe('hourly alert sweep schedule', () => {
  it('sweeps shortly after start (a run missed while closed), then at the top of every hour, until stopped', async () => {
    const test = openTestCore(tempDir(), NOW + 20 * MINUTE_MS);
    const renewing = (renewsAt: number) => ({ fanClub: { tier: 'gold', since: '2025-01-01T00:00:00Z', renewsAt: iso(renewsAt), active: true } });
    test.apply([creator(), supporter('f1', renewing(NOW + 2 * 24 * HOUR_MS))]);
    const scheduled: { callback: () => void; ms: number }[] = [];
    const timers = {
      setTimeout: (callback: () => void, ms: number) => {
        scheduled.push({ callback, ms });
        return scheduled.length as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimeout: () => undefined,
    };
    const logs: string[] = [];
    const stop = scheduleAlertSweeps(test.core, timers, (_level, message) => logs.push(message));
    expect(scheduled.map((entry) => entry.ms)).toEqual([FIRST_SWEEP_DELAY_MS]);
    scheduled[0]?.callback();
    expect(listAlerts(test.core, {}).map((alert) => alert.type)).toEqual(['fan_club_renewal_due']);
    expect(logs).toEqual(['Alert sweep: 1 alert(s) raised, 0 action outcome(s) measured.']);
    // NOW is on the hour; the clock reads 20 minutes past, so the next sweep is 40 minutes away.
    expect(scheduled[1]?.ms).toBe(40 * MINUTE_MS);
    await stop();
    scheduled[1]?.callback();
    expect(scheduled).toHaveLength(2);
    test.core.close();
  });
});
