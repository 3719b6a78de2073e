import type { SegmentationSummary } from '../../../shared/contract/apiTypes';
import type { ChangeObserver } from '../crmCore';
import type { BatchOutcome } from '../ingest/applyChangeBatch';
import type { InsertedActivities } from '../ingest/insertedActivities';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from './engineLimits';
import type { EngineStores } from './engineStores';
import { ENGINE_VERSION } from './engineVersion';
import { EngineWorkSet } from './recompute/engineWorkSet';
import { foldNewActivity } from './recompute/foldNewActivity';
import { EngineRebuild } from './recompute/engineRebuild';
import { rescoreSlice } from './recompute/rescoreSlice';
import { rescoreWorkSet } from './recompute/rescoreWorkSet';

const META_ENGINE_VERSION = 'engineVersion';
export const META_LAST_FULL_RUN = 'lastFullSegmentationAt';
/** The highest activity change sequence number (`activities.seq`) already folded into the rollups. */
const META_WATERMARK = 'engineActivityWatermark';
/** An upper bound of every stored score's `asOf`; above `now` means a backtest reads an earlier moment. */
const META_MAX_AS_OF = 'engineScoresMaxAsOf';

/** One slice of a rebuild: whether it was the last, and then whether every score it wrote is at this slice's `now`. */
interface RebuiltSlice {
  done: boolean;
  allAtNow: boolean;
  scored: number;
}

/** What the segmentation service is given: stores, never the database. */
export interface SegmentationDependencies {
  stores: EngineStores;
  /** Runs `work` in one write transaction that takes its lock at once (IMMEDIATE); a savepoint inside another. */
  transaction: <T>(work: () => T) => T;
  /** The engine's clock (epoch ms), for the catch-up after an applied batch. */
  clock: () => number;
  /** False once the cache is closed: a run in slices stops then. */
  isOpen: () => boolean;
  /** Where the engine changes strategy (tests make them tiny to exercise every path). */
  limits?: Partial<EngineLimits>;
}

export interface SlicedRunOptions {
  /** Awaited between slices; a host passes a yield to its event loop (`yieldToEventLoop`). */
  pause: () => Promise<void>;
  /** Supporters per slice (tests use a handful to get many slices out of a small workspace). */
  sliceSize?: number;
  /** Abandons the run at the next pause, before its completion is recorded (a stopping scheduler). */
  signal?: AbortSignal;
}

/** What a catch-up found to do. */
type CatchUpPlan = { kind: 'nothing' } | { kind: 'deferred' } | { kind: 'work'; work: EngineWorkSet };

/**
 * Keeps the derived data (`supporter_state`: each supporter's rollup and score) equal to what the
 * engine would compute from raw activity at `now`. Every catch-up is two steps around one work set
 * (`recompute/`): fold the new activity into rollups, then rescore the supporters it touched.
 * - after each applied batch (as a `ChangeObserver`), inside its transaction;
 * - before every read (`ensureCurrent`), which also rescores supporters whose stored score reached
 *   its edge (time alone moved them, e.g. into dormant) or was computed at a later `now` (a backtest);
 * - `runFull` rescores everyone from the rollups (the daily run); an engine version change rebuilds
 *   the rollups from raw activity first. A long-running host uses `runFullInSlices`, the same run
 *   in slices of supporters that yield to its event loop in between.
 * A rebuild from raw activity goes in slices too (`recompute/engineRebuild.ts`), over the activity
 * up to the change sequence number it began at; the version mark is set after the last slice, and
 * a catch-up then folds whatever arrived meanwhile, so the end is the same as one rebuild of
 * everything. A read that finds the version stale finishes the rebuild under way in its own
 * transaction first: every tab and count depends on every supporter's score.
 */
export class SegmentationService implements ChangeObserver {
  readonly name = 'segmentation';
  private readonly stores: EngineStores;
  private readonly limits: EngineLimits;

  /** Sliced full runs, one after another (see `runFullInSlices`). */
  private fullRunQueue: Promise<void> = Promise.resolve();
  /** The rebuild from raw activity under way while the version mark is stale (between the slices of a run), if any. */
  private rebuild: EngineRebuild | null = null;

  constructor(private readonly dependencies: SegmentationDependencies) {
    this.stores = dependencies.stores;
    this.limits = { ...DEFAULT_ENGINE_LIMITS, ...dependencies.limits };
  }

  /** Folds the batch just applied, in its transaction, unless its backlog is too big for that (see `EngineLimits`). */
  afterBatch(outcome: BatchOutcome): void {
    if (!this.isVersionCurrent()) return;
    this.catchUp(this.dependencies.clock(), outcome.insertedActivities);
  }

  /** Brings every stored score up to date for a read at `now`; returns how many supporters were rescored. */
  ensureCurrent(now: number): number {
    return this.transaction(() => {
      let rescored = this.isVersionCurrent() ? this.catchUp(now, null) : this.finishRebuild(now);
      const { scores } = this.stores;
      const maxAsOf = this.maxAsOf();
      const stale = new Set(scores.dueAt(now));
      if (maxAsOf > now) for (const supporterId of scores.scoredAfter(now)) stale.add(supporterId);
      if (stale.size > 0) rescored += this.rescore(EngineWorkSet.rescoreOnly(stale), now);
      if (maxAsOf > now) this.stores.meta.set(META_MAX_AS_OF, String(now));
      return rescored;
    });
  }

  /**
   * The full re-segmentation (SPEC §9): every supporter rescored at `now` from the rollups, in one
   * transaction and without yielding (the CLI, tests, a scheduler with no pause).
   */
  runFull(now: number, sliceSize = this.limits.fullRunSliceSupporters): SegmentationSummary {
    return this.transaction(() => {
      const steps = this.fullRunSteps(now, sliceSize);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    });
  }

  /**
   * The same full re-segmentation for a long-running host: each slice of supporters is its own
   * short transaction, and `pause` is awaited between slices so other requests (reads, applied
   * batches) are answered meanwhile. A score written between slices by such a request is at least
   * as current as the run's, so the run leaves it be; the completion (`lastFullSegmentationAt`) is
   * recorded only after the last slice, so a run cut short is redone at the next start. Runs
   * requested while one is under way wait for it, one at a time. On a stale engine version the
   * rebuild from raw activity goes in slices too (see the class comment); a run cut short leaves the
   * version stale: the next run or read in this process carries the rebuild on from its last
   * slice, and a process that ends before it is done redoes it from the start.
   */
  runFullInSlices(now: number, options: SlicedRunOptions): Promise<SegmentationSummary> {
    const run = this.fullRunQueue.then(() => this.driveSlices(now, options));
    this.fullRunQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async driveSlices(now: number, options: SlicedRunOptions): Promise<SegmentationSummary> {
    const steps = this.fullRunSteps(now, options.sliceSize ?? this.limits.fullRunSliceSupporters);
    for (;;) {
      options.signal?.throwIfAborted();
      // The host may have closed the cache meanwhile (shutdown, or a damaged file being replaced).
      if (!this.dependencies.isOpen()) throw new Error('The cache was closed during a full re-segmentation');
      const step = this.transaction(() => steps.next());
      if (step.done) return step.value;
      await options.pause();
    }
  }

  /**
   * A full run as steps: each `yield` is a point where the database is consistent and another
   * request may run. The caller decides what a step's transaction is and whether to pause.
   */
  private *fullRunSteps(now: number, sliceSize: number): Generator<void, SegmentationSummary, void> {
    const { meta, scores } = this.stores;
    // Whether this run rebuilt every supporter's row itself, all at `now`: then every score is the run's already.
    let rebuiltAtNow = false;
    if (!this.isVersionCurrent()) {
      for (;;) {
        const slice = this.rebuildNextSlice(now, sliceSize);
        if (slice.done) {
          rebuiltAtNow = slice.allAtNow;
          break;
        }
        yield;
        // A read between slices finishes the rebuild itself (see `ensureCurrent`); the run then rescores as any run does.
        if (this.isVersionCurrent()) break;
      }
    }
    this.catchUp(now, null);
    if (!rebuiltAtNow) {
      // Scores computed at a later `now` before the run began (a backtest reads an earlier
      // moment) are rewritten; any other score found ahead of `now` was written during the run.
      const aheadAtStart = this.maxAsOf() > now ? new Set(scores.scoredAfter(now)) : new Set<string>();
      const keepAhead = (supporterId: string) => !aheadAtStart.has(supporterId);
      // Supporter ids are non-empty strings, so every one of them sorts after ''.
      let after: string | null = '';
      while (after !== null) {
        yield;
        after = rescoreSlice(this.stores, now, after, sliceSize, keepAhead).next;
        this.noteScoredAt(now);
      }
    }
    yield;
    meta.set(META_LAST_FULL_RUN, new Date(now).toISOString());
    return { computedAt: new Date(now).toISOString(), segments: scores.segmentCounts() };
  }

  /** Rebuilds every rollup from raw activity and rescores everyone; what an engine version change does. */
  rebuildEverything(now: number): number {
    return this.transaction(() => this.rebuildInTransaction(now));
  }

  /**
   * A rebuild of everything from the start, for callers already inside a transaction. It must not
   * open a nested one: SQLite makes that a savepoint, which journals every page the rebuild
   * rewrites a second time (it rewrites every supporter's row), and that made a rebuild several
   * times slower.
   */
  private rebuildInTransaction(now: number): number {
    this.rebuild = EngineRebuild.start(this.stores);
    return this.finishRebuild(now);
  }

  /** The rebuild under way (or a new one) run to its end in the caller's transaction, then the catch-up on what arrived meanwhile. */
  private finishRebuild(now: number): number {
    let scored = 0;
    for (;;) {
      const slice = this.rebuildNextSlice(now, this.limits.fullRunSliceSupporters);
      scored += slice.scored;
      if (slice.done) return scored + this.catchUp(now, null);
    }
  }

  /**
   * The next slice of the rebuild under way, or the first of a new one. After the last, every
   * rollup is current up to the rebuild's sequence number: the watermark goes there, so the next
   * catch-up folds the activity that arrived meanwhile, and the version mark is set.
   */
  private rebuildNextSlice(now: number, supporters: number): RebuiltSlice {
    const rebuild = (this.rebuild ??= EngineRebuild.start(this.stores));
    const slice = rebuild.nextSlice(this.stores, now, { rows: this.limits.rebuildSliceRows, supporters });
    if (!slice.done) return { done: false, allAtNow: false, scored: slice.scored };
    this.rebuild = null;
    const { meta } = this.stores;
    meta.set(META_WATERMARK, String(rebuild.upToSeq));
    // Every row was rewritten by the rebuild: none holds a score computed later than its latest `now`.
    meta.set(META_MAX_AS_OF, String(rebuild.latestScoredAt() ?? now));
    meta.set(META_ENGINE_VERSION, String(ENGINE_VERSION));
    return { done: true, allAtNow: rebuild.scoredOnlyAt(now), scored: slice.scored };
  }

  /**
   * Forgets the engine version mark, so the next read or run rebuilds every rollup from raw
   * activity, as after an engine update (what `crm bench` times as `rebuildMs`), from the start.
   */
  requireRebuild(): void {
    this.rebuild = null;
    this.stores.meta.delete(META_ENGINE_VERSION);
  }

  /** A new workspace has nothing to rebuild: marks the engine current, so a first import is folded batch by batch. */
  startCurrentIfEmpty(): void {
    if (!this.isVersionCurrent() && this.stores.engineInput.maxActivitySeq() === 0) this.rebuildEverything(this.dependencies.clock());
  }

  /** When the last full re-segmentation completed (epoch ms), or null before the first. */
  lastFullRunAt(): number | null {
    const stored = Date.parse(this.stores.meta.get(META_LAST_FULL_RUN) ?? '');
    return Number.isFinite(stored) ? stored : null;
  }

  /** The earliest moment a stored score changes with no new data (for the scheduler's timer). */
  nextEdgeAt(): number | null {
    return this.stores.scores.nextEdgeAt();
  }

  isVersionCurrent(): boolean {
    return this.stores.meta.get(META_ENGINE_VERSION) === String(ENGINE_VERSION);
  }

  /**
   * The host's transaction. One that fails is rolled back, slices of a rebuild it wrote included,
   * so the rebuild held in memory no longer says what is stored: it is dropped, and the next one
   * starts from the beginning.
   */
  private transaction<T>(work: () => T): T {
    try {
      return this.dependencies.transaction(work);
    } catch (error) {
      this.rebuild = null;
      throw error;
    }
  }

  /**
   * Folds everything applied since the last catch-up (activity above the watermark, supporters the
   * triggers queued) and rescores whom it touched. With a batch's inserted rows, this runs inside
   * the batch's transaction and defers a backlog too big for it; returns how many were rescored.
   */
  private catchUp(now: number, batch: InsertedActivities | null): number {
    const plan = this.plan(batch);
    if (plan.kind !== 'work') return 0;
    const { work } = plan;
    const inBatch = batch !== null;
    if (inBatch && work.rebuild.size > this.limits.batchMaxSupporters) return 0;
    // Many changed or deleted records: one scan of everything is cheaper than a query per supporter.
    if (!inBatch && this.isBulk(work.rebuild.size, this.limits.rebuildAllAbove)) return this.rebuildInTransaction(now);
    const folded = foldNewActivity(work, this.stores, { ...this.foldLimits(), giveUpAbove: inBatch ? this.limits.batchMaxSupporters : null });
    if (!folded) return 0;
    this.stores.meta.set(META_WATERMARK, String(work.upToSeq));
    this.stores.rollups.clearPending();
    return this.rescore(work, now);
  }

  /** The work of a catch-up, or why there is none. */
  private plan(batch: InsertedActivities | null): CatchUpPlan {
    const { engineInput, rollups } = this.stores;
    const watermark = Number(this.stores.meta.get(META_WATERMARK) ?? 0);
    const upToSeq = engineInput.maxActivitySeq();
    if (batch !== null) {
      if (upToSeq - watermark > this.limits.batchMaxNewRows) return { kind: 'deferred' };
      // (Counted first: a bulk import may have queued every supporter, and reading them all per batch would cost.)
      if (rollups.pendingCount() > this.limits.batchMaxQueued) return { kind: 'deferred' };
    }
    const pending = rollups.pending();
    if (pending.length === 0 && upToSeq <= watermark) return { kind: 'nothing' };
    const work = new EngineWorkSet(watermark, upToSeq, batch !== null && this.isExactlyNew(batch, watermark, upToSeq) ? batch.rows : null);
    for (const { supporterId, rebuild } of pending) work.queue(supporterId, rebuild);
    return { kind: 'work', work };
  }

  /**
   * Whether a batch's inserted rows are exactly the activity rows above the watermark, so the fold
   * takes them from memory. The change sequence never goes back, so the batch's rows are the newest;
   * they are all of them when no older row is still waiting below the first. A row the batch
   * inserted and then changed or deleted queues its supporter for a rebuild from raw activity.
   */
  private isExactlyNew(batch: InsertedActivities, watermark: number, upToSeq: number): boolean {
    const firstSeq = batch.firstRowid;
    return batch.rows.length > 0 && firstSeq > watermark && batch.lastRowid >= upToSeq && !this.stores.engineInput.hasActivityBetween(watermark, firstSeq);
  }

  /** Rescores a work set, or everyone in one pass when it covers enough of the workspace for that to be cheaper. */
  private rescore(work: EngineWorkSet, now: number): number {
    if (work.supporters.size === 0) return 0;
    if (this.isBulk(work.supporters.size, this.limits.rescoreAllAbove)) {
      work.writeHeldRollups(this.stores.rollups);
      return this.rescoreEveryone(now);
    }
    const rescored = rescoreWorkSet(work, this.stores, now);
    this.noteScoredAt(now);
    return rescored;
  }

  /** Every supporter rescored at `now` from the stored rows, in slices of the full run's size, in the caller's transaction. */
  private rescoreEveryone(now: number): number {
    let scored = 0;
    let after: string | null = '';
    while (after !== null) {
      const slice = rescoreSlice(this.stores, now, after, this.limits.fullRunSliceSupporters, () => false);
      scored += slice.scored;
      after = slice.next;
    }
    this.noteScoredAt(now);
    return scored;
  }

  /** Above `count` supporters and `bulkShare` of them all (counting supporters reads the whole table, so it is asked only then). */
  private isBulk(supporters: number, count: number): boolean {
    return supporters > count && supporters > this.stores.workspace.supporterCount() * this.limits.bulkShare;
  }

  private foldLimits(): { scanPageRows: number; heldRollupsMax: number } {
    return { scanPageRows: this.limits.scanPageRows, heldRollupsMax: this.limits.heldRollupsMax };
  }

  private maxAsOf(): number {
    return Number(this.stores.meta.get(META_MAX_AS_OF) ?? 0);
  }

  private noteScoredAt(now: number): void {
    if (now > this.maxAsOf()) this.stores.meta.set(META_MAX_AS_OF, String(now));
  }
}
