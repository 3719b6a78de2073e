import type { TabCountsView } from '../../../../shared/contract/apiTypes';
import { INBOX_TABS, type InboxViewName } from '../../../../shared/domain/segments';
import type { InboxReaders } from './readInboxPage';
import { readNowQueueOrder } from './readNowQueueOrder';

/** How many supporters each view holds at `now`: the Now queue and every tab (the VIP count is every VIP, not just those listed). */
export function readTabCounts(readers: Pick<InboxReaders, 'segmentation' | 'core' | 'stores'>, now: number): TabCountsView {
  readers.segmentation.ensureCurrent(now);
  const counts = Object.fromEntries(INBOX_TABS.map((tab) => [tab, readers.stores.inbox.count(tab, { now })])) as Record<InboxViewName, number>;
  counts.now = readNowQueueOrder({ transaction: (work) => readers.core.transaction(work), stores: readers.stores }, { offset: 0, limit: 0, filter: {} }, now).total;
  return { computedAt: new Date(now).toISOString(), counts };
}
