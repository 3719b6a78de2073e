import { DAY_MS } from '../engineTime';
import { RECENT_KIND, recentKindOf, RECENT_STRIDE, type ScoringRollup } from '../rollup/supporterRollup';
import type { ActivitySummary } from './activitySummary';

const WEEK_MS = 7 * DAY_MS;
const MONTH_MS = 30 * DAY_MS;
const TWO_WEEKS_MS = 14 * DAY_MS;

/**
 * The windowed view of a rollup at `now`. Requires `now` ≥ `rollup.maxAt`: the rollup holds no
 * record later than now, and every window reaches back at most 30 days, which it keeps.
 */
export function summarizeRollup(rollup: ScoringRollup, now: number): ActivitySummary {
  if (rollup.maxAt !== null && rollup.maxAt > now) {
    throw new Error(`rollup of ${rollup.supporterId} holds records after now; summarize raw activity instead`);
  }
  const weekStart = now - WEEK_MS;
  const monthStart = now - MONTH_MS;
  let monthlyTokens = 0;
  let weeklyTokens = 0;
  let chatMessages7d = 0;
  let gifts7d = 0;
  let profileViews7d = 0;
  let liveAttendances7d = 0;
  let liveMinutes7d = 0;
  let liveGifts7d = 0;
  let likes7d = 0;
  let nextChangeAt = Number.POSITIVE_INFINITY;
  const recent = rollup.recent;
  for (let index = 0; index < recent.length; index += RECENT_STRIDE) {
    const key = recent[index] as number;
    const kind = recentKindOf(key);
    const at = (key - kind) / 8;
    if (at <= monthStart) continue;
    const value = recent[index + 1] as number;
    if (kind === RECENT_KIND.liveMinutes) {
      if (at > weekStart) liveMinutes7d += value;
      continue;
    }
    monthlyTokens += value;
    // Monthly tokens (stored with the score) change when a paid entry leaves the 30-day window.
    if (value > 0 && at + MONTH_MS < nextChangeAt) nextChangeAt = at + MONTH_MS;
    if (at <= weekStart) continue;
    weeklyTokens += value;
    if (kind !== RECENT_KIND.spendOnly && at + WEEK_MS < nextChangeAt) nextChangeAt = at + WEEK_MS;
    switch (kind) {
      case RECENT_KIND.chat:
        chatMessages7d += 1;
        break;
      case RECENT_KIND.gift:
        gifts7d += 1;
        break;
      case RECENT_KIND.liveGift:
        gifts7d += 1;
        liveGifts7d += 1;
        break;
      case RECENT_KIND.profileView:
        profileViews7d += 1;
        break;
      case RECENT_KIND.liveAttendance:
        liveAttendances7d += 1;
        break;
      case RECENT_KIND.like:
        likes7d += 1;
        break;
      default:
        break;
    }
  }
  if (rollup.lastActivityAt !== null) {
    // Dormant at exactly 7 days since the last activity, cold at exactly 30 (SPEC §4: "≥").
    nextChangeAt = earliestFutureEdge(nextChangeAt, rollup.lastActivityAt + WEEK_MS, now);
    nextChangeAt = earliestFutureEdge(nextChangeAt, rollup.lastActivityAt + MONTH_MS, now);
  }
  if (rollup.firstPurchaseAt !== null) nextChangeAt = earliestFutureEdge(nextChangeAt, rollup.firstPurchaseAt + MONTH_MS, now);
  if (rollup.lastMatchAt !== null) {
    // "≤ 7 days ago" still holds at exactly 7 days; the step happens one millisecond later.
    nextChangeAt = earliestFutureEdge(nextChangeAt, rollup.lastMatchAt + WEEK_MS + 1, now);
    nextChangeAt = earliestFutureEdge(nextChangeAt, rollup.lastMatchAt + TWO_WEEKS_MS + 1, now);
  }
  return {
    lifetimeTokens: rollup.lifetimeTokens,
    monthlyTokens,
    weeklyTokens,
    firstPurchaseAt: rollup.firstPurchaseAt,
    lastActivityAt: rollup.lastActivityAt,
    online: rollup.online,
    giftsLifetime: rollup.giftsLifetime,
    chatMessages7d,
    gifts7d,
    profileViews7d,
    liveAttendances7d,
    liveMinutes7d,
    liveGifts7d,
    likes7d,
    lastMatchAt: rollup.lastMatchAt,
    unreadCount: rollup.unreadCount,
    lastCreatorMessageAt: rollup.lastCreatorMessageAt,
    registeredListingIds: rollup.registeredListingIds,
    nextChangeAt: Number.isFinite(nextChangeAt) ? nextChangeAt : null,
  };
}

function earliestFutureEdge(current: number, edge: number, now: number): number {
  return edge > now && edge < current ? edge : current;
}
