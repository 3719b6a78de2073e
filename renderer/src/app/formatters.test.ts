import { describe, expect, it } from 'vitest';
import { formatAvailableAgain, formatHour, formatMinutes, formatMonth, formatPercent, formatRelativeTime, formatTokenAmount, humanize } from './formatters';

const NOW = Date.parse('2025-12-03T12:00:00Z');

describe('formatRelativeTime', () => {
  it('says never for a missing time', () => {
    expect(formatRelativeTime(null, NOW)).toBe('never');
  });

  it('picks the largest whole unit', () => {
    expect(formatRelativeTime('2025-12-03T11:59:30Z', NOW)).toBe('just now');
    expect(formatRelativeTime('2025-12-03T09:00:00Z', NOW)).toMatch(/3 hours ago/);
    expect(formatRelativeTime('2025-11-19T12:00:00Z', NOW)).toMatch(/2 weeks ago/);
    expect(formatRelativeTime('2025-12-03T14:00:00Z', NOW)).toMatch(/in 2 hours/);
  });

  it('does not crash on a malformed timestamp', () => {
    expect(formatRelativeTime('not a date', NOW)).toBe('—');
  });
});

describe('number formats', () => {
  it('formats minutes as a duration', () => {
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(45.4)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(125)).toBe('2 h 5 min');
    expect(formatMinutes(1500)).toBe('1 d 1 h');
  });

  it('formats percentages, hours and months', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(66.6)).toBe('67%');
    expect(formatHour(7)).toBe('07:00');
    expect(formatMonth('2025-10')).toBe('Oct 2025');
    expect(formatMonth('bad')).toBe('bad');
  });

  it('pluralises tokens', () => {
    expect(formatTokenAmount(1)).toBe('1 token');
    expect(formatTokenAmount(0)).toBe('0 tokens');
  });

  it('humanizes snake_case', () => {
    expect(humanize('very_high')).toBe('Very high');
  });
});

describe('formatAvailableAgain', () => {
  const here = new Intl.DateTimeFormat().resolvedOptions().timeZone;

  it("says the time in the creator's timezone, named when it is not this computer's, rounded up to the minute", () => {
    // Now is 21:00 in Tokyo (UTC+9, no summer time): 17:39:10 UTC is 02:40 the next day there, 13:00 UTC 22:00 the same day.
    const named = here === 'Asia/Tokyo' ? '' : ' (Asia/Tokyo)';
    expect(formatAvailableAgain('2025-12-03T17:39:10Z', NOW, 'Asia/Tokyo')).toBe(`available again tomorrow at 02:40${named}`);
    expect(formatAvailableAgain('2025-12-03T13:00:00Z', NOW, 'Asia/Tokyo')).toBe(`available again at 22:00${named}`);
  });

  it("uses this computer's clock, unnamed, without a creator's timezone or with one Intl does not know", () => {
    const local = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse('2025-12-03T12:31:00Z'));
    expect(formatAvailableAgain('2025-12-03T12:30:01Z', NOW)).toMatch(new RegExp(`^available again (tomorrow )?at ${local}$`));
    expect(formatAvailableAgain('2025-12-03T12:30:01Z', NOW, 'Mars/Base')).toBe(formatAvailableAgain('2025-12-03T12:30:01Z', NOW));
  });
});
