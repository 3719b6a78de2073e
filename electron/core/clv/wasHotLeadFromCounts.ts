import type { ActivitySummary } from '../engine/score/activitySummary';
import { scoreSupporter } from '../engine/score/scoreSupporter';
import type { LifetimeScoringFacts, RecentActivityCounts } from '../store/clvStore';
import { DAY_MS } from '../time/timeUnits';

/** The window the counts cover: the 7 days before the moment scored, as the scores' 7-day counts (SPEC §3). */
export const RECENT_WINDOW_MS = 7 * DAY_MS;

/** More lifetime gifts than the gifting signal can count (it is capped at 100, 2 per lifetime gift). */
const GIFTS_BEYOND_THE_CAP = 1_000_000;
/** SQLite sums the live minutes in its own order; the rollup's sum may differ in the last bits only. */
const MINUTES_SLACK = 1e-9;

/**
 * Whether a supporter was a Hot Lead at `at` by the engine's own scorer (`scoreSupporter`, SPEC
 * §3–4), from their activity in the week before counted by SQLite (`recent`), their lifetime spend
 * then (below the VIP threshold: the caller skips the others) and their fan club flag.
 *
 * The week's counts give exactly every 7-day figure and the last activity when it lies in the
 * week (when it does not, the supporter is dormant or cold either way, never a Hot Lead). Three
 * figures can lie further back: the lifetime gift count (the week's gifts are a lower bound), the
 * latest presence record when the week's do not all say the same, and a match 7–14 days before
 * (worth half the match signal). `lifetime` gives them exactly; without it, the conversion
 * probability — which only grows with each — is scored with the least and the most they can be,
 * and the answer is known when both agree. Null when they do not: the caller asks again with
 * `lifetime`. The live minutes get the same treatment for the last bits of their sum, so even
 * with `lifetime` the answer is null in the rare case those bits could decide it; the caller then
 * scores the whole history (`segmentAtMoment`).
 */
export function wasHotLeadFromCounts(
  recent: RecentActivityCounts,
  lifetimeTokens: number,
  fanClubActive: boolean,
  at: number,
  lifetime?: LifetimeScoringFacts,
): boolean | null {
  const [, , chats, gifts, liveGifts, profileViews, liveAttendances, liveMinutes, likes, lastInitiatedAt, lastMatchAt, presences, presencesOnline] = recent;
  // Not active in the week: dormant or cold whatever else holds.
  if (lastInitiatedAt === null) return false;
  const base: ActivitySummary = {
    lifetimeTokens,
    monthlyTokens: 0,
    weeklyTokens: 0,
    firstPurchaseAt: null,
    lastActivityAt: lastInitiatedAt,
    online: false,
    giftsLifetime: gifts,
    chatMessages7d: chats,
    gifts7d: gifts,
    profileViews7d: profileViews,
    liveAttendances7d: liveAttendances,
    liveMinutes7d: liveMinutes,
    liveGifts7d: liveGifts,
    likes7d: likes,
    lastMatchAt,
    unreadCount: 0,
    lastCreatorMessageAt: null,
    registeredListingIds: [],
    nextChangeAt: null,
  };
  const least: ActivitySummary = { ...base, liveMinutes7d: liveMinutes - MINUTES_SLACK * (1 + liveMinutes) };
  const most: ActivitySummary = { ...base, liveMinutes7d: liveMinutes + MINUTES_SLACK * (1 + liveMinutes) };
  if (lifetime !== undefined) {
    for (const summary of [least, most]) {
      summary.giftsLifetime = lifetime.gifts;
      summary.lastMatchAt = lifetime.lastMatchAt;
      summary.online = lifetime.online === 1;
    }
  } else {
    most.giftsLifetime = GIFTS_BEYOND_THE_CAP;
    // A match 7–14 days back scores half the match signal (SPEC §3): the most it can be is one exactly 14 days back.
    if (lastMatchAt === null) most.lastMatchAt = at - 2 * RECENT_WINDOW_MS;
    const onlineKnown = presences > 0 && (presencesOnline === 0 || presencesOnline === presences);
    least.online = onlineKnown && presencesOnline > 0;
    most.online = !onlineKnown || presencesOnline > 0;
  }
  const wasHotLead = (summary: ActivitySummary) => scoreSupporter(summary, fanClubActive, at).segment === 'hot_lead';
  const leastAnswer = wasHotLead(least);
  return leastAnswer === wasHotLead(most) ? leastAnswer : null;
}
