import type { SegmentationSummary } from '../../../shared/contract/apiTypes';
import type { ChangeObserver, CrmCore } from '../crmCore';
import type { BatchOutcome } from '../ingest/applyChangeBatch';
import type { InsertedActivities } from '../ingest/insertedActivities';
import type { ScoreRow, SupporterEngineState } from '../store/scoreStore';
import { ENGINE_VERSION } from './engineVersion';
import { buildSupporterRollup } from './rollup/buildSupporterRollup';
import { emptyRollup, type RollupActivity, type SupporterRollup } from './rollup/supporterRollup';
import { SupporterRollupBuilder } from './rollup/supporterRollupBuilder';
import { scoreSignature } from './score/scoreSignature';
import { scoreSupporter } from './score/scoreSupporter';
import { summarizeActivities } from './score/summarizeActivities';
import { summarizeRollup } from './score/summarizeRollup';

/** What the engine needs of the core; a narrow type keeps tests free to pass a real core only. */
export type EngineCore = Pick<CrmCore, 'db' | 'stores' | 'clock'>;

export const META_ENGINE_VERSION = 'engineVersion';
export const META_LAST_FULL_RUN = 'lastFullSegmentationAt';
/** Highest activity rowid already folded into the rollups. */
const META_WATERMARK = 'engineActivityWatermark';
/** An upper bound of every stored score's `asOf`; above `now` means a backtest reads an earlier moment. */
const META_MAX_AS_OF = 'engineScoresMaxAsOf';

/**
 * Limits for catching up inside an ingest transaction. A sync page or a small import is folded at
 * once; a bulk import (say, a time-sorted history touching thousands of supporters per batch) is
 * left for one pass at the next read or timer tick, so each supporter is written once, not per batch.
 */
const IMMEDIATE_MAX_NEW_ROWS = 20_000;
const IMMEDIATE_MAX_PENDING = 5_000;
const IMMEDIATE_MAX_SUPPORTERS = 2_000;
const SCAN_PAGE_ROWS = 100_000;
/** Bounds memory while folding millions of rows: builders are written out and started afresh. */
const FLUSH_BUILDERS_AT = 20_000;
/** Folded rollups kept in memory for the rescore that follows; above this the rescore reads them back. */
const KEEP_FOLDED_ROLLUPS_MAX = 10_000;

/** What a fold wrote: every supporter, and their rollups while few enough to keep. */
interface FoldResult {
  supporterIds: Set<string>;
  rollups: Map<string, SupporterRollup | null> | null;
  /**
   * A batch's fold (rows in hand) reads each supporter's whole row once and leaves the rollups it
   * built for the rescore to write with the score, in one statement per supporter: these are the
   * rows it read, and the supporters whose rollup is still to be written.
   */
  states?: Map<string, SupporterEngineState>;
  unwritten: Set<string>;
}
/** Above this share of supporters, one scan of all activity beats per-supporter queries. */
const BULK_SHARE = 0.2;
/**
 * Supporters per slice of a full run in slices. Measured at 100,000 supporters on a shared 2-core
 * machine: a slice of 1,000 takes about 3 ms when few scores change (the usual daily run) and
 * 15–25 ms when every score is rewritten; per-slice overhead (three range reads and a commit)
 * is about 1 ms, so smaller slices would cost throughput for little gain.
 */
export const FULL_RUN_SLICE_SUPPORTERS = 1_000;

export interface SlicedRunOptions {
  /** Awaited between slices; a host passes a yield to its event loop (`yieldToEventLoop`). */
  pause: () => Promise<void>;
  /** Supporters per slice (tests use a handful to get many slices out of a small workspace). */
  sliceSize?: number;
  /** Abandons the run at the next pause, before its completion is recorded (a stopping scheduler). */
  signal?: AbortSignal;
}

export interface CatchUpReport {
  /** Supporters whose scores were recomputed. */
  rescored: number;
  deferred: boolean;
}

/**
 * Keeps the derived tables (rollups, scores) equal to what the engine would compute from raw
 * activity at `now`:
 * - after each applied batch (as a `ChangeObserver`) it folds the new rows into the touched
 *   supporters' rollups and rescores only them;
 * - before every read (`ensureCurrent`) it also rescores supporters whose stored score reached its
 *   edge (time alone moved them, e.g. into dormant) or was computed at a later `now` (a backtest);
 * - `runFull` rescores everyone from rollups (the daily run); an engine version change rebuilds
 *   the rollups from raw activity first. A long-running host uses `runFullInSlices`, the same run
 *   in slices of supporters that yield to its event loop in between.
 */
export class SegmentationService implements ChangeObserver {
  readonly name = 'segmentation';

  /** Sliced full runs, one after another (see `runFullInSlices`). */
  private fullRunQueue: Promise<void> = Promise.resolve();

  constructor(private readonly core: EngineCore) {}

  afterBatch(outcome?: BatchOutcome): void {
    if (!this.isVersionCurrent()) return;
    const { engineInput, rollups } = this.core.stores;
    if (engineInput.maxActivityRowid() - this.watermark() > IMMEDIATE_MAX_NEW_ROWS) return;
    if (rollups.pendingCount() > IMMEDIATE_MAX_PENDING) return;
    this.catchUp(this.core.clock(), IMMEDIATE_MAX_SUPPORTERS, outcome?.insertedActivities);
  }

  /** Brings every stored score up to date for a read at `now`; returns how many supporters were rescored. */
  ensureCurrent(now: number): number {
    return this.core.db.transaction(() => {
      if (!this.isVersionCurrent()) return this.rebuildEverything(now);
      let rescored = this.catchUp(now).rescored;
      const { scores, meta } = this.core.stores;
      const maxAsOf = Number(meta.get(META_MAX_AS_OF) ?? 0);
      const stale = new Set(scores.dueAt(now));
      if (maxAsOf > now) for (const supporterId of scores.scoredAfter(now)) stale.add(supporterId);
      if (stale.size > 0) rescored += this.rescore(stale, now);
      if (maxAsOf > now) meta.set(META_MAX_AS_OF, String(now));
      return rescored;
    })();
  }

  /**
   * The full re-segmentation (SPEC §9): every supporter rescored at `now` from the rollups, in one
   * transaction and without yielding (the CLI, tests, a scheduler with no pause).
   */
  runFull(now: number, sliceSize = FULL_RUN_SLICE_SUPPORTERS): SegmentationSummary {
    return this.core.db.transaction(() => {
      const steps = this.fullRunSteps(now, sliceSize);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    })();
  }

  /**
   * The same full re-segmentation for a long-running host: each slice of supporters is its own
   * short transaction, and `pause` is awaited between slices so other requests (reads, applied
   * batches) are answered meanwhile. A score written between slices by such a request is at least
   * as current as the run's, so the run leaves it be; the completion (`lastFullSegmentationAt`) is
   * recorded only after the last slice, so a run cut short is redone at the next start. Runs
   * requested while one is under way wait for it, one at a time.
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
    const steps = this.fullRunSteps(now, options.sliceSize ?? FULL_RUN_SLICE_SUPPORTERS);
    const nextStep = this.core.db.transaction(() => steps.next());
    for (;;) {
      options.signal?.throwIfAborted();
      // The host may have closed the cache meanwhile (shutdown, or a damaged file being replaced).
      if (!this.core.db.open) throw new Error('The cache was closed during a full re-segmentation');
      const step = nextStep();
      if (step.done) return step.value;
      await options.pause();
    }
  }

  /**
   * A full run as steps: each `yield` is a point where the database is consistent and another
   * request may run. The caller decides what a step's transaction is and whether to pause.
   */
  private *fullRunSteps(now: number, sliceSize: number): Generator<void, SegmentationSummary, void> {
    const { meta, scores } = this.core.stores;
    if (!this.isVersionCurrent()) {
      // Not sliced: the rollups are rebuilt by one scan of all activity in rowid order, which a
      // range of supporters cannot split. It happens once per engine version.
      this.rebuildEverything(now);
    } else {
      this.catchUp(now);
      // Scores computed at a later `now` before the run began (a backtest reads an earlier
      // moment) are rewritten; any other score found ahead of `now` was written during the run.
      const aheadAtStart = Number(meta.get(META_MAX_AS_OF) ?? 0) > now ? new Set(scores.scoredAfter(now)) : new Set<string>();
      // Supporter ids are non-empty strings, so every one of them sorts after ''.
      let after: string | null = '';
      while (after !== null) {
        yield;
        after = this.rescoreSlice(now, after, sliceSize, aheadAtStart);
      }
    }
    yield;
    meta.set(META_LAST_FULL_RUN, new Date(now).toISOString());
    return { computedAt: new Date(now).toISOString(), segments: scores.segmentCounts() };
  }

  /** Rebuilds rollups from raw activity and rescores everyone; what an engine version change does. */
  rebuildEverything(now: number): number {
    return this.core.db.transaction(() => {
      const { rollups, scores, meta, engineInput } = this.core.stores;
      scores.clearWithRollups();
      rollups.clearPending();
      rollups.clearFreedRowids();
      const maxRowid = engineInput.maxActivityRowid();
      this.foldRows(0, maxRowid, new Set(), { freshRollups: true });
      meta.set(META_WATERMARK, String(maxRowid));
      meta.set(META_MAX_AS_OF, '0');
      const rescored = this.rescoreAll(now);
      meta.set(META_ENGINE_VERSION, String(ENGINE_VERSION));
      return rescored;
    })();
  }

  /** The earliest moment a stored score changes with no new data (for the scheduler's timer). */
  nextEdgeAt(): number | null {
    return this.core.stores.scores.nextEdgeAt();
  }

  isVersionCurrent(): boolean {
    return this.core.stores.meta.get(META_ENGINE_VERSION) === String(ENGINE_VERSION);
  }

  /**
   * Folds everything applied since the last catch-up: rows above the watermark, rows at freed
   * rowids (reused after a delete), and the supporters the triggers queued. With `maxSupporters`,
   * gives up before writing anything when the backlog touches more supporters than that.
   */
  private catchUp(now: number, maxSupporters?: number, inserted?: InsertedActivities): CatchUpReport {
    const { engineInput, rollups, meta } = this.core.stores;
    const watermark = this.watermark();
    const maxRowid = engineInput.maxActivityRowid();
    const pending = rollups.pending();
    const freed = rollups.freedRowids();
    if (pending.length === 0 && freed.length === 0 && maxRowid <= watermark) return { rescored: 0, deferred: false };

    const rebuild = new Set<string>();
    const touched = new Set<string>();
    const queued = new Set<string>();
    for (const { supporterId, rebuild: needsRebuild } of pending) {
      touched.add(supporterId);
      queued.add(supporterId);
      if (needsRebuild) rebuild.add(supporterId);
    }
    for (const owner of engineInput.ownersOfRowids(freed)) rebuild.add(owner);

    // Inside an ingest transaction, a large rebuild waits for the next read or tick like any bulk backlog.
    if (maxSupporters !== undefined && rebuild.size > maxSupporters) return { rescored: 0, deferred: true };
    // (Counting supporters reads the whole table, so it is asked only when the answer can matter.)
    if (maxSupporters === undefined && rebuild.size > 5_000 && rebuild.size > this.core.stores.workspace.supporterCount() * BULK_SHARE) {
      // Many changed or deleted records: one scan of everything is cheaper than a query per supporter.
      return { rescored: this.rebuildEverything(now), deferred: false };
    }

    // After an applied batch the new rows are usually exactly the ones it inserted: no read-back.
    const inHand = inserted?.coversExactly(watermark, maxRowid) === true ? inserted : undefined;
    const fold = this.foldRows(watermark, maxRowid, rebuild, { freshRollups: false, maxSupporters, inHand });
    if (fold === null) return { rescored: 0, deferred: true };
    // Any rollup still to be written has its supporter in `known` (see FoldResult).
    for (const supporterId of fold.supporterIds) touched.add(supporterId);
    // A stored fan club flag is current unless its supporter is queued (a changed or deleted
    // supporter is), and a supporter never scored may not exist: those are read with the
    // supporters table by the rescore.
    for (const [supporterId, state] of fold.states ?? []) {
      if (state.score === null || queued.has(supporterId)) fold.states?.delete(supporterId);
    }
    const known = fold.rollups ?? new Map<string, SupporterRollup | null>();
    for (const supporterId of rebuild) {
      const activities = engineInput.activitiesOf(supporterId);
      if (activities.length === 0) {
        rollups.delete(supporterId);
        known.set(supporterId, null);
      } else {
        const rollup = buildSupporterRollup(supporterId, activities);
        rollups.upsert(rollup, ENGINE_VERSION);
        known.set(supporterId, rollup);
      }
      touched.add(supporterId);
    }
    meta.set(META_WATERMARK, String(maxRowid));
    rollups.clearPending();
    rollups.clearFreedRowids();
    return { rescored: this.rescore(touched, now, known, fold), deferred: false };
  }

  /**
   * Folds activity rows with rowid in (afterRowid, upToRowid] into their supporters' rollups,
   * skipping supporters in `skip` (rebuilt from raw instead). Returns the supporters folded, or
   * null when `maxSupporters` was exceeded (nothing written then).
   */
  private foldRows(
    afterRowid: number,
    upToRowid: number,
    skip: ReadonlySet<string>,
    options: { freshRollups: boolean; maxSupporters?: number; inHand?: InsertedActivities },
  ): FoldResult | null {
    const { engineInput, rollups } = this.core.stores;
    const builders = new Map<string, SupporterRollupBuilder>();
    const folded: FoldResult = { rollups: new Map(), supporterIds: new Set(), unwritten: new Set() };
    // One object reused for every row: this loop runs millions of times on a rebuild.
    const activity: RollupActivity = { id: null, type: 'chat_message', at: 0, tokens: 0, minutes: null, online: null, listingId: null };
    // The rollups to extend, read in one query per page (a fresh rebuild has none, except those
    // this pass already flushed).
    const readBases = (supporterIds: Iterable<string>) => {
      const newcomers = new Set<string>();
      for (const supporterId of supporterIds) {
        if (!builders.has(supporterId) && !skip.has(supporterId) && (!options.freshRollups || folded.supporterIds.has(supporterId))) newcomers.add(supporterId);
      }
      return rollups.getMany([...newcomers]);
    };
    const builderOf = (supporterId: string, bases: Map<string, SupporterRollup>) => {
      let builder = builders.get(supporterId);
      if (builder === undefined) {
        builder = new SupporterRollupBuilder(supporterId, bases.get(supporterId));
        builders.set(supporterId, builder);
      }
      return builder;
    };
    if (options.inHand !== undefined) {
      // A batch's own rows, already in memory and in rowid order. Each supporter's stored row
      // (rollup, score, the fan club flag it was computed with) is read once here, for the fold
      // and for the rescore after it.
      const inserted = options.inHand.rows;
      const supporterIds = new Set<string>();
      for (const row of inserted) if (!skip.has(row.supporterId)) supporterIds.add(row.supporterId);
      folded.states = this.core.stores.scores.storedStates([...supporterIds]);
      const bases = new Map<string, SupporterRollup>();
      for (const [supporterId, state] of folded.states) if (state.rollup) bases.set(supporterId, state.rollup);
      for (const row of inserted) if (!skip.has(row.supporterId)) builderOf(row.supporterId, bases).add(row);
      if (options.maxSupporters !== undefined && builders.size > options.maxSupporters) return null;
      // Every rollup stays in `folded.rollups` (at most one per row of the batch) until the rescore writes it.
      this.writeBuilders(builders, upToRowid, folded, builders.size <= KEEP_FOLDED_ROLLUPS_MAX);
      return folded;
    }
    let cursor = afterRowid;
    while (cursor < upToRowid) {
      const rows = engineInput.scanActivities(cursor, upToRowid, SCAN_PAGE_ROWS);
      if (rows.length === 0) break;
      const bases = readBases(rows.map((row) => row[1]));
      for (const row of rows) {
        const supporterId = row[1];
        if (skip.has(supporterId)) continue;
        activity.type = row[2];
        activity.at = row[3];
        activity.tokens = row[4];
        activity.minutes = row[5];
        activity.online = row[6] === null ? null : row[6] === 1;
        activity.listingId = row[7];
        activity.id = row[8];
        builderOf(supporterId, bases).add(activity);
      }
      cursor = (rows.at(-1) as (typeof rows)[number])[0];
      if (options.maxSupporters !== undefined && builders.size > options.maxSupporters) return null;
      if (builders.size >= FLUSH_BUILDERS_AT) this.writeBuilders(builders, cursor, folded);
    }
    this.writeBuilders(builders, upToRowid, folded);
    return folded;
  }

  /** Finishes the builders' rollups and writes them, or with `defer` leaves them in `folded` for the rescore to write. */
  private writeBuilders(builders: Map<string, SupporterRollupBuilder>, upToRowid: number, folded: FoldResult, defer = false): void {
    const { engineInput, rollups } = this.core.stores;
    for (const [supporterId, builder] of builders) {
      const lastCreatorMessageAt = builder.latestCreatorMessageAt;
      const recount =
        builder.needsUnreadRecount && lastCreatorMessageAt !== null
          ? engineInput.countChatsAfter(supporterId, lastCreatorMessageAt, upToRowid)
          : undefined;
      const rollup = builder.finish(recount);
      if (defer) folded.unwritten.add(supporterId);
      else rollups.upsert(rollup, ENGINE_VERSION);
      folded.supporterIds.add(supporterId);
      // A bulk fold is rescored from the stored rollups in one pass: holding every rollup in
      // memory until then would cost hundreds of MB at creator scale.
      if (folded.rollups !== null) {
        folded.rollups.set(supporterId, rollup);
        if (folded.rollups.size > KEEP_FOLDED_ROLLUPS_MAX) folded.rollups = null;
      }
    }
    builders.clear();
  }

  /**
   * Rescores the given supporters at `now`, with rollups the caller already holds (`known`; null
   * for a supporter whose activity is all gone) and the rest read in one query; drops the scores
   * of supporters that no longer exist. A fold's rows already read are reused, and its rollups
   * still unwritten are written here, each with its supporter's score.
   */
  private rescore(
    supporterIds: ReadonlySet<string>,
    now: number,
    known?: ReadonlyMap<string, SupporterRollup | null>,
    fold?: Pick<FoldResult, 'states' | 'unwritten'>,
  ): number {
    if (supporterIds.size === 0) return 0;
    const { rollups, scores } = this.core.stores;
    const unwritten = fold?.unwritten ?? new Set<string>();
    const rollupWrite = (supporterId: string) => {
      const rollup = unwritten.has(supporterId) ? known?.get(supporterId) : undefined;
      return rollup ? { rollup, engineVersion: ENGINE_VERSION } : undefined;
    };
    if (supporterIds.size > 10_000 && supporterIds.size > this.core.stores.workspace.supporterCount() * BULK_SHARE) {
      for (const supporterId of unwritten) {
        const write = rollupWrite(supporterId);
        if (write) rollups.upsert(write.rollup, write.engineVersion);
      }
      return this.rescoreAll(now);
    }
    const ids = [...supporterIds];
    // The fold's map is this batch's own: extended in place rather than copied.
    const current = fold?.states ?? new Map<string, SupporterEngineState>();
    for (const [supporterId, state] of scores.supportersWithScores(ids.filter((supporterId) => !current.has(supporterId)))) {
      current.set(supporterId, state);
    }
    const loaded = rollups.getMany(
      ids.filter((supporterId) => current.has(supporterId) && current.get(supporterId)?.rollup === undefined && !known?.has(supporterId)),
    );
    let rescored = 0;
    for (const supporterId of ids) {
      const state = current.get(supporterId);
      const write = rollupWrite(supporterId);
      // With no score to write over, the rollup goes in on its own (its row may not exist yet).
      const withScore = state?.score ?? null;
      if (write && withScore === null) rollups.upsert(write.rollup, write.engineVersion);
      if (state === undefined) {
        scores.delete(supporterId);
        continue;
      }
      const rollup = known?.has(supporterId) ? (known.get(supporterId) ?? null) : (state.rollup ?? loaded.get(supporterId) ?? null);
      scores.write(this.scoreRow(supporterId, state.fanClubActive, rollup, now), withScore, withScore === null ? undefined : write);
      rescored += 1;
    }
    this.noteScoredAt(now);
    return rescored;
  }

  /**
   * Rescores every supporter at `now` from the rollups, read in sequential passes rather than a
   * join. A row whose signature (values and edge) comes out the same is left alone: its stored
   * validity [asOf, edgeAt) already covers `now`, and skipping it spares the writes to every tab index.
   */
  private rescoreAll(now: number): number {
    const { rollups, scores, engineInput } = this.core.stores;
    this.rescoreFrom(now, engineInput.fanClubActiveBySupporter(), rollups.iterateAll(), scores.signatures(now), new Set());
    return this.core.stores.workspace.supporterCount();
  }

  /**
   * One slice of a full run: the next `limit` supporters after `after` in id order, with the
   * rollups and scores in that id range (orphan scores included). Returns where the next slice
   * starts, or null after the last one. A score ahead of `now` that was not so when the run began
   * came from a request answered between slices, with data at least as new: it is kept.
   */
  private rescoreSlice(now: number, after: string, limit: number, aheadAtStart: ReadonlySet<string>): string | null {
    const { rollups, scores, engineInput } = this.core.stores;
    const fanClubActive = engineInput.fanClubActiveAfter(after, limit);
    // A short slice is the last: its range is open-ended, so it also meets orphan scores past the last supporter.
    const upTo = fanClubActive.size < limit ? null : ([...fanClubActive.keys()].at(-1) ?? null);
    const stored = new Map<string, number | null>();
    const keep = new Set<string>();
    for (const [supporterId, asOf, signature] of scores.signaturesBetween(after, upTo)) {
      if (asOf <= now) stored.set(supporterId, signature);
      else {
        stored.set(supporterId, null);
        if (!aheadAtStart.has(supporterId)) keep.add(supporterId);
      }
    }
    this.rescoreFrom(now, fanClubActive, rollups.between(after, upTo), stored, keep);
    return upTo;
  }

  /**
   * Scores the supporters in `fanClubActive` (consumed) from `rollups` (a supporter with none has no
   * activity: cold) and writes the rows whose signature differs from `stored` (null: rewrite
   * whatever it is), except those in `keep`. Scores left in `stored` belong to no supporter and
   * are deleted. Rows are computed while the rollups stream by and written after, since SQLite
   * cannot write while this connection iterates; only changed rows are held.
   */
  private rescoreFrom(
    now: number,
    fanClubActive: Map<string, boolean>,
    rollups: Iterable<SupporterRollup>,
    stored: Map<string, number | null>,
    keep: ReadonlySet<string>,
  ): void {
    const { scores } = this.core.stores;
    const changed: ScoreRow[] = [];
    const consider = (supporterId: string, active: boolean, rollup: SupporterRollup | null) => {
      const previous = stored.get(supporterId);
      stored.delete(supporterId);
      if (keep.has(supporterId)) return;
      const row = this.scoreRow(supporterId, active, rollup, now);
      if (previous !== row.signature) changed.push(row);
    };
    for (const rollup of rollups) {
      const active = fanClubActive.get(rollup.supporterId);
      if (active === undefined) continue; // activity of a supporter the platform has not sent (yet)
      consider(rollup.supporterId, active, rollup);
      fanClubActive.delete(rollup.supporterId);
    }
    // Supporters with no activity at all: cold, but every supporter has a score.
    for (const [supporterId, active] of fanClubActive) consider(supporterId, active, null);
    for (let start = 0; start < changed.length; start += 10_000) {
      const slice = changed.slice(start, start + 10_000);
      const previous = scores.getMany(slice.map((row) => row.supporterId));
      for (const row of slice) scores.write(row, previous.get(row.supporterId) ?? null);
    }
    for (const orphan of stored.keys()) scores.delete(orphan);
    this.noteScoredAt(now);
  }

  private scoreRow(supporterId: string, fanClubActive: boolean, storedRollup: SupporterRollup | null, now: number): ScoreRow {
    const rollup = storedRollup ?? emptyRollup(supporterId);
    // A rollup answers only for now ≥ its latest record; an earlier now reads raw activity.
    const summary =
      rollup.maxAt !== null && rollup.maxAt > now
        ? summarizeActivities(supporterId, this.core.stores.engineInput.activitiesOf(supporterId), now)
        : summarizeRollup(rollup, now);
    const score = scoreSupporter(summary, fanClubActive, now);
    const row: ScoreRow = {
      supporterId,
      engineVersion: ENGINE_VERSION,
      asOf: now,
      edgeAt: summary.nextChangeAt,
      segment: score.segment,
      online: summary.online,
      lifetimeTokens: summary.lifetimeTokens,
      monthlyTokens: summary.monthlyTokens,
      lastActivityAt: summary.lastActivityAt,
      firstPurchaseAt: summary.firstPurchaseAt,
      unreadCount: summary.unreadCount,
      lastCreatorMessageAt: summary.lastCreatorMessageAt,
      registeredListingIds: summary.registeredListingIds,
      conversionProbability: score.conversionProbability,
      priorityScore: score.priorityScore,
      signature: 0,
      fanClubActive,
    };
    row.signature = scoreSignature(row);
    return row;
  }

  private watermark(): number {
    return Number(this.core.stores.meta.get(META_WATERMARK) ?? 0);
  }

  private noteScoredAt(now: number): void {
    const { meta } = this.core.stores;
    if (now > Number(meta.get(META_MAX_AS_OF) ?? 0)) meta.set(META_MAX_AS_OF, String(now));
  }
}

const services = new WeakMap<EngineCore, SegmentationService>();
const installed = new WeakSet<CrmCore>();

/** The one segmentation service of a core (it keeps no state of its own beyond the database). */
export function segmentationFor(core: EngineCore): SegmentationService {
  let service = services.get(core);
  if (service === undefined) {
    service = new SegmentationService(core);
    services.set(core, service);
  }
  return service;
}

/** Registers the service as a change observer once per core, so every applied batch is folded at once. */
export function installSegmentation(core: CrmCore): SegmentationService {
  const service = segmentationFor(core);
  if (!installed.has(core)) {
    installed.add(core);
    // A new workspace has nothing to rebuild: marking the engine current now lets the first import
    // or sync be folded batch by batch, instead of leaving millions of rows for one long pass at
    // the first read.
    if (!service.isVersionCurrent() && core.stores.engineInput.maxActivityRowid() === 0) service.rebuildEverything(core.clock());
    core.addObserver(service);
  }
  return service;
}

