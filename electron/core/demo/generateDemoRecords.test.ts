import { describe, expect, it } from 'vitest';
import { generateDemoRecords } from './generateDemoRecords';

describe('generateDemoRecords', () => {
  it('dates no activity after the moment the demo is as of', () => {
    // A reply to a chat late in the day used to land up to four hours after `now`: a record from
    // the future, which the engine can only score from raw activity (and a profile would show).
    for (const now of [Date.parse('2025-12-03T10:00:00Z'), Date.parse('2026-06-20T23:30:00Z')]) {
      const late = [...generateDemoRecords({ supporters: 400, days: 30, seed: 7, now })].filter(
        (record) => record.entity === 'activity' && Date.parse(String(record.data.at)) > now,
      );
      expect(late).toEqual([]);
    }
  });
});
