import type { ScoringRollup, SupporterRollup } from '../engine/rollup/supporterRollup';
import { decodeRollupBlob, encodeRollupBlob } from './rollupBlob';

/** A value of a rollup column as stored: the numbers are one blob (migration 9). */
export type RollupSqlValue = string | number | Buffer | null;

/**
 * The rollup half of `supporter_state`, defined once: the engine version it was built by, its
 * numbers and windowed entries as one blob (`rollupBlob.ts`), and its two text fields. All NULL
 * while the supporter has no activity.
 */
export const ROLLUP_COLUMNS = ['rollupVersion', 'rollup', 'presenceId', 'rollupRegisteredListingIds'] as const;

export const ROLLUP_COLUMN_COUNT = ROLLUP_COLUMNS.length;

/** The rollup's column names in layout order (`prefix` qualifies each, e.g. `sc.`). */
export function rollupColumnList(prefix = ''): string {
  return ROLLUP_COLUMNS.map((column) => `${prefix}${column}`).join(', ');
}

/** Appends a rollup's stored values, in layout order. */
export function pushRollupValues(params: RollupSqlValue[], rollup: SupporterRollup, engineVersion: number): void {
  params.push(
    engineVersion,
    encodeRollupBlob(rollup),
    rollup.presenceId,
    rollup.registeredListingIds.length > 0 ? JSON.stringify(rollup.registeredListingIds) : null,
  );
}

const NO_LISTINGS: readonly string[] = Object.freeze([]);

/** The rollup stored in `values` from `offset` on (layout order); null for a row without one. */
export function rollupFromSql(supporterId: string, values: readonly unknown[], offset: number): SupporterRollup | null {
  if (values[offset] === null) return null;
  return decodeRollupBlob(supporterId, storedBlob(supporterId, values[offset + 1]), values[offset + 2] as string | null, listingIds(values[offset + 3]));
}

/** The columns a scoring read takes (`ScoringRollup`): the layout's but the presence id, a string per row a full run has no use for. */
export const SCORING_ROLLUP_COLUMNS = ['rollupVersion', 'rollup', 'rollupRegisteredListingIds'] as const;

/** The scoring part of the rollup stored in `values` from `offset` on (`SCORING_ROLLUP_COLUMNS` order); null for a row without one. */
export function scoringRollupFromSql(supporterId: string, values: readonly unknown[], offset: number): ScoringRollup | null {
  if (values[offset] === null) return null;
  // The presence id is not read; the type leaves it out.
  return decodeRollupBlob(supporterId, storedBlob(supporterId, values[offset + 1]), null, listingIds(values[offset + 2]));
}

function storedBlob(supporterId: string, blob: unknown): Buffer {
  if (!(blob instanceof Buffer)) throw new Error(`${supporterId} has no stored rollup`);
  return blob;
}

function listingIds(stored: unknown): string[] {
  return stored === null ? (NO_LISTINGS as string[]) : (JSON.parse(stored as string) as string[]);
}
