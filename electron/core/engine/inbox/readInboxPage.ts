import { ApiFailure } from '../../../../shared/contract/apiResult';
import type { InboxPage } from '../../../../shared/domain/inboxEntry';
import type { InboxTab } from '../../../../shared/domain/segments';
import type { ClvSort } from '../../store/clvStore';
import type { EngineInputStore } from '../../store/engineInputStore';
import type { InboxStore } from '../../store/inboxStore';
import type { SettingsStore } from '../../store/settingsStore';
import type { SegmentationService } from '../segmentationService';
import { buildInboxEntry, type InboxEntryContext } from './buildInboxEntry';
import type { InboxRow } from './inboxRow';
import { isStreamInvitable } from './isStreamInvitable';

export interface InboxPageRequest {
  tab: InboxTab;
  limit?: number;
  offset?: number;
  search?: string;
  sort?: 'default' | 'chance_active' | 'expected_tokens';
}

/** What reading the inbox uses: the engine (scores current first), the model orders, and the stores it reads. */
export interface InboxReaders {
  segmentation: Pick<SegmentationService, 'ensureCurrent'>;
  clv: { allTabPage(sort: ClvSort, options: { now: number; limit: number; offset: number; search?: string }): InboxRow[] };
  stores: { inbox: InboxStore; settings: SettingsStore; engineInput: EngineInputStore };
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/**
 * One page of an inbox tab at `now` (SPEC §5): scores are brought up to date first (new data,
 * window edges passed, an earlier `now`), then read in the tab's order from its index. The VIP tab
 * lists only the top `vipTabSize` while `total` counts every VIP.
 */
export function readInboxPage(readers: InboxReaders, request: InboxPageRequest, now: number): InboxPage {
  const sort = request.sort ?? 'default';
  if (sort !== 'default' && request.tab !== 'all') {
    throw new ApiFailure('invalid_input', `Sorting by "${sort}" is only available on the All tab`);
  }
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, request.limit ?? DEFAULT_PAGE_LIMIT));
  const offset = Math.max(0, request.offset ?? 0);
  const search = request.search?.trim() || undefined;
  readers.segmentation.ensureCurrent(now);
  const { inbox, settings } = readers.stores;
  const total = inbox.count(request.tab, { now, search });
  const shown = request.tab === 'vip' ? Math.max(0, Math.min(limit, settings.get().vipTabSize - offset)) : limit;
  const page = { now, limit: shown, offset, search };
  // The customer-base model's orders (chance still active, expected tokens) come from its own store.
  const rows = shown <= 0 ? [] : sort === 'default' ? inbox.page(request.tab, page) : readers.clv.allTabPage(sort, page);
  const context = entryContext(readers.stores.engineInput, now);
  return { tab: request.tab, total, entries: rows.map((row) => buildInboxEntry(row, context)) };
}

function entryContext(engineInput: EngineInputStore, now: number): InboxEntryContext {
  const upcomingListingIds = new Set(engineInput.listings().filter((listing) => listing.startsAt > now).map((listing) => listing.id));
  return {
    now,
    upcomingListingIds,
    hasUpcomingListing: upcomingListingIds.size > 0,
    hasInvitableStream: engineInput.streams().some((stream) => isStreamInvitable(stream, now)),
  };
}
