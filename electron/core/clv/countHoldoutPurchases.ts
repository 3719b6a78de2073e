import type { Transaction } from './types';

export interface HoldoutPeriod {
  /** Last calibration day: customers must have purchased on or before it to be in the cohort. */
  readonly calibrationEnd: number;
  /** Last holdout day (inclusive). The holdout is calibrationEnd < day ≤ holdoutEnd. */
  readonly holdoutEnd: number;
}

/**
 * Holdout repeat purchases per cohort customer: the number of distinct purchase
 * days in (calibrationEnd, holdoutEnd]. Same-day rows merge into one transaction,
 * exactly as in summariseTransactions, so calibration and holdout counts are
 * comparable. Every holdout purchase of a cohort member is a repeat (the first
 * purchase was in calibration by definition). Customers in the cohort with no
 * holdout purchase get 0; customers first seen after calibrationEnd are absent.
 */
export function countHoldoutPurchases(
  transactions: readonly Transaction[],
  period: HoldoutPeriod,
): Map<string, number> {
  const cohort = new Set<string>();
  const holdoutDays = new Map<string, Set<number>>();
  for (const t of transactions) {
    if (t.day <= period.calibrationEnd) {
      cohort.add(t.customerId);
    } else if (t.day <= period.holdoutEnd) {
      let days = holdoutDays.get(t.customerId);
      if (!days) {
        days = new Set();
        holdoutDays.set(t.customerId, days);
      }
      days.add(t.day);
    }
  }
  const counts = new Map<string, number>();
  for (const id of cohort) counts.set(id, holdoutDays.get(id)?.size ?? 0);
  return counts;
}
