import { fitSupporterSummaries, type SupporterModelsResult } from './fitSupporterSummaries';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';

/**
 * Fits BG/NBD + gamma-gamma to one creator's supporters given as purchase days
 * (time unit: days) and scores every supporter: `fitSupporterSummaries` on their
 * summaries at `now` (ms since epoch, passed in to keep this pure). The per-supporter
 * rules and the "not enough data" cases are described there.
 *
 * Never throws for data reasons; only malformed input (purchaseDays and
 * purchaseTokens of different lengths) raises a RangeError.
 */
export function fitSupporterModels(
  supporters: readonly SupporterPurchases[],
  now: number,
): SupporterModelsResult {
  return fitSupporterSummaries(summariseSupporterPurchases(supporters, now / MS_PER_DAY));
}
