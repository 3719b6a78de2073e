import type { HotLeadPrecision, ModelBacktest, ModelParameters, ModelQuality } from '../../../shared/domain/modelQuality';
import type { SupporterClv } from '../../../shared/domain/supporterProfile';
import { DAY_MS } from '../time/timeUnits';
import { latestDailyRunAt } from '../time/latestDailyRunAt';
import { segmentAtMoment, VIP_LIFETIME_TOKENS } from '../engine/segmentAtMoment';
import type { ClvSort, ClvStore, StoredClvFit, StoredSupporterClv } from '../store/clvStore';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { InboxRow } from '../engine/inbox/inboxRow';
import { backtestSupporterColumns } from './backtestSupporterColumns';
import { createLocalDayKey } from './createLocalDayKey';
import { explainSupporterClv } from './explainSupporterClv';
import { FORECAST_DAYS, fitSupporterColumns, type SupporterPredictionColumns } from './fitSupporterColumns';
import { HotLeadTally } from './hotLeadTally';
import { MS_PER_DAY } from './summariseSupporterPurchases';
import { RECENT_WINDOW_MS, wasHotLeadFromCounts } from './wasHotLeadFromCounts';
import { foldStoredPurchases, PURCHASE_SLICE_ROWS } from './foldStoredPurchases';
import type { FoldedPurchases, PurchaseFoldMoments } from './supporterPurchaseFolder';

/** Hot Lead precision looks at the Hot Leads of this long ago and what they did since. */
const HOT_LEAD_LOOKBACK_MS = 7 * DAY_MS;
/** Supporters whose recent activity is read per slice of the Hot Lead check. */
const HOT_LEAD_SLICE_SUPPORTERS = 5_000;

/** What the customer-base model service is given by the composition root. */
export interface ClvDependencies {
  stores: { clv: ClvStore; workspace: WorkspaceStore };
  /** When the last daily full segmentation completed (epoch ms), or null before the first: a fit older than it is stale. */
  lastFullRunAt: () => number | null;
  /** False once the cache is closed: a refit in slices stops then. */
  isOpen: () => boolean;
  /** A monotonic millisecond timer for the fit's duration (never the engine's clock). */
  timer?: () => number;
  /** How much a refit in slices reads per slice (tests make them small); creator-scale defaults otherwise. */
  slices?: { purchaseRows?: number; hotLeadSupporters?: number };
}

/** What a refit in slices needs from its host (see `refitInSlices`). */
export interface SlicedRefitOptions {
  /** Awaited between slices (a host passes `yieldToEventLoop`). */
  pause: () => Promise<void>;
  /** Stops the refit at the next slice; the stored fit is left as it was. */
  signal?: AbortSignal;
}

/**
 * The customer-base models made real for the creator (issue 7): fits BG/NBD and gamma-gamma on
 * the creator's own supporters (purchase = a local calendar day with tokens > 0; time in days),
 * stores each supporter's figures with the parameters and the fit time, and answers the profile,
 * the All tab's model orders and the model-quality report.
 *
 * When it refits:
 * - after each daily full segmentation (the engine scheduler calls `refitAfterSegmentation`);
 * - on demand (`model.quality` with `refit`);
 * - lazily before a read, when the stored fit is missing, from a later `now` than the read (a
 *   backtest or `--now` in the past: figures must only use what was known then), older than the
 *   latest daily run time, or older than the last full segmentation.
 * Between refits the figures are those of the fit; the profile's explanation says so when the
 * supporter bought again since.
 *
 * A refit's memory does not grow with the activity table: purchases are read in slices from their
 * own index (by supporter and time), folded one supporter at a time into typed columns (their
 * summaries at now and at the backtest's cutoff, predictions: about 120 bytes a supporter with a
 * purchase), and the Hot Lead check holds one slice of supporters' counts at a time. Per-supporter
 * data lives in typed arrays rather than an object each, because objects that live for the whole
 * refit are promoted to the old generation and, back to back, refits piled them up as garbage.
 * Nothing outlives a refit.
 */
export class ClvService {
  /** Refits in slices under way: a read meanwhile takes the stored fit rather than refitting too. */
  private slicedRefits = 0;

  private readonly stores: ClvDependencies['stores'];
  private readonly timer: () => number;

  constructor(private readonly dependencies: ClvDependencies) {
    this.stores = dependencies.stores;
    this.timer = dependencies.timer ?? (() => performance.now());
  }

  /** Fits the models at `now` from the activity known then and stores the results. Never throws for data reasons. */
  refit(now: number): StoredClvFit {
    const steps = this.refitSteps(now);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same refit for a long-running host: the long reads go in slices with `pause` awaited in
   * between, so requests are answered meanwhile: folding the purchases is done a slice of rows at a
   * time, the Hot Lead check a slice of supporters at a time; the fit and the final write are one
   * step each. Purchases are read up to the last activity sequence number at the start; a batch
   * applied between slices is left to the next refit, except that the Hot Lead check reads each
   * slice's week as it stands when that slice comes. The stored fit is replaced at the end, in one
   * transaction, so a read meanwhile sees the previous fit whole.
   */
  async refitInSlices(now: number, options: SlicedRefitOptions): Promise<StoredClvFit> {
    const steps = this.refitSteps(now);
    this.slicedRefits += 1;
    try {
      for (;;) {
        options.signal?.throwIfAborted();
        // The host may have closed the cache meanwhile (shutdown, or a damaged file being replaced).
        if (!this.dependencies.isOpen()) throw new Error('The cache was closed during a customer-base model refit');
        const step = steps.next();
        if (step.done) return step.value;
        await options.pause();
      }
    } finally {
      this.slicedRefits -= 1;
    }
  }

  /** The refit as steps: each `yield` is a point where another request may run. */
  private *refitSteps(now: number): Generator<void, StoredClvFit, void> {
    const started = this.timer();
    const { clv } = this.stores;
    const moments: PurchaseFoldMoments = { now, cutoff: now - FORECAST_DAYS * MS_PER_DAY, hotLeadAt: now - HOT_LEAD_LOOKBACK_MS };
    const supporters = yield* this.foldPurchases(moments);
    yield;

    const fitStarted = this.timer();
    const fit = fitSupporterColumns(supporters.atNow, supporters.supporterIds);
    const fitMs = this.timer() - fitStarted;
    yield;

    const backtestResult = backtestSupporterColumns(supporters.atCutoff, supporters.holdoutPurchaseDays, now);
    const backtest: ModelBacktest =
      backtestResult.reason === null
        ? { cutoff: iso(backtestResult.cutoff), bins: backtestResult.bins.map((bin) => ({ ...bin })) }
        : { cutoff: iso(backtestResult.cutoff), notEnoughData: true, detail: backtestResult.detail };
    yield;

    const hotLeadPrecision = yield* this.hotLeadPrecision(supporters, moments.hotLeadAt);

    const parameters: ModelParameters | null =
      fit.models === null
        ? null
        : {
            bgnbd: pick(fit.models.bgnbd, ['r', 'alpha', 'a', 'b', 'logLikelihood']),
            gammaGamma: pick(fit.models.gammaGamma, ['p', 'q', 'gamma', 'logLikelihood']),
          };
    const stored: StoredClvFit = {
      fittedAt: now,
      fitMs,
      refitMs: 0,
      supportersFitted: supporters.supporterIds.length,
      repeatSupporters: supporters.atNow.purchaseDayCount.reduce((count, days) => (days >= 2 ? count + 1 : count), 0),
      parameters,
      detail: fit.models === null ? fit.detail : null,
      backtest,
      hotLeadPrecision,
    };
    clv.replace(stored, storedRows(supporters, fit.predictions));
    const refitMs = this.timer() - started;
    clv.setRefitMs(refitMs);
    return { ...stored, refitMs };
  }

  /**
   * Every supporter with a purchase by `now`, in id order, summarised for the fit, the backtest
   * and the Hot Lead check: read from the purchase index (migration 15) slice by slice, already by
   * supporter and time, and folded as they come (`foldStoredPurchases`).
   */
  private foldPurchases(moments: PurchaseFoldMoments): Generator<void, FoldedPurchases, void> {
    const { clv, workspace } = this.stores;
    const sliceRows = this.dependencies.slices?.purchaseRows ?? PURCHASE_SLICE_ROWS;
    return foldStoredPurchases(clv, moments, createLocalDayKey(workspace.creator()?.timezone ?? 'UTC'), sliceRows);
  }

  /** The stored fit, refitted first when it is stale for a read at `now` (see the class comment). */
  ensureFitted(now: number): StoredClvFit {
    const fit = this.stores.clv.fit();
    if (fit === null) return this.refit(now);
    if (!this.isStale(fit.fittedAt, now)) return fit;
    // A refit in slices is replacing it: doing the whole refit at once here would block the very
    // requests the slices make room for. A read at an earlier moment than the fit still refits.
    if (this.slicedRefits > 0 && fit.fittedAt <= now) return fit;
    return this.refit(now);
  }

  /** The scheduler's hook after a daily full segmentation: refits, and logs rather than throws. */
  refitAfterSegmentation(now: number, log: RefitLog = () => undefined): void {
    try {
      logRefit(this.refit(now), log);
    } catch (error) {
      logRefitFailure(error, log);
    }
  }

  /** The same hook for a long-running host, the refit in slices (`refitInSlices`); an aborted refit is not logged. */
  async refitInSlicesAfterSegmentation(now: number, options: SlicedRefitOptions, log: RefitLog = () => undefined): Promise<void> {
    try {
      logRefit(await this.refitInSlices(now, options), log);
    } catch (error) {
      if (options.signal?.aborted !== true) logRefitFailure(error, log);
    }
  }

  quality(now: number, options: { refit?: boolean } = {}): ModelQuality {
    const fit = options.refit === true ? this.refit(now) : this.ensureFitted(now);
    return {
      fittedAt: iso(fit.fittedAt),
      parameters: fit.parameters,
      detail: fit.detail,
      fitMs: fit.fitMs,
      refitMs: fit.refitMs,
      supportersFitted: fit.supportersFitted,
      repeatSupporters: fit.repeatSupporters,
      backtest: fit.backtest,
      hotLeadPrecision: fit.hotLeadPrecision,
    };
  }

  /** The profile's `clv`: null when no model could be fitted on this workspace. */
  supporterClv(supporterId: string, now: number): SupporterClv | null {
    const fit = this.ensureFitted(now);
    if (fit.parameters === null) return null;
    const { clv } = this.stores;
    return explainSupporterClv({
      stored: clv.supporter(supporterId),
      lastPurchaseAt: clv.lastPurchaseAt(supporterId, now),
      fittedAt: fit.fittedAt,
      now,
    });
  }

  /** One page of the All tab in a model order (the caller brought the engine's scores up to date). */
  allTabPage(sort: ClvSort, options: { now: number; limit: number; offset: number; search?: string }): InboxRow[] {
    this.ensureFitted(options.now);
    return this.stores.clv.allTabPage(sort, options);
  }

  /**
   * Last week's Hot Leads: every supporter who could have been one at now − 7 d (some activity in
   * the 7 days before; SPEC §4) is scored at that moment by the engine's own functions — their
   * activity up to then, folded, summarised and scored as the stored scores are — then checked for
   * a purchase since.
   *
   * Candidates whose purchases had already reached the VIP threshold by then are skipped: the VIP
   * rule comes first (SPEC §4), so the engine cannot have called them Hot Leads. Lifetime spend at
   * that moment is the sum of their purchases up to it (tokens are never negative), from the
   * purchases folded. The others come a slice of supporters at a time with their week before
   * that moment counted by SQLite (`recentActivityAfter`: one row a supporter, not one an
   * activity), which decides almost all of them (`wasHotLeadFromCounts`); a supporter those counts
   * leave undecided — lifetime gifts, an older presence record or an older match could tip them
   * over the threshold — gets those three read from their whole history, and in the rare case that
   * still leaves it open, their whole history is scored by `segmentAtMoment`.
   */
  private *hotLeadPrecision(supporters: FoldedPurchases, at: number): Generator<void, HotLeadPrecision | null, void> {
    const { clv } = this.stores;
    const tokensByThen = new Map<string, number>();
    const spenders = new Set<string>();
    supporters.supporterIds.forEach((supporterId, i) => {
      tokensByThen.set(supporterId, supporters.tokensByHotLeadAt[i] ?? 0);
      if (supporters.boughtAfterHotLeadAt[i] === 1) spenders.add(supporterId);
    });
    const fanClub = new Set(clv.fanClubMembers());
    const tally = new HotLeadTally(spenders);
    const window = { from: at - RECENT_WINDOW_MS, to: at };
    const sliceSupporters = this.dependencies.slices?.hotLeadSupporters ?? HOT_LEAD_SLICE_SUPPORTERS;
    let after = '';
    for (;;) {
      const slice = clv.recentActivityAfter(after, sliceSupporters, window);
      for (const recent of slice) {
        const [supporterId, activities] = recent;
        const lifetimeTokens = tokensByThen.get(supporterId) ?? 0;
        if (activities === 0 || lifetimeTokens >= VIP_LIFETIME_TOKENS) continue;
        const fanClubActive = fanClub.has(supporterId);
        const wasHotLead =
          wasHotLeadFromCounts(recent, lifetimeTokens, fanClubActive, at) ??
          wasHotLeadFromCounts(recent, lifetimeTokens, fanClubActive, at, clv.lifetimeFactsAt(supporterId, at)) ??
          segmentAtMoment(supporterId, clv.activitiesUpTo(supporterId, at), fanClubActive, at) === 'hot_lead';
        tally.addVerdict(supporterId, wasHotLead);
      }
      const last = slice.at(-1);
      if (last === undefined || slice.length < sliceSupporters) break;
      after = last[0];
      yield;
    }
    return tally.precision();
  }

  private isStale(fittedAt: number, now: number): boolean {
    if (fittedAt > now) return true;
    if (fittedAt < latestDailyRunAt(now)) return true;
    const lastFullRun = this.dependencies.lastFullRunAt();
    return lastFullRun !== null && lastFullRun > fittedAt && lastFullRun <= now;
  }
}

type RefitLog = (level: 'info' | 'error', message: string) => void;

function logRefit(fit: StoredClvFit, log: RefitLog): void {
  log('info', `Customer-base models refitted in ${Math.round(fit.refitMs)} ms${fit.parameters === null ? ` (not enough data: ${fit.detail ?? ''})` : ''}`);
}

function logRefitFailure(error: unknown, log: RefitLog): void {
  log('error', `Customer-base model refit failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Each supporter's stored figures, made as they are written rather than all at once. */
function* storedRows(supporters: FoldedPurchases, predictions: SupporterPredictionColumns | null): Generator<StoredSupporterClv> {
  for (const [i, supporterId] of supporters.supporterIds.entries()) {
    const scored = predictions?.scored[i] === 1;
    yield {
      supporterId,
      purchaseDays: supporters.atNow.purchaseDayCount[i] ?? 0,
      lastPurchaseAt: supporters.lastPurchaseAt[i] ?? 0,
      chanceActive: scored ? (predictions?.chanceActive[i] ?? null) : null,
      expectedPurchases30d: scored ? (predictions?.expectedPurchases30d[i] ?? null) : null,
      expectedTokens30d: scored ? (predictions?.expectedTokens30d[i] ?? null) : null,
    };
  }
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}
