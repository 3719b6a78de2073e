/**
 * One supporter's activity as of `now` (SPEC §2–3): the inputs of every score. Counts ending in
 * 7d are over the last 7 days, `(now − 7×24h, now]`.
 */
export interface ActivitySummary {
  lifetimeTokens: number;
  monthlyTokens: number;
  weeklyTokens: number;
  firstPurchaseAt: number | null;
  lastActivityAt: number | null;
  online: boolean;
  giftsLifetime: number;
  chatMessages7d: number;
  gifts7d: number;
  profileViews7d: number;
  liveAttendances7d: number;
  liveMinutes7d: number;
  liveGifts7d: number;
  likes7d: number;
  lastMatchAt: number | null;
  unreadCount: number;
  lastCreatorMessageAt: number | null;
  registeredListingIds: string[];
  /**
   * The first moment after `now` at which any of the values the scores store would change with
   * no new data (an entry leaving a window, a day-count threshold, a match step); null if never.
   */
  nextChangeAt: number | null;
}
