import type { SignalValues } from '../../../../shared/domain/supporterProfile';
import { DAY_MS } from '../engineTime';
import type { ActivitySummary } from './activitySummary';

/** The six signals of SPEC §3, each 0–100, from a summary at `now`. */
export function computeSignals(summary: ActivitySummary, now: number): SignalValues {
  // Compared in whole milliseconds so "exactly 7 days ago" is never lost to a division.
  const sinceMatch = summary.lastMatchAt === null ? Number.POSITIVE_INFINITY : now - summary.lastMatchAt;
  return {
    chatActivity: Math.min(100, 10 * summary.chatMessages7d),
    gifting: Math.min(100, 2 * summary.giftsLifetime + 10 * summary.gifts7d),
    profileViews: Math.min(100, 20 * summary.profileViews7d),
    liveEngagement: Math.min(100, 20 * summary.liveAttendances7d + summary.liveMinutes7d / 3 + 10 * summary.liveGifts7d),
    recentMatch: sinceMatch <= 7 * DAY_MS ? 100 : sinceMatch <= 14 * DAY_MS ? 50 : 0,
    likesWithoutChat: summary.chatMessages7d === 0 ? Math.min(100, 25 * summary.likes7d) : 0,
  };
}
