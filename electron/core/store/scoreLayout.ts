import type { Segment } from '../../../shared/domain/segments';
import type { ScoreRow } from '../engine/score/scoreRow';

/** A value as SQLite stores it and better-sqlite3 hands it back. */
export type SqlValue = string | number | null;

/** Every field of a score but its key: one column each in `supporter_state`, under the same name. */
type ScoreField = Exclude<keyof ScoreRow, 'supporterId'>;

/** How a field's value is stored. */
interface Codec<Value> {
  toSql(value: Value): SqlValue;
  fromSql(value: SqlValue): Value;
}

interface ScoreColumn<Field extends ScoreField = ScoreField> {
  readonly field: Field;
  /**
   * Some index (or a partial index's condition) reads this column. SQLite moves an index entry
   * whenever an UPDATE assigns one of its columns, even to the value it holds, so a rewrite
   * assigns an indexed column only when its value changed.
   */
  readonly indexed: boolean;
  readonly codec: Codec<ScoreRow[Field]>;
}

const integer: Codec<number> = { toSql: (value) => value, fromSql: (value) => value as number };
const integerOrNull: Codec<number | null> = { toSql: (value) => value, fromSql: (value) => value as number | null };
const flag: Codec<boolean> = { toSql: (value) => (value ? 1 : 0), fromSql: (value) => value === 1 };
const segment: Codec<Segment> = { toSql: (value) => value, fromSql: (value) => value as Segment };
/** Listing ids as JSON text, NULL for none (most supporters). */
const listingIds: Codec<string[]> = {
  toSql: (value) => (value.length > 0 ? JSON.stringify(value) : null),
  fromSql: (value) => (value === null ? [] : (JSON.parse(value as string) as string[])),
};

function plain<Field extends ScoreField>(field: Field, codec: Codec<ScoreRow[Field]>): ScoreColumn<Field> {
  return { field, indexed: false, codec };
}

function indexed<Field extends ScoreField>(field: Field, codec: Codec<ScoreRow[Field]>): ScoreColumn<Field> {
  return { field, indexed: true, codec };
}

/**
 * The score half of `supporter_state`, defined once: every read, write and comparison of a stored
 * score follows this order. The indexed columns are the ones the tab indexes, the edge index and
 * the purchase membership index read (migrations 8 and 9), and those the Now queue's generated key
 * `nowKey` is computed from (migration 12: SQLite moves its index entry whenever one of them is
 * assigned).
 */
export const SCORE_COLUMNS = [
  plain('engineVersion', integer),
  plain('asOf', integer),
  indexed('edgeAt', integerOrNull),
  indexed('segment', segment),
  indexed('online', flag),
  indexed('lifetimeTokens', integer),
  plain('monthlyTokens', integer),
  indexed('lastActivityAt', integerOrNull),
  indexed('firstPurchaseAt', integerOrNull),
  indexed('unreadCount', integer),
  plain('lastCreatorMessageAt', integerOrNull),
  plain('registeredListingIds', listingIds),
  indexed('conversionProbability', integer),
  indexed('priorityScore', integer),
  plain('fanClubActive', flag),
] as const;

/**
 * Columns of `supporter_state` that are neither score nor rollup: the Now queue's alert term, which
 * `NowQueueStore` keeps (migration 12), and the generated `nowKey`, which SQLite computes.
 */
export const NOW_QUEUE_STATE_COLUMNS = ['nowAlertBonus'] as const;

/** Compile-time: every field of a score has its column (a field left out would not be stored). */
const EVERY_FIELD_HAS_A_COLUMN: Exclude<ScoreField, (typeof SCORE_COLUMNS)[number]['field']> extends never ? true : never = true;
void EVERY_FIELD_HAS_A_COLUMN;

const COLUMNS: readonly ScoreColumn[] = SCORE_COLUMNS;
const AS_OF = COLUMNS.findIndex((column) => column.field === 'asOf');
const FAN_CLUB_ACTIVE = COLUMNS.findIndex((column) => column.field === 'fanClubActive');
/** Every score has a segment; a row without one holds only a rollup. */
const SEGMENT = COLUMNS.findIndex((column) => column.field === 'segment');
/** Each column's bit in a set of changed indexed columns (0 for a plain column). */
const INDEXED_BIT = COLUMNS.map((column, position) => (column.indexed ? 1 << COLUMNS.slice(0, position).filter((c) => c.indexed).length : 0));

/** The score's column names in layout order, for a SELECT or INSERT list (`prefix` qualifies each, e.g. `sc.`). */
export function scoreColumnList(prefix = ''): string {
  return COLUMNS.map((column) => `${prefix}${column.field}`).join(', ');
}

/** How many values a stored score has (a raw row holds them in layout order). */
export const SCORE_COLUMN_COUNT = COLUMNS.length;

/**
 * A score as read: a raw row whose columns from `at` on are the score's, in layout order. Kept in
 * the row it came in (no copy): a full run reads every supporter's.
 */
export interface StoredScoreValues {
  readonly row: readonly unknown[];
  readonly at: number;
}

/** A score's values as stored, in layout order. */
export function scoreToSql(row: ScoreRow): SqlValue[] {
  const values: SqlValue[] = new Array<SqlValue>(COLUMNS.length);
  for (let position = 0; position < COLUMNS.length; position += 1) {
    const column = COLUMNS[position] as ScoreColumn;
    values[position] = column.codec.toSql(row[column.field]);
  }
  return values;
}

/** The score stored in `values` from `offset` on, in layout order. */
export function scoreFromSql(supporterId: string, values: readonly SqlValue[], offset: number): ScoreRow {
  const row: Partial<Record<keyof ScoreRow, unknown>> = { supporterId };
  for (let position = 0; position < COLUMNS.length; position += 1) {
    const column = COLUMNS[position] as ScoreColumn;
    row[column.field] = column.codec.fromSql(values[offset + position] as SqlValue);
  }
  // Every field was set: the layout has a column for each (checked at compile time above).
  return row as ScoreRow;
}

/**
 * True when a newly computed score says exactly what the stored one says, `asOf` aside: every
 * stored value is compared (no hash), so a score that changed is always rewritten. The stored
 * row's validity [asOf, edgeAt) then already covers the moment the new one was computed for.
 */
export function isSameScore(row: ScoreRow, stored: StoredScoreValues): boolean {
  const values = stored.row;
  for (let position = 0; position < COLUMNS.length; position += 1) {
    const column = COLUMNS[position] as ScoreColumn;
    if (position !== AS_OF && column.codec.toSql(row[column.field]) !== values[stored.at + position]) return false;
  }
  return true;
}

/** The indexed columns whose stored value differs from the encoded score's, as a set of bits. */
export function changedIndexedColumns(encoded: readonly SqlValue[], stored: StoredScoreValues): number {
  const values = stored.row;
  let changed = 0;
  for (let position = 0; position < COLUMNS.length; position += 1) {
    const bit = INDEXED_BIT[position] as number;
    if (bit !== 0 && encoded[position] !== values[stored.at + position]) changed |= bit;
  }
  return changed;
}

/** The columns an update assigns for a set of changed indexed columns: every plain one and those, in layout order. */
export function assignedScoreColumns(changedIndexed: number): string[] {
  return COLUMNS.filter((_, position) => isAssigned(position, changedIndexed)).map((column) => column.field);
}

/** Appends the values `assignedScoreColumns(changedIndexed)` names, in the same order. */
export function pushAssignedValues(params: { push(value: SqlValue): unknown }, encoded: readonly SqlValue[], changedIndexed: number): void {
  for (let position = 0; position < COLUMNS.length; position += 1) {
    if (isAssigned(position, changedIndexed)) params.push(encoded[position] as SqlValue);
  }
}

function isAssigned(position: number, changedIndexed: number): boolean {
  const bit = INDEXED_BIT[position] as number;
  return bit === 0 || (changedIndexed & bit) !== 0;
}

/** Whether the values read from a row's score columns (from `offset`) are a score: a row may hold only a rollup. */
export function isStoredScore(values: readonly unknown[], offset: number): boolean {
  return values[offset + SEGMENT] !== null;
}

/** `asOf` of a stored score. */
export function storedAsOf(stored: StoredScoreValues): number {
  return stored.row[stored.at + AS_OF] as number;
}

/** The fan club flag a stored score was computed with. */
export function storedFanClubActive(stored: StoredScoreValues): boolean {
  return stored.row[stored.at + FAN_CLUB_ACTIVE] === 1;
}
