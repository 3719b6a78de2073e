import type { TabCountsView } from '../../../../shared/contract/apiTypes';
import { INBOX_TABS, type InboxTab } from '../../../../shared/domain/segments';
import { segmentationFor, type EngineCore } from '../segmentationService';

/** How many supporters each tab holds at `now` (the VIP count is every VIP, not just those listed). */
export function readTabCounts(core: EngineCore, now: number): TabCountsView {
  segmentationFor(core).ensureCurrent(now);
  const counts = Object.fromEntries(INBOX_TABS.map((tab) => [tab, core.stores.inbox.count(tab, { now })])) as Record<InboxTab, number>;
  return { computedAt: new Date(now).toISOString(), counts };
}
