import type { RangeActivityRow } from '../../store/engineInputStore';
import type { EngineStores } from '../engineStores';
import { ENGINE_VERSION } from '../engineVersion';
import { blankRollupActivity, copyRawActivity } from '../rollup/copyRawActivity';
import { SupporterRollupBuilder } from '../rollup/supporterRollupBuilder';
import { buildScoreRow } from '../score/buildScoreRow';

/** How big one slice of a rebuild may be. */
export interface RebuildSliceSize {
  /** Activity rows a slice folds: what its time grows with (a supporter with more is folded whole, alone). */
  rows: number;
  /** Supporters a slice writes at most (the full run's slice size). */
  supporters: number;
}

/**
 * A rebuild of every supporter's derived state from raw activity (an engine version change), in
 * slices that each fit in a short transaction, so a host can answer requests in between. A slice
 * takes the next supporters in id order:
 *
 * - their activity up to `upToSeq` (the highest change sequence number when the rebuild began) is
 *   read by supporter and time from the supporter-time index alone (it holds every column a rollup
 *   reads, migration 17), at most `rows` rows and `supporters` supporters, whole supporters only:
 *   the supporter a full read cuts off is left for the next slice, and one with more rows than a
 *   slice holds is read whole in a slice of its own;
 * - their rows are folded into rollup builders and their stored rows replaced by the rollup and
 *   the score at `now` (one row write per supporter); stored rows of anyone in the range with
 *   neither activity nor a supporter record go.
 *
 * So only one slice's builders are in memory at a time, and a slice's time follows its rows.
 *
 * Changes applied between slices are left to the catch-up after the last one, where they are
 * anyway: activity above `upToSeq`, and the supporters the triggers queue when a record changes or
 * goes (whose rollups the catch-up rebuilds from their raw activity as it is then). The rebuild
 * lives in memory only: a process that ends before the last slice redoes it from the start.
 */
export class EngineRebuild {
  /** The rows of supporters up to this id are written. */
  private writtenAfter = '';
  /** The earliest and latest `now` a slice scored at. */
  private scoredFrom: number | null = null;
  private scoredUpTo: number | null = null;

  private constructor(readonly upToSeq: number) {}

  /** A rebuild from the start: what the triggers queued so far is in it (each supporter's activity is read as it is now). */
  static start(stores: EngineStores): EngineRebuild {
    stores.rollups.clearPending();
    return new EngineRebuild(stores.engineInput.maxActivitySeq());
  }

  /** The latest `now` a slice scored at, once the rebuild is done. */
  latestScoredAt(): number | null {
    return this.scoredUpTo;
  }

  /** Whether every score this rebuild wrote is at `now`. */
  scoredOnlyAt(now: number): boolean {
    return this.scoredFrom === now && this.scoredUpTo === now;
  }

  /** Folds and writes the next supporters; returns true after the last. */
  nextSlice(stores: EngineStores, now: number, size: RebuildSliceSize): { done: boolean; scored: number } {
    const { engineInput, scores, rollups } = stores;
    const after = this.writtenAfter;
    const { ids, upTo, rows } = this.nextRange(stores, size);
    const builders = fold(rows);
    const fanClubActive = engineInput.fanClubActiveBetween(after, upTo);
    scores.clearBetween(after, upTo);
    const rawActivityOf = (supporterId: string) => engineInput.activitiesOf(supporterId);
    for (const supporterId of ids) {
      // (A builder from nothing never needs its unread count recounted: it saw every chat.)
      const rollup = builders.get(supporterId)?.finish();
      const active = fanClubActive.get(supporterId);
      if (active !== undefined) scores.write(buildScoreRow(supporterId, active, rollup ?? null, now, rawActivityOf), null, rollup);
      else if (rollup !== undefined) rollups.upsert(rollup, ENGINE_VERSION);
    }
    this.scoredFrom = Math.min(this.scoredFrom ?? now, now);
    this.scoredUpTo = Math.max(this.scoredUpTo ?? now, now);
    if (upTo === null) return { done: true, scored: fanClubActive.size };
    this.writtenAfter = upTo;
    return { done: false, scored: fanClubActive.size };
  }

  /**
   * The next slice's supporters (`ids`, in id order, up to `upTo`; null: every one left, and the
   * range open-ended so it also meets stored rows past the last supporter) and their activity rows.
   */
  private nextRange(stores: EngineStores, size: RebuildSliceSize): { ids: string[]; upTo: string | null; rows: RangeActivityRow[] } {
    const { engineInput } = stores;
    const after = this.writtenAfter;
    const ids = engineInput.rebuildIdsAfter(after, size.supporters);
    // A short list is the last.
    const upTo = ids.length < size.supporters ? null : (ids.at(-1) ?? null);
    const rows = engineInput.rangeActivities(after, upTo, this.upToSeq, size.rows);
    if (rows.length < size.rows) return { ids, upTo, rows };
    // A full read may end inside a supporter's rows: that supporter and the rest wait for the next slice.
    const cutOff = (rows.at(-1) as RangeActivityRow)[0];
    const firstOfCutOff = rows.findIndex((row) => row[0] === cutOff);
    if (firstOfCutOff === 0) {
      // One supporter with more rows than a slice holds: read whole, alone.
      return { ids: idsThrough(ids, cutOff), upTo: cutOff, rows: engineInput.rangeActivities(after, cutOff, this.upToSeq, null) };
    }
    const whole = rows.slice(0, firstOfCutOff);
    const last = (whole.at(-1) as RangeActivityRow)[0];
    return { ids: idsThrough(ids, last), upTo: last, rows: whole };
  }
}

/**
 * The ids up to and including `last`. The rows read lie within the range `ids` spans, so `last` is
 * among them; were it not, the slice would clear stored rows it never rewrites, so it fails instead.
 */
function idsThrough(ids: readonly string[], last: string): string[] {
  const at = ids.indexOf(last);
  if (at === -1) throw new Error(`engine rebuild: supporter ${last} was read but is not among the slice's ids`);
  return ids.slice(0, at + 1);
}

/** Each supporter's rows (by supporter and time) into a builder per supporter. */
function fold(rows: readonly RangeActivityRow[]): Map<string, SupporterRollupBuilder> {
  const builders = new Map<string, SupporterRollupBuilder>();
  // One object reused for every row: this loop runs millions of times.
  const activity = blankRollupActivity();
  for (const row of rows) {
    let builder = builders.get(row[0]);
    if (builder === undefined) {
      builder = new SupporterRollupBuilder(row[0]);
      builders.set(row[0], builder);
    }
    builder.add(copyRawActivity(activity, row, 1));
  }
  return builders;
}
