import type { NowQueueStore } from '../../store/nowQueueStore';

/**
 * Brings the Now queue's stored alert term (`nowAlertBonus`, migration 12) up to date for `now`:
 * only supporters whose term can differ are looked at — those the triggers queued (an alert
 * inserted, dismissed, restored or its expiry moved; a new state row), and those with an alert
 * created or expiring between the moment the term was last current for and `now` (either way: an
 * earlier `--now` goes back). The first time, everyone with an open alert or a stored term.
 *
 * Reads first and writes only when something is to be done, in one write transaction; the moment
 * is recorded only then, which is exact: with nothing created or expired in between, the stored
 * term holds at `now` as it did then. Returns how many supporters' term changed.
 */
export function refreshNowAlertTerm(store: NowQueueStore, transaction: <T>(work: () => T) => T, now: number): number {
  if (supportersToRefresh(store, now) === null) return 0;
  return transaction(() => store.storeAlertTerm([...(supportersToRefresh(store, now) ?? [])], now));
}

/** The supporters whose term may have changed by `now`, or null when nothing is to be done. */
function supportersToRefresh(store: NowQueueStore, now: number): Set<string> | null {
  const asOf = store.alertsAsOf();
  const supporters = new Set(store.pendingSupporters());
  if (asOf === null) {
    for (const supporterId of store.supportersWithAlertTerm()) supporters.add(supporterId);
    for (const supporterId of store.supportersWithOpenAlert(now)) supporters.add(supporterId);
    // The first refresh records its moment even with no alert at all.
    return supporters;
  }
  if (asOf !== now) for (const supporterId of store.alertChangesBetween(Math.min(asOf, now), Math.max(asOf, now))) supporters.add(supporterId);
  return supporters.size === 0 ? null : supporters;
}
