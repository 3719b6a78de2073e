import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../../shared/domain/segments';
import { ALL_MIGRATIONS } from '../db/allMigrations';
import { runMigrations } from '../db/runMigrations';
import type { ScoreRow } from '../engine/score/scoreRow';
import { ROLLUP_COLUMNS } from './rollupLayout';
import { changedIndexedColumns, isSameScore, NOW_QUEUE_STATE_COLUMNS, SCORE_COLUMNS, scoreFromSql, scoreToSql } from './scoreLayout';

const time = fc.integer({ min: 0, max: 2 ** 45 });
const maybeTime = fc.option(time, { nil: null });
const count = fc.integer({ min: 0, max: 2 ** 40 });

const scoreRow: fc.Arbitrary<ScoreRow> = fc.record({
  supporterId: fc.constant('s1'),
  engineVersion: fc.integer({ min: 1, max: 9 }),
  asOf: time,
  edgeAt: maybeTime,
  segment: fc.constantFrom(...SEGMENTS),
  online: fc.boolean(),
  lifetimeTokens: count,
  monthlyTokens: count,
  lastActivityAt: maybeTime,
  firstPurchaseAt: maybeTime,
  unreadCount: count,
  lastCreatorMessageAt: maybeTime,
  registeredListingIds: fc.array(fc.string(), { maxLength: 3 }),
  conversionProbability: fc.integer({ min: 0, max: 100 }),
  priorityScore: fc.integer({ min: 0, max: 150 }),
  fanClubActive: fc.boolean(),
});

type Field = (typeof SCORE_COLUMNS)[number]['field'];

/** The same row with one field given another value of its type: a number doubled, halved or moved by one, a flag flipped… */
function changeOne(row: ScoreRow, field: Field, how: number): ScoreRow {
  const value = row[field];
  const changed = { ...row };
  const other = (n: number) => [n * 2 || 1, Math.floor(n / 2) === n ? n + 1 : Math.floor(n / 2), n + 1, n - 1][how % 4] as number;
  if (typeof value === 'boolean') Object.assign(changed, { [field]: !value });
  else if (typeof value === 'number') Object.assign(changed, { [field]: other(value) });
  else if (value === null) Object.assign(changed, { [field]: 0 });
  else if (Array.isArray(value)) Object.assign(changed, { [field]: value.length > 0 ? value.slice(1) : ['l1'] });
  else Object.assign(changed, { [field]: SEGMENTS[(SEGMENTS.indexOf(value as ScoreRow['segment']) + 1) % SEGMENTS.length] });
  return changed;
}

describe('score layout', () => {
  it('is every score column of supporter_state, in one place', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    const columns = (db.prepare('PRAGMA table_info(supporter_state)').all() as { name: string }[]).map((column) => column.name);
    const otherColumns: readonly string[] = [...ROLLUP_COLUMNS, ...NOW_QUEUE_STATE_COLUMNS];
    expect(columns.filter((column) => column !== 'supporterId' && !otherColumns.includes(column)).sort()).toEqual(SCORE_COLUMNS.map((column) => column.field).sort());
    expect(new Set(SCORE_COLUMNS.map((column) => column.field)).size).toBe(SCORE_COLUMNS.length);
  });

  it('reads back every score it stores', () => {
    fc.assert(
      fc.property(scoreRow, (row) => {
        expect(scoreFromSql(row.supporterId, scoreToSql(row), 0)).toEqual(row);
      }),
    );
  });

  it('tells a score that changed in any one value from one that did not, compared exactly (doubling and halving included)', () => {
    fc.assert(
      fc.property(scoreRow, fc.constantFrom(...SCORE_COLUMNS.map((column) => column.field)), fc.nat(3), time, (row, field, how, asOf) => {
        const stored = { row: scoreToSql(row), at: 0 };
        expect(isSameScore({ ...row, asOf }, stored)).toBe(true);
        const changed = changeOne(row, field, how);
        expect(isSameScore(changed, stored)).toBe(field === 'asOf');
      }),
      { numRuns: 500 },
    );
  });

  it('names exactly the indexed columns that changed', () => {
    const indexed = SCORE_COLUMNS.filter((column) => column.indexed).map((column) => column.field);
    fc.assert(
      fc.property(scoreRow, fc.subarray([...indexed]), (row, fields) => {
        let changed = row;
        for (const field of fields) changed = changeOne(changed, field, 2);
        const bits = changedIndexedColumns(scoreToSql(changed), { row: scoreToSql(row), at: 0 });
        expect(indexed.filter((_, bit) => (bits & (1 << bit)) !== 0)).toEqual(indexed.filter((field) => fields.includes(field)));
      }),
    );
  });
});
