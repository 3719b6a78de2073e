import type { EngineInputStore } from '../../store/engineInputStore';
import type { InboxStore } from '../../store/inboxStore';
import type { InboxEntryContext } from './buildInboxEntry';
import { isStreamInvitable } from './isStreamInvitable';

/** What building a page's entries at `now` needs beyond their rows: upcoming listings, an invitable stream, the rows' tags. */
export function inboxEntryContext(stores: { engineInput: EngineInputStore; inbox: InboxStore }, supporterIds: readonly string[], now: number): InboxEntryContext {
  const upcomingListingIds = new Set(stores.engineInput.listings().filter((listing) => listing.startsAt > now).map((listing) => listing.id));
  return {
    now,
    upcomingListingIds,
    hasUpcomingListing: upcomingListingIds.size > 0,
    hasInvitableStream: stores.engineInput.streams().some((stream) => isStreamInvitable(stream, now)),
    tagsBySupporter: stores.inbox.tagLabels(supporterIds),
  };
}
