import type { ModelQuality } from '../../../shared/domain/modelQuality';

/** Total predicted vs actual purchase days in the backtest within this share: "reliable". */
export const RELIABLE_WITHIN = 0.1;
/** Up to this share: "a rough guide". Beyond: "not reliable yet". */
export const ROUGH_GUIDE_WITHIN = 0.25;
/** Fewer actual purchase days than this in the 30 test days are too few to judge either way. */
export const MIN_PURCHASE_DAYS_TO_JUDGE = 30;

export interface ModelVerdict {
  tone: 'good' | 'fair' | 'poor' | 'unknown';
  /** One sentence in plain words. */
  text: string;
}

/**
 * The model-quality page's last word, from the backtest it already shows: the purchase days the
 * model expected in the 30 days after the cutoff against those that happened, for all supporters
 * together. Thresholds: within 10 % reliable, within 25 % a rough guide, beyond that not reliable
 * yet; fewer than 30 actual purchase days are too few to judge (docs/engine-rules.md).
 */
export function modelVerdict(quality: ModelQuality): ModelVerdict {
  if (quality.parameters === null) return { tone: 'unknown', text: 'Not enough data yet to judge: the models could not be fitted on your supporters.' };
  const backtest = quality.backtest;
  if (!('bins' in backtest)) return { tone: 'unknown', text: 'Not checked yet: there is not enough purchase history before the last 30 days to test the models.' };
  const predicted = backtest.bins.reduce((total, bin) => total + bin.customers * bin.predictedMean, 0);
  const actual = backtest.bins.reduce((total, bin) => total + bin.customers * bin.actualMean, 0);
  if (actual < MIN_PURCHASE_DAYS_TO_JUDGE) {
    return { tone: 'unknown', text: `Too early to judge: only ${Math.round(actual)} purchase days happened in the last 30 days (at least ${MIN_PURCHASE_DAYS_TO_JUDGE} are needed).` };
  }
  // Means times counts carry float dust (1.1 × 100 = 110.00000000000001): judged to nine decimals.
  const gap = Math.round((Math.abs(predicted - actual) / actual) * 1e9) / 1e9;
  // Rounded up, so "within 8 %" is never an understatement.
  const percent = Math.max(1, Math.ceil(gap * 100));
  if (gap <= RELIABLE_WITHIN) return { tone: 'good', text: `Reliable for your supporters: predicted vs actual within ${percent} %.` };
  if (gap <= ROUGH_GUIDE_WITHIN) return { tone: 'fair', text: `A rough guide for your supporters: predicted vs actual differ by ${percent} %; read single forecasts with care.` };
  return { tone: 'poor', text: `Not reliable for your supporters yet: predicted vs actual differ by ${percent} %; rely on recent activity instead.` };
}
