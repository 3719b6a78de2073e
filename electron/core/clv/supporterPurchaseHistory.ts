import type { PurchaseRow } from '../store/clvStore';
import { MS_PER_DAY, type SupporterPurchases } from './summariseSupporterPurchases';

/** One supporter's purchase days as the models read them, plus when they last bought. */
export interface SupporterPurchaseHistory extends SupporterPurchases {
  /** Epoch ms of the latest purchase at or before `now`. */
  readonly lastPurchaseAt: number;
}

/**
 * Turns raw purchases into each supporter's purchase days at the moment `now`:
 * - only purchases with `at` ≤ now (and tokens > 0) count, so a backtest or an earlier `--now`
 *   sees the workspace as it stood then;
 * - purchases on the same local calendar day (`dayKey`, the creator's zone) merge into one
 *   purchase day, tokens summed;
 * - a purchase day's time is its first purchase, in days since the epoch (fractional), which the
 *   models round to whole days when measuring recency and age.
 * Supporters without a purchase by `now` are left out. The order is by supporter id.
 *
 * It holds every purchase in memory at once; a refit folds them one supporter at a time instead
 * (`SupporterPurchaseFolder`), which is tested to give exactly what this and
 * `summariseSupporterPurchases` give.
 */
export function supporterPurchaseHistory(
  rows: Iterable<PurchaseRow>,
  now: number,
  dayKey: (at: number) => number,
): SupporterPurchaseHistory[] {
  const bySupporter = new Map<string, number[]>();
  for (const [supporterId, at, tokens] of rows) {
    if (!(at <= now) || !(tokens > 0) || !Number.isFinite(tokens)) continue;
    let flat = bySupporter.get(supporterId);
    if (flat === undefined) {
      flat = [];
      bySupporter.set(supporterId, flat);
    }
    flat.push(at, tokens);
  }
  const histories: SupporterPurchaseHistory[] = [];
  for (const supporterId of [...bySupporter.keys()].sort()) {
    const flat = bySupporter.get(supporterId) ?? [];
    const order = Array.from({ length: flat.length / 2 }, (_, i) => i).sort((p, q) => (flat[2 * p] ?? 0) - (flat[2 * q] ?? 0));
    const purchaseDays: number[] = [];
    const purchaseTokens: number[] = [];
    let currentKey = Number.NaN;
    let lastPurchaseAt = 0;
    for (const i of order) {
      const at = flat[2 * i] ?? 0;
      const tokens = flat[2 * i + 1] ?? 0;
      const key = dayKey(at);
      if (key === currentKey) {
        purchaseTokens[purchaseTokens.length - 1] = (purchaseTokens.at(-1) ?? 0) + tokens;
      } else {
        currentKey = key;
        purchaseDays.push(at / MS_PER_DAY);
        purchaseTokens.push(tokens);
      }
      lastPurchaseAt = at;
    }
    histories.push({ supporterId, purchaseDays, purchaseTokens, lastPurchaseAt });
  }
  return histories;
}
