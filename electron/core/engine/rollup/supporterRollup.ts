import type { ActivityType } from '../../../../shared/domain/activityTypes';

/**
 * What the scores need from one supporter's raw activity (SPEC §2–5), independent of the clock:
 * all-time facts plus the windowed activity of the last 30 days before `maxAt`. It answers for any
 * `now` ≥ `maxAt` (every window the scores use is at most 30 days), which is why a full
 * re-segmentation can run from rollups without touching `activities`.
 */
export interface SupporterRollup {
  supporterId: string;
  activityCount: number;
  /** The latest `at` of any record; null when there is none. */
  maxAt: number | null;
  lifetimeTokens: number;
  firstPurchaseAt: number | null;
  lastActivityAt: number | null;
  giftsLifetime: number;
  lastMatchAt: number | null;
  presenceAt: number | null;
  /** Breaks ties between presence records at the same instant, so import order never matters. */
  presenceId: string | null;
  online: boolean;
  lastCreatorMessageAt: number | null;
  unreadCount: number;
  /** Distinct listings the supporter registered for, sorted. */
  registeredListingIds: string[];
  /** Flat quadruples [at, kind, tokens, minutes] of windowed activity with at > maxAt − 30 days. */
  recent: Float64Array;
}

/** The fields of an activity the rollup reads. `id` matters only for presence tie-breaks. */
export interface RollupActivity {
  id: string | null;
  type: ActivityType;
  at: number;
  tokens: number;
  minutes: number | null;
  online: boolean | null;
  listingId: string | null;
}

export const RECENT_STRIDE = 4;
/** The rollup keeps this many days of windowed activity: the longest window a score uses. */
export const RECENT_WINDOW_DAYS = 30;

/** Kinds of windowed entries; `spendOnly` is any other activity that carried tokens. */
export const RECENT_KIND = {
  spendOnly: 0,
  chat: 1,
  gift: 2,
  liveGift: 3,
  profileView: 4,
  liveAttendance: 5,
  like: 6,
} as const;

export function emptyRollup(supporterId: string): SupporterRollup {
  return {
    supporterId,
    activityCount: 0,
    maxAt: null,
    lifetimeTokens: 0,
    firstPurchaseAt: null,
    lastActivityAt: null,
    giftsLifetime: 0,
    lastMatchAt: null,
    presenceAt: null,
    presenceId: null,
    online: false,
    lastCreatorMessageAt: null,
    unreadCount: 0,
    registeredListingIds: [],
    recent: new Float64Array(0),
  };
}
