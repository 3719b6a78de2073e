import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARLIEST_TIMESTAMP_MS, LATEST_TIMESTAMP_MS, parseTimestamp, timestampProblem } from './parseTimestamp';

/**
 * The oracle: RFC 3339's `date-time` grammar (section 5.6) as a regular expression, with the
 * calendar checked by a `Date` (setUTCFullYear has no two-digit-year rule) rather than by the
 * parser's own arithmetic. Fractions are capped at 9 digits and instants at 1970–9999, as documented.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
/** Leap seconds inserted so far (IERS), written out as dates rather than as the parser's numbers. */
const LEAP_SECOND_DATES = new Set(
  ['1972-06-30', '1972-12-31', '1973-12-31', '1974-12-31', '1975-12-31', '1976-12-31', '1977-12-31', '1978-12-31', '1979-12-31', '1981-06-30', '1982-06-30', '1983-06-30', '1985-06-30', '1987-12-31', '1989-12-31', '1990-12-31', '1992-06-30', '1993-06-30', '1994-06-30', '1995-12-31', '1997-06-30', '1998-12-31', '2005-12-31', '2008-12-31', '2012-06-30', '2015-06-30', '2016-12-31'],
);

function oracle(text: string): number | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const sign = match[8] === '-' ? -1 : 1;
  const offsetHour = Number(match[9] ?? 0);
  const offsetMinute = Number(match[10] ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, Math.min(second, 59), Number(fraction.padEnd(3, '0').slice(0, 3)));
  let instant = date.getTime() - sign * (offsetHour * 60 + offsetMinute) * 60_000;
  if (second === 60) {
    const utc = new Date(instant);
    if (utc.toISOString().slice(11, 19) !== '23:59:59' || !LEAP_SECOND_DATES.has(utc.toISOString().slice(0, 10))) return null;
    instant = Math.floor(instant / 1000) * 1000 + 999;
  }
  return instant >= Date.parse('1970-01-01T00:00:00Z') && instant <= Date.parse('9999-12-31T23:59:59.999Z') ? instant : null;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Timestamps built from parts, each part sometimes just out of its range. */
const builtTimestamp = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1968, max: 2100 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(60)),
    fraction: fc.option(fc.stringMatching(/^\d{1,11}$/), { nil: undefined }),
    separator: fc.constantFrom('T', 't'),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z'),
      fc.record({ sign: fc.constantFrom('+', '-'), hour: fc.integer({ min: 0, max: 24 }), minute: fc.integer({ min: 0, max: 60 }) }).map(({ sign, hour, minute }) => `${sign}${pad(hour, 2)}:${pad(minute, 2)}`),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, separator, zone }) =>
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${separator}${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction === undefined ? '' : `.${fraction}`}${zone}`,
  );

/** A built timestamp with one character removed, replaced or inserted. */
const mutatedTimestamp = fc
  .tuple(builtTimestamp, fc.nat(), fc.constantFrom('delete', 'replace', 'insert'), fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '+', '.', ' ', 'x', '٣'))
  .map(([text, at, edit, char]) => {
    const index = at % (text.length + 1);
    if (edit === 'delete') return text.slice(0, index) + text.slice(index + 1);
    if (edit === 'replace') return text.slice(0, index) + char + text.slice(index + 1);
    return text.slice(0, index) + char + text.slice(index);
  });

describe('parseTimestamp: strict RFC 3339', () => {
  it('reads zoned RFC 3339 timestamps', () => {
    expect(parseTimestamp('2025-12-03T10:00:00Z')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03T10:00:00.250Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 250));
    expect(parseTimestamp('2025-12-03T10:00:00.5Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 500));
    expect(parseTimestamp('2025-12-03T10:00:00.25Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 250));
    expect(parseTimestamp('2025-12-03T10:00:00.123456789Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 123));
    expect(parseTimestamp('2025-12-03T11:00:00+01:00')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03T05:30:00-04:30')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03t10:00:00z')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03T10:00:00-00:00')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
  });

  it('refuses what issue 16 found accepted: years 1–99 read as 19xx, February 30, 24:00', () => {
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toBeNull();
    expect(timestampProblem('0001-01-01T00:00:00Z')).toBe('out_of_range');
    expect(parseTimestamp('0099-06-01T00:00:00Z')).toBeNull();
    expect(timestampProblem('0099-06-01T00:00:00Z')).toBe('out_of_range');
    expect(timestampProblem('2026-02-30T00:00:00Z')).toBe('no_such_time');
    expect(timestampProblem('2100-02-29T00:00:00Z')).toBe('no_such_time');
    expect(timestampProblem('2025-04-31T00:00:00Z')).toBe('no_such_time');
    expect(timestampProblem('2025-12-03T24:00:00Z')).toBe('no_such_time');
    expect(timestampProblem('2025-12-03T10:00:00+24:00')).toBe('no_such_time');
  });

  it('accepts 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, after the offset', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toBe(EARLIEST_TIMESTAMP_MS);
    expect(timestampProblem('1969-12-31T23:59:59.999Z')).toBe('out_of_range');
    expect(parseTimestamp('1969-12-31T23:30:00-01:00')).toBe(30 * 60_000);
    expect(timestampProblem('1970-01-01T00:30:00+01:00')).toBe('out_of_range');
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')).toBe(LATEST_TIMESTAMP_MS);
    expect(LATEST_TIMESTAMP_MS).toBe(Date.parse('9999-12-31T23:59:59.999Z'));
    expect(timestampProblem('9999-12-31T23:59:59-00:01')).toBe('out_of_range');
  });

  it('accepts a leap second only where one was inserted, as the last millisecond of its day', () => {
    expect(parseTimestamp('2016-12-31T23:59:60Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    expect(parseTimestamp('2016-12-31T23:59:60.5Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    expect(parseTimestamp('2017-01-01T00:59:60+01:00')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    expect(parseTimestamp('1972-06-30T23:59:60Z')).toBe(Date.UTC(1972, 5, 30, 23, 59, 59, 999));
    expect(timestampProblem('2015-12-31T23:59:60Z')).toBe('no_such_time');
    expect(timestampProblem('2016-12-31T22:59:60Z')).toBe('no_such_time');
    expect(timestampProblem('2016-12-31T23:59:61Z')).toBe('no_such_time');
  });

  it('refuses other shapes: no zone, no seconds, a space, a compact offset, more than 9 fraction digits, non-strings', () => {
    for (const value of [
      '2025-12-03T10:00:00',
      '2025-12-03T10:00Z',
      '2025-12-03 10:00:00Z',
      '2025-12-03T10:00:00+0100',
      '2025-12-03T10:00:00+01',
      '2025-12-03T10:00:00.Z',
      '2025-12-03T10:00:00.1234567890Z',
      '2025-12-03T10:00:0xZ',
      '-025-12-03T10:00:00Z',
      '+2025-12-03T10:00:00Z',
      '20251203T100000Z',
      '2025-12-03',
      '２０２５-12-03T10:00:00Z',
      'yesterday',
      '',
      1733220000000,
      null,
    ]) {
      expect(parseTimestamp(value), String(value)).toBeNull();
      expect(timestampProblem(value), String(value)).toBe('not_rfc3339');
    }
  });

  it('agrees with the oracle on built, mutated and arbitrary strings', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(builtTimestamp, mutatedTimestamp, fc.string({ maxLength: 40 })), (text) => {
        const expected = oracle(text);
        expect(parseTimestamp(text)).toBe(expected);
        expect(timestampProblem(text) === null).toBe(expected !== null);
        if (expected === null) refused += 1;
        else accepted += 1;
      }),
      { numRuns: 20_000 },
    );
    // Both sides were really exercised.
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it('reads back every instant of the range, written in UTC or with any offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: EARLIEST_TIMESTAMP_MS, max: LATEST_TIMESTAMP_MS }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (instant, offsetMinutes) => {
          expect(parseTimestamp(new Date(instant).toISOString())).toBe(instant);
          const local = new Date(instant + offsetMinutes * 60_000);
          if (local.getUTCFullYear() > 9999) return;
          const sign = offsetMinutes < 0 ? '-' : '+';
          const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60), 2)}:${pad(Math.abs(offsetMinutes) % 60, 2)}`;
          const text = `${pad(local.getUTCFullYear(), 4)}${local.toISOString().slice(4, 23)}${offset}`;
          expect(parseTimestamp(text)).toBe(instant);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
