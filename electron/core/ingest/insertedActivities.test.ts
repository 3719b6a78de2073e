import { describe, expect, it } from 'vitest';
import { activityRecord } from '../../../tests/support/activityRecord';
import { InsertedActivities } from './insertedActivities';

const activity = (id: string) => activityRecord({ id });

describe('InsertedActivities', () => {
  it('covers exactly the rowid range its consecutive rows filled', () => {
    const inserted = new InsertedActivities();
    expect(inserted.coversExactly(0, 0)).toBe(false);
    inserted.add(activity('a'), 11);
    inserted.add(activity('b'), 12);
    expect(inserted.coversExactly(10, 12)).toBe(true);
    // Rows before or after the batch's own are not in memory.
    expect(inserted.coversExactly(9, 12)).toBe(false);
    expect(inserted.coversExactly(10, 13)).toBe(false);
  });

  it('gives up when a rowid came out of order (reused after a delete)', () => {
    const inserted = new InsertedActivities();
    inserted.add(activity('a'), 11);
    inserted.add(activity('b'), 11);
    expect(inserted.coversExactly(10, 11)).toBe(false);
  });
});
