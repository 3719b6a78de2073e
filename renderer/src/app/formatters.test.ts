import { describe, expect, it } from 'vitest';
import { formatHour, formatMinutes, formatMonth, formatPercent, formatRelativeTime, formatTokenAmount, humanize } from './formatters';

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
