import { ApiFailure } from '../../../../shared/contract/apiResult';
import type { InboxPage } from '../../../../shared/domain/inboxEntry';
import type { InboxTab } from '../../../../shared/domain/segments';
import { clvServiceFor } from '../../clv/clvServiceFor';
import type { EngineCore } from '../segmentationService';
import { segmentationFor } from '../segmentationService';
import { buildInboxEntry, type InboxEntryContext } from './buildInboxEntry';
import { isStreamInvitable } from './isStreamInvitable';

export interface InboxPageRequest {
  tab: InboxTab;
  limit?: number;
  offset?: number;
  search?: string;
  sort?: 'default' | 'chance_active' | 'expected_tokens';
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/**
 * One page of an inbox tab at `now` (SPEC §5): scores are brought up to date first (new data,
 * window edges passed, an earlier `now`), then read in the tab's order from its index. The VIP tab
 * lists only the top `vipTabSize` while `total` counts every VIP.
 */
export function readInboxPage(core: EngineCore, request: InboxPageRequest, now: number): InboxPage {
  const sort = request.sort ?? 'default';
  if (sort !== 'default' && request.tab !== 'all') {
    throw new ApiFailure('invalid_input', `Sorting by "${sort}" is only available on the All tab`);
  }
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, request.limit ?? DEFAULT_PAGE_LIMIT));
  const offset = Math.max(0, request.offset ?? 0);
  const search = request.search?.trim() || undefined;
  segmentationFor(core).ensureCurrent(now);
  const { inbox, settings } = core.stores;
  const total = inbox.count(request.tab, { now, search });
  const shown = request.tab === 'vip' ? Math.max(0, Math.min(limit, settings.get().vipTabSize - offset)) : limit;
  const page = { now, limit: shown, offset, search };
  // The customer-base model's orders (chance still active, expected tokens) come from its own store.
  const rows = shown <= 0 ? [] : sort === 'default' ? inbox.page(request.tab, page) : clvServiceFor(core).allTabPage(sort, page);
  const context = entryContext(core, now);
  return { tab: request.tab, total, entries: rows.map((row) => buildInboxEntry(row, context)) };
}

function entryContext(core: EngineCore, now: number): InboxEntryContext {
  const { engineInput } = core.stores;
  const upcomingListingIds = new Set(engineInput.listings().filter((listing) => listing.startsAt > now).map((listing) => listing.id));
  return {
    now,
    upcomingListingIds,
    hasUpcomingListing: upcomingListingIds.size > 0,
    hasInvitableStream: engineInput.streams().some((stream) => isStreamInvitable(stream, now)),
  };
}
