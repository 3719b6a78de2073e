import { describe, expect, it } from 'vitest';
import { bestContactHours, confidenceWord, heatmapLevel, heatmapMax, heatmapTotal, weeklyTimeInZone } from './heatmapScale';

describe('heatmapLevel', () => {
  it('is 0 only for no activity', () => {
    expect(heatmapLevel(0, 10)).toBe(0);
    expect(heatmapLevel(1, 100)).toBe(1);
    expect(heatmapLevel(3, 0)).toBe(0);
  });

  it('grows in quarters of the busiest cell', () => {
    expect(heatmapLevel(30, 100)).toBe(2);
    expect(heatmapLevel(60, 100)).toBe(3);
    expect(heatmapLevel(100, 100)).toBe(4);
  });
});

describe('bestContactHours', () => {
  it('wraps around midnight', () => {
    expect(bestContactHours(0)).toEqual([23, 0, 1]);
    expect(bestContactHours(23)).toEqual([22, 23, 0]);
    expect(bestContactHours(18)).toEqual([17, 18, 19]);
  });
});

describe('heatmap totals', () => {
  it('finds the maximum and the sum', () => {
    const grid = [
      [0, 2, 1],
      [5, 0, 0],
    ];
    expect(heatmapMax(grid)).toBe(5);
    expect(heatmapTotal(grid)).toBe(8);
    expect(heatmapMax([])).toBe(0);
  });
});

describe('confidenceWord', () => {
  it('buckets the percentage', () => {
    expect(confidenceWord(10)).toBe('Low');
    expect(confidenceWord(30)).toBe('Medium');
    expect(confidenceWord(70)).toBe('High');
  });
});

describe('weeklyTimeInZone', () => {
  const now = Date.parse('2025-12-03T10:00:00Z');
  it('reads a supporter’s weekly hour in the creator’s zone, across the date line and half-hour offsets', () => {
    // Friday 20:00 in Tokyo (UTC+9) is Friday 12:00 in Berlin (UTC+1 in December).
    expect(weeklyTimeInZone(5, 20, 'Asia/Tokyo', 'Europe/Berlin', now)).toEqual({ day: 5, hour: 12, minute: 0 });
    // Monday 02:00 in Berlin is Sunday 20:00 in New York.
    expect(weeklyTimeInZone(1, 2, 'Europe/Berlin', 'America/New_York', now)).toEqual({ day: 0, hour: 20, minute: 0 });
    expect(weeklyTimeInZone(3, 20, 'Asia/Kolkata', 'UTC', now)).toEqual({ day: 3, hour: 14, minute: 30 });
    expect(weeklyTimeInZone(3, 20, 'UTC', 'UTC', now)).toEqual({ day: 3, hour: 20, minute: 0 });
  });

  it('gives null for an unknown zone rather than a wrong time', () => {
    expect(weeklyTimeInZone(3, 20, 'Mars/Olympus', 'UTC', now)).toBeNull();
  });
});
