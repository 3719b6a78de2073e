import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parseTimestamp';

describe('parseTimestamp', () => {
  it('reads zoned ISO-8601 timestamps', () => {
    expect(parseTimestamp('2025-12-03T10:00:00Z')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03T10:00:00.250Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 250));
    expect(parseTimestamp('2025-12-03T10:00:00.5Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 500));
    expect(parseTimestamp('2025-12-03T10:00:00.25Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 250));
    expect(parseTimestamp('2025-12-03T10:00:00.123456Z')).toBe(Date.UTC(2025, 11, 3, 10, 0, 0, 123));
    expect(parseTimestamp('2025-12-03T11:00:00+01:00')).toBe(Date.UTC(2025, 11, 3, 10));
    expect(parseTimestamp('2025-12-03T10:00Z')).toBe(Date.UTC(2025, 11, 3, 10));
  });

  it('refuses timestamps without a zone, out-of-range parts and non-strings', () => {
    for (const value of ['2025-12-03T10:00:00', '2025-13-03T10:00:00Z', '2025-12-03T10:00:0xZ', '2025-12-03 10:00:00Z', '2025-12-03T10:00:00.Z', '2025-12-03T10:60:00Z', '-025-12-03T10:00:00Z', '2025-12-03T24:00:00Z', '2025-12-03', 'yesterday', '', 1733220000000, null]) {
      expect(parseTimestamp(value)).toBeNull();
    }
  });

  it('agrees with Date.parse on every UTC instant it accepts', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parseTimestamp(iso)).toBe(Date.parse(iso));
      }),
    );
  });
});
