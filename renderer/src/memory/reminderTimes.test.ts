import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localInputToIso, presetTime } from './reminderTimes';

/** A local wall-clock time (the test runs in the machine's own zone, like the console). */
const local = (year: number, month: number, day: number, hour: number, minute = 0) => new Date(year, month - 1, day, hour, minute);

describe('reminder presets', () => {
  it('in 3 hours, tonight at 20:00, tomorrow at 09:00, next Monday at 09:00', () => {
    const wednesdayMorning = local(2026, 3, 4, 10, 30);
    expect(presetTime('in_3_hours', wednesdayMorning)?.getTime()).toBe(wednesdayMorning.getTime() + 3 * 3_600_000);
    expect(presetTime('tonight', wednesdayMorning)).toEqual(local(2026, 3, 4, 20));
    expect(presetTime('tomorrow', wednesdayMorning)).toEqual(local(2026, 3, 5, 9));
    expect(presetTime('next_week', wednesdayMorning)).toEqual(local(2026, 3, 9, 9));
  });

  it('offers tonight only until 19:00, and next week from a Monday is the Monday after', () => {
    expect(presetTime('tonight', local(2026, 3, 4, 19, 0))).toEqual(local(2026, 3, 4, 20));
    expect(presetTime('tonight', local(2026, 3, 4, 19, 1))).toBeNull();
    expect(presetTime('next_week', local(2026, 3, 9, 8))).toEqual(local(2026, 3, 16, 9));
    expect(presetTime('next_week', local(2026, 3, 8, 23))).toEqual(local(2026, 3, 9, 9));
    expect(presetTime('tomorrow', local(2026, 12, 31, 23, 59))).toEqual(local(2027, 1, 1, 9));
  });

  it('always lands in the future', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), (now) => {
        for (const preset of ['in_3_hours', 'tonight', 'tomorrow', 'next_week'] as const) {
          const at = presetTime(preset, now);
          if (at !== null) expect(at.getTime(), preset).toBeGreaterThan(now.getTime());
        }
      }),
    );
  });

  it('reads a date-and-time field as local time, and nothing else', () => {
    expect(localInputToIso('2026-03-04T18:30')).toBe(local(2026, 3, 4, 18, 30).toISOString());
    for (const bad of ['', '2026-03-04', 'tomorrow', '2026-13-45T99:99']) expect(localInputToIso(bad), bad).toBeNull();
  });
});
