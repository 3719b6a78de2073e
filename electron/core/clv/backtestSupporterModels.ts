import { backtestSupporterColumns, type SupporterBacktestResult } from './backtestSupporterColumns';
import { FORECAST_DAYS } from './fitSupporterColumns';
import {
  MS_PER_DAY,
  type SupporterPurchases,
  summariseSupporterPurchases,
} from './summariseSupporterPurchases';
import { supporterSummaryColumns } from './supporterSummaryColumns';

/**
 * The 30-day backtest (`backtestSupporterColumns`) of supporters given as purchase
 * days: each is summarised at the cutoff, now − 30 d, and their purchase days in
 * (cutoff, now] are the actual purchases the prediction is compared with.
 */
export function backtestSupporterModels(
  supporters: readonly SupporterPurchases[],
  now: number,
): SupporterBacktestResult {
  const cutoffDay = (now - FORECAST_DAYS * MS_PER_DAY) / MS_PER_DAY;
  const nowDay = now / MS_PER_DAY;
  return backtestSupporterColumns(
    supporterSummaryColumns(summariseSupporterPurchases(supporters, cutoffDay)),
    supporters.map((supporter) => countPurchaseDays(supporter, cutoffDay, nowDay)),
    now,
  );
}

/** Distinct purchase days with tokens > 0 in (fromDay, toDay]. */
function countPurchaseDays(s: SupporterPurchases, fromDay: number, toDay: number): number {
  const days = new Set<number>();
  s.purchaseDays.forEach((day, i) => {
    const tokens = s.purchaseTokens[i] ?? 0;
    if (tokens > 0 && day > fromDay && day <= toDay) days.add(day);
  });
  return days.size;
}
