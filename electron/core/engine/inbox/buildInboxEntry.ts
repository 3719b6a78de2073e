import type { InboxEntry } from '../../../../shared/domain/inboxEntry';
import type { InboxRow } from './inboxRow';
import { isoOrNull } from '../engineTime';
import { conversionPotentialFor } from '../score/conversionPotentialFor';
import { isFlagActive } from './isFlagActive';
import { quickActionsFor, type QuickActionContext } from './quickActionsFor';

export interface InboxEntryContext extends QuickActionContext {
  now: number;
  /** Listings that start after now. */
  upcomingListingIds: ReadonlySet<string>;
  /** The tag labels of the page's supporters (one without tags is missing). */
  tagsBySupporter: ReadonlyMap<string, readonly string[]>;
}

/** One inbox row as the API returns it (SPEC §10 `Entry`, with the first purchase and the creator's tags). */
export function buildInboxEntry(row: InboxRow, context: InboxEntryContext): InboxEntry {
  return {
    supporterId: row.supporterId,
    handle: row.handle,
    segment: row.segment,
    online: row.online,
    lifetimeTokens: row.lifetimeTokens,
    monthlyTokens: row.monthlyTokens,
    lastActivityAt: isoOrNull(row.lastActivityAt),
    unreadCount: row.unreadCount,
    conversionProbability: row.conversionProbability,
    conversionPotential: conversionPotentialFor(row.conversionProbability),
    priorityScore: row.priorityScore,
    fanClubTier: row.fanClubTier,
    hasUpcomingEvent: row.registeredListingIds.some((listingId) => context.upcomingListingIds.has(listingId)),
    flags: {
      dmReminder: isFlagActive(row.dmReminderAt, row.lastCreatorMessageAt, context.now),
      priorityReply: isFlagActive(row.priorityReplyAt, row.lastCreatorMessageAt, context.now),
    },
    quickActions: quickActionsFor(row.fanClubTier, context),
    firstPurchaseAt: isoOrNull(row.firstPurchaseAt),
    tags: [...(context.tagsBySupporter.get(row.supporterId) ?? [])],
  };
}
