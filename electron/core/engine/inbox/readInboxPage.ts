import { ApiFailure } from '../../../../shared/contract/apiResult';
import type { InboxPage } from '../../../../shared/domain/inboxEntry';
import type { InboxViewName } from '../../../../shared/domain/segments';
import { normaliseTag } from '../../memory/normaliseTag';
import type { ClvSort } from '../../store/clvStore';
import type { SettingsStore } from '../../store/settingsStore';
import type { TagStore } from '../../store/tagStore';
import type { SegmentationService } from '../segmentationService';
import { buildInboxEntry } from './buildInboxEntry';
import { inboxEntryContext } from './inboxEntryContext';
import type { InboxRow } from './inboxRow';
import { readNowQueuePage, type NowQueueReaders } from './readNowQueuePage';

export interface InboxPageRequest {
  tab: InboxViewName;
  limit?: number;
  offset?: number;
  search?: string;
  sort?: 'default' | 'chance_active' | 'expected_tokens';
  /** Only supporters carrying this tag (SPEC §13): a view, never the target of an action. */
  tag?: string;
  /** The VIP tab without its cut to the top `vipTabSize`: every VIP, in the same order ("Show all VIPs"). */
  allVips?: boolean;
}

/** What reading the inbox uses: the engine (scores current first), the model orders, and the stores it reads. */
export interface InboxReaders {
  core: { transaction: NowQueueReaders['transaction'] };
  segmentation: Pick<SegmentationService, 'ensureCurrent'>;
  clv: { allTabPage(sort: ClvSort, options: { now: number; limit: number; offset: number; search?: string }): InboxRow[] };
  stores: NowQueueReaders['stores'] & { settings: SettingsStore; tags: TagStore };
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/**
 * One page of an inbox view at `now`: the Now queue (SPEC §11) or a tab (SPEC §5). Scores are
 * brought up to date first (new data, window edges passed, an earlier `now`), then read in the
 * view's order from its index. The VIP tab lists only the top `vipTabSize` while `total` counts
 * every VIP, unless `allVips` asks for every one of them.
 */
export function readInboxPage(readers: InboxReaders, request: InboxPageRequest, now: number): InboxPage {
  const sort = request.sort ?? 'default';
  if (sort !== 'default' && request.tab !== 'all') {
    throw new ApiFailure('invalid_input', `Sorting by "${sort}" is only available on the All tab`);
  }
  if (request.allVips === true && request.tab !== 'vip') throw new ApiFailure('invalid_input', '"Show all VIPs" is only available on the VIP tab');
  if (sort !== 'default' && request.tag !== undefined) throw new ApiFailure('invalid_input', `Sorting by "${sort}" cannot be combined with a tag filter`);
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, request.limit ?? DEFAULT_PAGE_LIMIT));
  const offset = Math.max(0, request.offset ?? 0);
  const search = request.search?.trim() || undefined;
  const taggedIds = request.tag === undefined ? undefined : supportersWithTag(readers.stores.tags, request.tag);
  const filter = { ...(search !== undefined ? { search } : {}), ...(taggedIds !== undefined ? { taggedIds } : {}) };
  readers.segmentation.ensureCurrent(now);
  if (request.tab === 'now') return readNowQueuePage({ transaction: (work) => readers.core.transaction(work), stores: readers.stores }, { limit, offset, filter }, now);

  const { inbox, settings } = readers.stores;
  const tab = request.tab;
  const total = inbox.count(tab, { now, ...filter });
  const shown = tab === 'vip' && request.allVips !== true ? Math.max(0, Math.min(limit, settings.get().vipTabSize - offset)) : limit;
  const page = { now, limit: shown, offset, ...filter };
  // The customer-base model's orders (chance still active, expected tokens) come from its own store.
  const rows = shown <= 0 ? [] : sort === 'default' ? inbox.page(tab, page) : readers.clv.allTabPage(sort, page);
  const context = inboxEntryContext(readers.stores, rows.map((row) => row.supporterId), now);
  return { tab, total, entries: rows.map((row) => buildInboxEntry(row, context)) };
}

/** The supporters carrying a tag, by its normalised key; a tag nobody carries is an empty filter, not an error. */
function supportersWithTag(tags: TagStore, input: string): string[] {
  const tag = normaliseTag(input);
  if (!tag.ok) throw new ApiFailure('invalid_input', tag.reason);
  return tags.supporterIdsWithTag(tag.key);
}
