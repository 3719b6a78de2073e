import type { TabCountsView } from '../../../../shared/contract/apiTypes';
import { INBOX_TABS, type InboxTab } from '../../../../shared/domain/segments';
import type { InboxReaders } from './readInboxPage';

/** How many supporters each tab holds at `now` (the VIP count is every VIP, not just those listed). */
export function readTabCounts(readers: Pick<InboxReaders, 'segmentation'> & { stores: Pick<InboxReaders['stores'], 'inbox'> }, now: number): TabCountsView {
  readers.segmentation.ensureCurrent(now);
  const counts = Object.fromEntries(INBOX_TABS.map((tab) => [tab, readers.stores.inbox.count(tab, { now })])) as Record<InboxTab, number>;
  return { computedAt: new Date(now).toISOString(), counts };
}
