import { DAY_MS } from '../engineTime';
import { isSpendActivity } from '../isSpendActivity';
import { isSupporterInitiated } from '../isSupporterInitiated';
import {
  packRecentKey,
  RECENT_KIND,
  RECENT_STRIDE,
  RECENT_WINDOW_DAYS,
  recentAtOf,
  recentKindOf,
  type RollupActivity,
  type SupporterRollup,
} from './supporterRollup';

const KIND_BY_TYPE: Partial<Record<RollupActivity['type'], number>> = {
  chat_message: RECENT_KIND.chat,
  gift: RECENT_KIND.gift,
  live_gift: RECENT_KIND.liveGift,
  profile_view: RECENT_KIND.profileView,
  live_attendance: RECENT_KIND.liveAttendance,
  like: RECENT_KIND.like,
};

const RECENT_SPAN_MS = RECENT_WINDOW_DAYS * DAY_MS;
const WEEK_SPAN_MS = 7 * DAY_MS;
/**
 * Windowed entries a builder holds before it first drops the ones no window can read (then twice
 * what it kept, so pruning stays linear). Small, because an engine rebuild holds every supporter's
 * builder at once while it folds the whole history in sequence order.
 */
const PRUNE_AT_LEAST = 64;

/**
 * Folds activities, in any order, into a rollup — either from nothing (a rebuild) or onto an
 * existing rollup (new rows since the last run). Every fold is a sum, min or max, so the result
 * never depends on the order records arrive in. The one exception is the unread count: a
 * `creator_message` that lands before chats the base rollup already counted makes the count
 * unknowable without those chats' times; then `needsUnreadRecount` asks the caller to count.
 */
export class SupporterRollupBuilder {
  private activityCount: number;
  private maxAt: number | null;
  private lifetimeTokens: number;
  private firstPurchaseAt: number | null;
  private lastActivityAt: number | null;
  private giftsLifetime: number;
  private lastMatchAt: number | null;
  private presenceAt: number | null;
  private presenceId: string | null;
  private online: boolean;
  private lastCreatorMessageAt: number | null;
  /** Base rollup's unread chats still after the latest creator message; null once unknowable. */
  private baseUnread: number | null;
  private readonly baseMaxAt: number | null;
  /** Times of added chats later than the latest creator message. */
  private chatsAfterLastCreatorMessage: number[] = [];
  /** The base's registered listings (sorted); a set is made only when a fold adds one, which most do not. */
  private readonly baseListingIds: readonly string[];
  private addedListingIds: Set<string> | null = null;
  private recent: number[];
  private pruneAtLength: number;

  constructor(
    readonly supporterId: string,
    base?: SupporterRollup,
  ) {
    this.activityCount = base?.activityCount ?? 0;
    this.maxAt = base?.maxAt ?? null;
    this.lifetimeTokens = base?.lifetimeTokens ?? 0;
    this.firstPurchaseAt = base?.firstPurchaseAt ?? null;
    this.lastActivityAt = base?.lastActivityAt ?? null;
    this.giftsLifetime = base?.giftsLifetime ?? 0;
    this.lastMatchAt = base?.lastMatchAt ?? null;
    this.presenceAt = base?.presenceAt ?? null;
    this.presenceId = base?.presenceId ?? null;
    this.online = base?.online ?? false;
    this.lastCreatorMessageAt = base?.lastCreatorMessageAt ?? null;
    this.baseUnread = base?.unreadCount ?? 0;
    this.baseMaxAt = base?.maxAt ?? null;
    this.baseListingIds = base?.registeredListingIds ?? [];
    // A plain copy loop: this runs once per supporter of every batch, and beats Array.from's iterator.
    const recent: number[] = [];
    if (base) for (let index = 0; index < base.recent.length; index += 1) recent.push(base.recent[index] as number);
    this.recent = recent;
    this.pruneAtLength = Math.max(PRUNE_AT_LEAST, this.recent.length * 2);
  }

  add(activity: RollupActivity): void {
    const { type, at, tokens } = activity;
    this.activityCount += 1;
    if (this.maxAt === null || at > this.maxAt) this.maxAt = at;
    const spend = isSpendActivity(type);
    if (spend) {
      this.lifetimeTokens += tokens;
      if (tokens > 0 && (this.firstPurchaseAt === null || at < this.firstPurchaseAt)) this.firstPurchaseAt = at;
    }
    if (isSupporterInitiated(type, activity.online) && (this.lastActivityAt === null || at > this.lastActivityAt)) {
      this.lastActivityAt = at;
    }
    switch (type) {
      case 'gift':
      case 'live_gift':
        this.giftsLifetime += 1;
        break;
      case 'match':
        if (this.lastMatchAt === null || at > this.lastMatchAt) this.lastMatchAt = at;
        break;
      case 'presence':
        this.addPresence(activity);
        break;
      case 'event_registration':
        if (activity.listingId !== null) (this.addedListingIds ??= new Set(this.baseListingIds)).add(activity.listingId);
        break;
      case 'chat_message':
        if (this.lastCreatorMessageAt === null || at > this.lastCreatorMessageAt) this.chatsAfterLastCreatorMessage.push(at);
        break;
      case 'creator_message':
        this.addCreatorMessage(at);
        break;
      default:
        break;
    }
    const kind = KIND_BY_TYPE[type] ?? (spend && tokens > 0 ? RECENT_KIND.spendOnly : null);
    if (kind !== null) {
      this.recent.push(packRecentKey(at, kind), spend ? tokens : 0);
      if (kind === RECENT_KIND.liveAttendance) this.recent.push(packRecentKey(at, RECENT_KIND.liveMinutes), activity.minutes ?? 0);
      if (this.recent.length >= this.pruneAtLength) {
        this.pruneRecent();
        this.pruneAtLength = Math.max(PRUNE_AT_LEAST, this.recent.length * 2);
      }
    }
  }

  get needsUnreadRecount(): boolean {
    return this.baseUnread === null;
  }

  get latestCreatorMessageAt(): number | null {
    return this.lastCreatorMessageAt;
  }

  /**
   * `recountedUnread` is required when `needsUnreadRecount` says so. The rollup takes over the
   * builder's entries: a builder is finished once.
   */
  finish(recountedUnread?: number): SupporterRollup {
    this.pruneRecent();
    let unreadCount: number;
    if (this.baseUnread === null) {
      if (recountedUnread === undefined) throw new Error('unread count needs a recount from raw activity');
      unreadCount = recountedUnread;
    } else {
      unreadCount = this.baseUnread + this.chatsAfterLastCreatorMessage.length;
    }
    return {
      supporterId: this.supporterId,
      activityCount: this.activityCount,
      maxAt: this.maxAt,
      lifetimeTokens: this.lifetimeTokens,
      firstPurchaseAt: this.firstPurchaseAt,
      lastActivityAt: this.lastActivityAt,
      giftsLifetime: this.giftsLifetime,
      lastMatchAt: this.lastMatchAt,
      presenceAt: this.presenceAt,
      presenceId: this.presenceId,
      online: this.online,
      lastCreatorMessageAt: this.lastCreatorMessageAt,
      unreadCount,
      registeredListingIds: this.addedListingIds === null ? [...this.baseListingIds] : [...this.addedListingIds].sort(),
      recent: canonicalEntries(this.recent),
    };
  }

  private addPresence(activity: RollupActivity): void {
    const id = activity.id ?? '';
    const later =
      this.presenceAt === null ||
      activity.at > this.presenceAt ||
      (activity.at === this.presenceAt && id > (this.presenceId ?? ''));
    if (!later) return;
    this.presenceAt = activity.at;
    this.presenceId = id;
    this.online = activity.online === true;
  }

  private addCreatorMessage(at: number): void {
    if (this.lastCreatorMessageAt !== null && at <= this.lastCreatorMessageAt) return;
    this.lastCreatorMessageAt = at;
    this.chatsAfterLastCreatorMessage = this.chatsAfterLastCreatorMessage.filter((chatAt) => chatAt > at);
    // The base's unread chats all lie at or before its maxAt; only then can we say none is later.
    if (this.baseUnread !== 0) this.baseUnread = this.baseMaxAt === null || this.baseMaxAt <= at ? 0 : null;
  }

  /**
   * Drops entries no window can hold at any `now` ≥ maxAt: older than 30 days; and, older than
   * 7 days, every entry without tokens (only the monthly sum still reads those). A full
   * re-segmentation reads every rollup, so bytes kept here are read 100,000 times a night.
   */
  private pruneRecent(): void {
    if (this.maxAt === null) return;
    const monthFrom = this.maxAt - RECENT_SPAN_MS;
    const weekFrom = this.maxAt - WEEK_SPAN_MS;
    const kept: number[] = [];
    for (let index = 0; index < this.recent.length; index += RECENT_STRIDE) {
      const key = this.recent[index] as number;
      const value = this.recent[index + 1] as number;
      const at = recentAtOf(key);
      if (at <= monthFrom) continue;
      if (at <= weekFrom && (value <= 0 || recentKindOf(key) === RECENT_KIND.liveMinutes)) continue;
      kept.push(key, value);
    }
    this.recent = kept;
  }
}

/**
 * The entries sorted by (key, value), in place, so the same activities give the same bytes whatever
 * their order. In place because a new typed array per rollup (a backing store each) was a tenth of
 * a batch's JavaScript time; the builder hands its array over and is done.
 */
function canonicalEntries(entries: number[]): number[] {
  // Usually already in order (a base rollup's entries, then newer activity): nothing to do.
  // Next most often a few late entries after an ordered base (a sync page whose activity is older
  // than the supporter's latest): moving those into place costs less than sorting every pair.
  const outOfOrder = countOutOfOrder(entries);
  if (outOfOrder === 0) return entries;
  if (outOfOrder <= FEW_OUT_OF_ORDER) {
    insertInPlace(entries);
    return entries;
  }
  const pairs: [number, number][] = [];
  for (let index = 0; index < entries.length; index += RECENT_STRIDE) pairs.push([entries[index] as number, entries[index + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  pairs.forEach(([key, value], index) => {
    entries[index * RECENT_STRIDE] = key;
    entries[index * RECENT_STRIDE + 1] = value;
  });
  return entries;
}

/** Up to this many entries out of place, an insertion pass orders them (each moves past the ones before it). */
const FEW_OUT_OF_ORDER = 8;

/** Whether the entry at `index` sorts before the one at `other` by (key, value). */
function sortsBefore(entries: readonly number[], index: number, other: number): boolean {
  const keyOrder = (entries[index] as number) - (entries[other] as number);
  return keyOrder < 0 || (keyOrder === 0 && (entries[index + 1] as number) < (entries[other + 1] as number));
}

/** How many entries sort before the one just before them. */
function countOutOfOrder(entries: readonly number[]): number {
  let count = 0;
  for (let index = RECENT_STRIDE; index < entries.length; index += RECENT_STRIDE) if (sortsBefore(entries, index, index - RECENT_STRIDE)) count += 1;
  return count;
}

/** Insertion sort of the (key, value) pairs: linear in the length when only a few are out of place. */
function insertInPlace(entries: number[]): void {
  for (let index = RECENT_STRIDE; index < entries.length; index += RECENT_STRIDE) {
    const key = entries[index] as number;
    const value = entries[index + 1] as number;
    let at = index;
    while (at > 0) {
      const before = at - RECENT_STRIDE;
      const keyOrder = key - (entries[before] as number);
      if (!(keyOrder < 0 || (keyOrder === 0 && value < (entries[before + 1] as number)))) break;
      entries[at] = entries[before] as number;
      entries[at + 1] = entries[before + 1] as number;
      at = before;
    }
    entries[at] = key;
    entries[at + 1] = value;
  }
}
