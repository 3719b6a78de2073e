/**
 * The sizes at which the engine changes strategy. Every strategy leaves the same scores (the
 * property tests run each one with tiny limits and compare with a rebuild from raw activity); the
 * limits only decide which is cheapest, and how much a catch-up may hold in memory.
 */
export interface EngineLimits {
  /**
   * Inside an applied batch's transaction the engine catches up only on a backlog within all three
   * of these (new activity rows, queued supporters, supporters to fold or rebuild). A bigger one —
   * a bulk import touching thousands of supporters per batch — waits for the next read or timer
   * tick, where it is folded in one pass and each supporter is written once, not once per batch.
   */
  batchMaxNewRows: number;
  batchMaxQueued: number;
  batchMaxSupporters: number;
  /**
   * Past this many supporters to rebuild from raw activity (and `bulkShare` of all supporters), one
   * scan of every activity is cheaper than a query per supporter: everything is rebuilt.
   */
  rebuildAllAbove: number;
  /**
   * Past this many supporters to rescore (and `bulkShare` of all supporters), one pass over every
   * stored row is cheaper than reading theirs by key: everyone is rescored.
   */
  rescoreAllAbove: number;
  /** The share of all supporters above which the two bulk strategies pay. */
  bulkShare: number;
  /** Activity rows read per query while folding a backlog (bounds what one read holds). */
  scanPageRows: number;
  /**
   * Rollups a catch-up outside a batch holds in memory before writing them out (the rescore then
   * reads them back): bounds memory while folding millions of rows.
   */
  heldRollupsMax: number;
  /**
   * Supporters per slice of a full run: small enough that a slice where every score is rewritten
   * still leaves the event loop free between slices, large enough that each slice's fixed cost
   * (two range reads and a commit) stays a small part of it.
   */
  fullRunSliceSupporters: number;
  /**
   * Activity rows a slice of a rebuild from raw activity folds at most (it also takes at most
   * `fullRunSliceSupporters` supporters, and whole supporters only): a slice's time grows with its
   * rows, so this keeps each one short enough to leave the event loop free.
   */
  rebuildSliceRows: number;
}

export const DEFAULT_ENGINE_LIMITS: Readonly<EngineLimits> = Object.freeze({
  batchMaxNewRows: 20_000,
  batchMaxQueued: 5_000,
  batchMaxSupporters: 2_000,
  rebuildAllAbove: 5_000,
  rescoreAllAbove: 10_000,
  bulkShare: 0.2,
  scanPageRows: 100_000,
  heldRollupsMax: 20_000,
  fullRunSliceSupporters: 1_000,
  rebuildSliceRows: 10_000,
});
