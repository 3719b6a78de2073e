import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, ValidChange } from '../../../shared/domain/entities';
import { activityRecord } from '../../../tests/support/activityRecord';
import { openCacheDatabase } from '../db/openCacheDatabase';
import { InsertedActivities } from '../ingest/insertedActivities';
import { ACTIVITY_INSERT_GROUP, ChangeStore } from './changeStore';

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function openStore(): { db: Database.Database; store: ChangeStore } {
  const db = openCacheDatabase(':memory:');
  opened.push(db);
  return { db, store: new ChangeStore(db) };
}

const activity = (id: string, supporterId: string, tokens: number, version: number | null = null): Activity =>
  activityRecord({ id, supporterId, type: 'gift', at: Date.parse('2025-12-01T12:00:00Z') + tokens * 1000, tokens, version });
const upsert = (data: Activity): ValidChange => ({ entity: 'activity', op: 'upsert', data });

const tableRows = (db: Database.Database) => db.prepare('SELECT * FROM activities ORDER BY seq').all();
const supporterRows = (db: Database.Database) => db.prepare('SELECT id, handle FROM supporters ORDER BY id').all();
/**
 * `inserted` holds exactly the table's rows from its first to its last change sequence number, in
 * that order (a conflicting insert uses a number up, so the numbers may have gaps).
 */
function insertedAgreesWithTable(db: Database.Database, inserted: InsertedActivities): void {
  const ids = db.prepare<[number, number], string>('SELECT id FROM activities WHERE seq >= ? AND seq <= ? ORDER BY seq').pluck();
  expect(ids.all(inserted.firstRowid, inserted.lastRowid)).toEqual(inserted.rows.map((row) => row.id));
}

describe('ChangeStore.applyAll', () => {
  it('inserts a page of new activities in groups and reports each with its change sequence number', () => {
    const { db, store } = openStore();
    const count = ACTIVITY_INSERT_GROUP * 3 + 7;
    const changes = Array.from({ length: count }, (_, index) => upsert(activity(`a${index}`, `s${index % 5}`, index)));
    const inserted = new InsertedActivities();
    const touched = store.applyAll(changes, inserted);

    expect(touched).toEqual(new Set(['s0', 's1', 's2', 's3', 's4']));
    const rows = db.prepare<[], { seq: number; id: string }>('SELECT seq, id FROM activities ORDER BY seq').all();
    expect(rows.map((row) => row.id)).toEqual(changes.map((change) => change.data.id));
    expect(inserted.rows.map((row) => row.id)).toEqual(rows.map((row) => row.id));
    expect(inserted.coversExactly(0, count)).toBe(true);
  });

  it('updates stored ids in a group by version and reports only the new rows', () => {
    const { db, store } = openStore();
    store.applyAll([upsert(activity('old-1', 's1', 1, 5)), upsert(activity('old-2', 's1', 2, 5))], new InsertedActivities());
    const changes = Array.from({ length: ACTIVITY_INSERT_GROUP }, (_, index) => upsert(activity(`new-${index}`, 's2', index)));
    changes[10] = upsert(activity('old-1', 's1', 100, 6)); // newer: applies
    changes[20] = upsert(activity('old-2', 's1', 200, 4)); // older: ignored
    changes[30] = upsert(activity('new-3', 's2', 300, null)); // the same id twice in one group: the later one wins
    const inserted = new InsertedActivities();
    store.applyAll(changes, inserted);

    const tokens = db.prepare<[string], number>('SELECT tokens FROM activities WHERE id = ?').pluck();
    expect(tokens.get('old-1')).toBe(100);
    expect(tokens.get('old-2')).toBe(2);
    expect(tokens.get('new-3')).toBe(300);
    expect(inserted.rows).toHaveLength(ACTIVITY_INSERT_GROUP - 3);
    expect(inserted.rows.some((row) => row.id.startsWith('old-'))).toBe(false);
    insertedAgreesWithTable(db, inserted);
  });

  it('writes waiting activities before a delete, so the delete sees them', () => {
    const { db, store } = openStore();
    const changes: ValidChange[] = [
      { entity: 'supporter', op: 'upsert', data: { id: 's1', handle: 'fan', firstSeenAt: 0, timezone: null, fanClub: null, version: null } },
      upsert(activity('a1', 's1', 1)),
      upsert(activity('a2', 's1', 2)),
      { entity: 'activity', op: 'delete', data: { id: 'a1' } },
      upsert(activity('a3', 's1', 3)),
    ];
    store.applyAll(changes, new InsertedActivities());
    expect(db.prepare('SELECT id FROM activities ORDER BY id').pluck().all()).toEqual(['a2', 'a3']);
  });

  it('leaves the same state as applying each change on its own, for any mix of changes', () => {
    const ids = fc.constantFrom(...Array.from({ length: 70 }, (_, index) => `a${index}`));
    const supporters = fc.constantFrom('s1', 's2', 's3');
    const change: fc.Arbitrary<ValidChange> = fc.oneof(
      // Mostly new or repeated activities, so pages hold whole groups between the deletes.
      {
        weight: 80,
        arbitrary: fc
          .record({ id: ids, supporterId: supporters, tokens: fc.nat(50), version: fc.option(fc.nat(5)) })
          .map(({ id, supporterId, tokens, version }) => upsert(activity(id, supporterId, tokens, version))),
      },
      { weight: 1, arbitrary: ids.map((id): ValidChange => ({ entity: 'activity', op: 'delete', data: { id } })) },
      { weight: 1, arbitrary: supporters.map((id): ValidChange => ({ entity: 'supporter', op: 'delete', data: { id } })) },
      {
        weight: 1,
        arbitrary: supporters.map(
          (id): ValidChange => ({
            entity: 'supporter',
            op: 'upsert',
            data: { id, handle: `fan_${id}`, firstSeenAt: 0, timezone: null, fanClub: null, version: null },
          }),
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.array(change, { minLength: 40, maxLength: 200 }), (stored, page) => {
        const grouped = openStore();
        const oneByOne = openStore();
        grouped.store.applyAll(stored, new InsertedActivities());
        for (const each of stored) oneByOne.store.applyAll([each], new InsertedActivities());

        const inserted = new InsertedActivities();
        const touched = grouped.store.applyAll(page, inserted);
        const insertedOneByOne = new InsertedActivities();
        const touchedOneByOne = new Set<string>();
        for (const each of page) for (const id of oneByOne.store.applyAll([each], insertedOneByOne)) touchedOneByOne.add(id);

        expect(tableRows(grouped.db)).toEqual(tableRows(oneByOne.db));
        expect(supporterRows(grouped.db)).toEqual(supporterRows(oneByOne.db));
        expect(touched).toEqual(touchedOneByOne);
        // The same rows reported with the same sequence numbers, in the same order.
        expect(inserted).toEqual(insertedOneByOne);
        for (const db of opened.splice(0)) db.close();
      }),
      { numRuns: 150 },
    );
  });
});
