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
  /**
   * Windowed activity with at > maxAt − 30 days, as flat pairs [at × 8 + kind, value] (see
   * `packRecentKey`), sorted: half the bytes of separate columns, which matters because a full
   * re-segmentation reads every rollup. A plain array from the builder, a view of the stored
   * bytes when read back (neither copies: each batch builds or reads a thousand of them).
   */
  recent: ArrayLike<number>;
}

/**
 * What scoring reads of a rollup: all of it but the presence record's id, which only breaks ties
 * when more activity is folded in. A full run reads rollups this way (one column less per supporter).
 */
export type ScoringRollup = Omit<SupporterRollup, 'presenceId'>;

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

export const RECENT_STRIDE = 2;
/** The rollup keeps this many days of windowed activity: the longest window a score uses. */
export const RECENT_WINDOW_DAYS = 30;

/**
 * Kinds of windowed entries. The value is the entry's tokens, except for `liveMinutes`, which
 * follows a `liveAttendance` entry at the same instant and carries its watch minutes.
 * `spendOnly` is any other activity that carried tokens.
 */
export const RECENT_KIND = {
  spendOnly: 0,
  chat: 1,
  gift: 2,
  liveGift: 3,
  profileView: 4,
  liveAttendance: 5,
  like: 6,
  liveMinutes: 7,
} as const;

/** Packs an integer epoch-ms time and a kind (0–7) into one double; exact for |at| < 2^50. */
export function packRecentKey(at: number, kind: number): number {
  return at * 8 + kind;
}

// Floor division rather than `%`: a remainder of doubles is a call into the C library, and these
// run for every windowed entry of every rollup a batch folds or scores. Exact for integer keys below 2^53.
export function recentKindOf(key: number): number {
  return key - 8 * Math.floor(key / 8);
}

export function recentAtOf(key: number): number {
  return Math.floor(key / 8);
}

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
    recent: [],
  };
}
