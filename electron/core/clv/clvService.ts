import type { HotLeadPrecision, ModelBacktest, ModelParameters, ModelQuality } from '../../../shared/domain/modelQuality';
import type { SupporterClv } from '../../../shared/domain/supporterProfile';
import { DAY_MS } from '../engine/engineTime';
import type { RollupActivity } from '../engine/rollup/supporterRollup';
import { SupporterRollupBuilder } from '../engine/rollup/supporterRollupBuilder';
import { latestDailyRunAt } from '../engine/schedule/latestDailyRunAt';
import { VIP_LIFETIME_TOKENS } from '../engine/score/classifySegment';
import { META_LAST_FULL_RUN, type EngineCore } from '../engine/segmentationService';
import type { ClvSort, PurchaseRow, StoredClvFit, StoredSupporterClv } from '../store/clvStore';
import type { InboxRow } from '../store/scoreStore';
import { backtestSupporterModels } from './backtestSupporterModels';
import { createLocalDayKey } from './createLocalDayKey';
import { explainSupporterClv } from './explainSupporterClv';
import { fitSupporterModels } from './fitSupporterModels';
import { measureHotLeadPrecision, type HotLeadCandidate } from './measureHotLeadPrecision';
import { supporterPurchaseHistory } from './supporterPurchaseHistory';

/** Hot Lead precision looks at the Hot Leads of this long ago and what they did since. */
const HOT_LEAD_LOOKBACK_MS = 7 * DAY_MS;
/** A Hot Lead has activity in the 7 days before the moment scored (SPEC §4), so only those are candidates. */
const HOT_LEAD_ACTIVE_WINDOW_MS = 7 * DAY_MS;

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
 */
export class ClvService {
  constructor(
    private readonly core: EngineCore,
    /** A monotonic millisecond timer for the fit's duration (never the engine's clock). */
    private readonly timer: () => number = () => performance.now(),
  ) {}

  /** Fits the models at `now` from the activity known then and stores the results. Never throws for data reasons. */
  refit(now: number): StoredClvFit {
    const started = this.timer();
    const { clv, workspace } = this.core.stores;
    const dayKey = createLocalDayKey(workspace.creator()?.timezone ?? 'UTC');
    const purchases = clv.purchasesUpTo(now);
    const histories = supporterPurchaseHistory(purchases, now, dayKey);

    const fitStarted = this.timer();
    const fit = fitSupporterModels(histories, now);
    const fitMs = this.timer() - fitStarted;

    const backtestResult = backtestSupporterModels(histories, now);
    const backtest: ModelBacktest =
      backtestResult.reason === null
        ? { cutoff: iso(backtestResult.cutoff), bins: backtestResult.bins.map((bin) => ({ ...bin })) }
        : { cutoff: iso(backtestResult.cutoff), notEnoughData: true, detail: backtestResult.detail };

    const hotLeadPrecision = this.hotLeadPrecision(purchases, now);

    const parameters: ModelParameters | null =
      fit.models === null
        ? null
        : {
            bgnbd: pick(fit.models.bgnbd, ['r', 'alpha', 'a', 'b', 'logLikelihood']),
            gammaGamma: pick(fit.models.gammaGamma, ['p', 'q', 'gamma', 'logLikelihood']),
          };
    const rows: StoredSupporterClv[] = histories.map((history, i) => {
      const prediction = fit.supporters[i];
      const scored = prediction !== undefined && !prediction.notEnoughData ? prediction : null;
      return {
        supporterId: history.supporterId,
        purchaseDays: history.purchaseDays.length,
        lastPurchaseAt: history.lastPurchaseAt,
        chanceActive: scored?.chanceActive ?? null,
        expectedPurchases30d: scored?.expectedPurchases30d ?? null,
        expectedTokens30d: scored?.expectedTokens30d ?? null,
      };
    });
    const stored: StoredClvFit = {
      fittedAt: now,
      fitMs,
      refitMs: 0,
      supportersFitted: histories.length,
      repeatSupporters: histories.filter((history) => history.purchaseDays.length >= 2).length,
      parameters,
      detail: fit.models === null ? fit.detail : null,
      backtest,
      hotLeadPrecision,
    };
    clv.replace(stored, rows);
    const refitMs = this.timer() - started;
    clv.setRefitMs(refitMs);
    return { ...stored, refitMs };
  }

  /** The stored fit, refitted first when it is stale for a read at `now` (see the class comment). */
  ensureFitted(now: number): StoredClvFit {
    const fit = this.core.stores.clv.fit();
    return fit !== null && !this.isStale(fit.fittedAt, now) ? fit : this.refit(now);
  }

  /** The scheduler's hook after a daily full segmentation: refits, and logs rather than throws. */
  refitAfterSegmentation(now: number, log: (level: 'info' | 'error', message: string) => void = () => undefined): void {
    try {
      const fit = this.refit(now);
      log('info', `Customer-base models refitted in ${Math.round(fit.refitMs)} ms${fit.parameters === null ? ` (not enough data: ${fit.detail ?? ''})` : ''}`);
    } catch (error) {
      log('error', `Customer-base model refit failed: ${error instanceof Error ? error.message : String(error)}`);
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
    const { clv } = this.core.stores;
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
    return this.core.stores.clv.allTabPage(sort, options);
  }

  /**
   * Last week's Hot Leads: every supporter who could have been one at now − 7 d (some activity in
   * the 7 days before; SPEC §4) is scored at that moment by the engine's own functions — their
   * activity up to then folded by the rollup builder, summarised and scored, exactly what
   * `summarizeActivities` + `scoreSupporter` do — then checked for a purchase since.
   *
   * Reading every candidate's whole history is the expensive part of a refit, so candidates whose
   * purchases had already reached the VIP threshold by then are skipped: the VIP rule comes first
   * (SPEC §4), so the engine cannot have called them Hot Leads. Lifetime spend at that moment is
   * the sum of their purchases up to it (tokens are never negative), from the rows already read.
   */
  private hotLeadPrecision(purchases: readonly PurchaseRow[], now: number): HotLeadPrecision | null {
    const { clv, engineInput } = this.core.stores;
    const at = now - HOT_LEAD_LOOKBACK_MS;
    const lifetimeAt = new Map<string, number>();
    const spenders = new Set<string>();
    for (const [supporterId, purchasedAt, tokens] of purchases) {
      if (purchasedAt <= at) lifetimeAt.set(supporterId, (lifetimeAt.get(supporterId) ?? 0) + tokens);
      else if (purchasedAt <= now) spenders.add(supporterId);
    }
    const fanClub = engineInput.fanClubActiveBySupporter();
    const candidates = clv
      .activeBetween(at - HOT_LEAD_ACTIVE_WINDOW_MS, at)
      .filter((supporterId) => (lifetimeAt.get(supporterId) ?? 0) < VIP_LIFETIME_TOKENS);
    // One activity object reused for every row, as the engine's own fold does: this runs over
    // millions of rows on a large workspace.
    const activity: RollupActivity = { id: null, type: 'chat_message', at: 0, tokens: 0, minutes: null, online: null, listingId: null };
    return measureHotLeadPrecision(
      (function* (): Generator<HotLeadCandidate> {
        for (const supporterId of candidates) {
          const builder = new SupporterRollupBuilder(supporterId);
          for (const row of clv.activitiesUpTo(supporterId, at)) {
            activity.type = row[0];
            activity.at = row[1];
            activity.tokens = row[2];
            activity.minutes = row[3];
            activity.online = row[4] === null ? null : row[4] === 1;
            activity.listingId = row[5];
            activity.id = row[6];
            builder.add(activity);
          }
          yield { supporterId, fanClubActive: fanClub.get(supporterId) ?? false, rollupAt: builder.finish() };
        }
      })(),
      spenders,
      at,
    );
  }

  private isStale(fittedAt: number, now: number): boolean {
    if (fittedAt > now) return true;
    if (fittedAt < latestDailyRunAt(now)) return true;
    const lastFullRun = Date.parse(this.core.stores.meta.get(META_LAST_FULL_RUN) ?? '');
    return Number.isFinite(lastFullRun) && lastFullRun > fittedAt && lastFullRun <= now;
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
