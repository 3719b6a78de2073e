import type { EngineStores } from '../engineStores';
import { ENGINE_VERSION } from '../engineVersion';
import { blankRollupActivity, copyRawActivity } from '../rollup/copyRawActivity';
import { SupporterRollupBuilder } from '../rollup/supporterRollupBuilder';
import { buildScoreRow } from '../score/buildScoreRow';

/** How big one slice of a rebuild may be. */
export interface RebuildSliceSize {
  /** Activity rows a folding slice reads: what its time grows with. */
  rows: number;
  /** Supporters a writing slice writes (the full run's slice size). */
  supporters: number;
}

/**
 * A rebuild of every supporter's derived state from raw activity (an engine version change), in
 * slices that each fit in a short transaction, so a host can answer requests in between:
 *
 * 1. Fold: the activity up to `upToSeq` (the highest change sequence number when the rebuild
 *    began) in pages of the sequence, each page folded into the supporters' rollup builders, held
 *    in memory from slice to slice. Sequence order reads the table as it lies on disk; reading by
 *    supporter through the activities' supporter index costs a B-tree lookup per row, about twice
 *    the whole scan. A builder keeps only the last 30 days of windowed entries, so every
 *    supporter's fits in memory at once.
 * 2. Write: by ranges of supporter ids, each range's stored rows replaced by the rollup and the
 *    score at `now` (one row write per supporter); stored rows of anyone in the range with neither
 *    activity nor a supporter record go.
 *
 * Changes applied between slices are left to the catch-up after the last one, where they are
 * anyway: activity above `upToSeq`, and the supporters the triggers queue when a record changes or
 * goes (whose rollups the catch-up rebuilds from their raw activity as it is then). The rebuild
 * lives in memory only: a process that ends before the last slice redoes it from the start.
 */
export class EngineRebuild {
  /** Each supporter's rollup so far, from the activity folded up to `foldedUpToSeq`. */
  private readonly builders = new Map<string, SupporterRollupBuilder>();
  private foldedUpToSeq = 0;
  /** The write phase's position: the rows of supporters up to this id are written. */
  private writtenAfter = '';
  /** The earliest and latest `now` a writing slice scored at. */
  private scoredFrom: number | null = null;
  private scoredUpTo: number | null = null;

  private constructor(readonly upToSeq: number) {}

  /** A rebuild from the start: what the triggers queued so far is in it (each supporter's activity is read as it is now). */
  static start(stores: EngineStores): EngineRebuild {
    stores.rollups.clearPending();
    return new EngineRebuild(stores.engineInput.maxActivitySeq());
  }

  /** Does the next slice; returns true after the last, when every supporter's row is written. */
  nextSlice(stores: EngineStores, now: number, size: RebuildSliceSize): { done: boolean; scored: number } {
    if (this.foldedUpToSeq < this.upToSeq) {
      this.foldPage(stores, size.rows);
      return { done: false, scored: 0 };
    }
    return this.writeRange(stores, now, size.supporters);
  }

  /** The latest `now` a slice scored at, once the rebuild is done. */
  latestScoredAt(): number | null {
    return this.scoredUpTo;
  }

  /** Whether every score this rebuild wrote is at `now`. */
  scoredOnlyAt(now: number): boolean {
    return this.scoredFrom === now && this.scoredUpTo === now;
  }

  private foldPage(stores: EngineStores, rows: number): void {
    const page = stores.engineInput.scanActivities(this.foldedUpToSeq, this.upToSeq, rows);
    if (page.length === 0) {
      // The rest was deleted meanwhile (the triggers queued its supporters).
      this.foldedUpToSeq = this.upToSeq;
      return;
    }
    // One object reused for every row: this loop runs millions of times.
    const activity = blankRollupActivity();
    for (const row of page) {
      let builder = this.builders.get(row[1]);
      if (builder === undefined) {
        builder = new SupporterRollupBuilder(row[1]);
        this.builders.set(row[1], builder);
      }
      builder.add(copyRawActivity(activity, row, 2));
    }
    this.foldedUpToSeq = (page.at(-1) as (typeof page)[number])[0];
  }

  private writeRange(stores: EngineStores, now: number, supporters: number): { done: boolean; scored: number } {
    const { engineInput, scores, rollups } = stores;
    const after = this.writtenAfter;
    const ids = engineInput.rebuildIdsAfter(after, supporters);
    // A short range is the last: open-ended, it also meets stored rows past the last supporter.
    const upTo = ids.length < supporters ? null : (ids.at(-1) ?? null);
    const fanClubActive = engineInput.fanClubActiveBetween(after, upTo);
    scores.clearBetween(after, upTo);
    const rawActivityOf = (supporterId: string) => engineInput.activitiesOf(supporterId);
    for (const supporterId of ids) {
      // (A builder from nothing never needs its unread count recounted: it saw every chat.)
      const rollup = this.builders.get(supporterId)?.finish();
      this.builders.delete(supporterId);
      const active = fanClubActive.get(supporterId);
      if (active !== undefined) scores.write(buildScoreRow(supporterId, active, rollup ?? null, now, rawActivityOf), null, rollup);
      else if (rollup !== undefined) rollups.upsert(rollup, ENGINE_VERSION);
    }
    this.scoredFrom = Math.min(this.scoredFrom ?? now, now);
    this.scoredUpTo = Math.max(this.scoredUpTo ?? now, now);
    if (upTo !== null) {
      this.writtenAfter = upTo;
      return { done: false, scored: fanClubActive.size };
    }
    // Builders left over belong to supporters whose folded activity has all gone since: queued, for the catch-up.
    this.builders.clear();
    return { done: true, scored: fanClubActive.size };
  }
}
