import type { NowQueueFilter, NowQueueStore } from '../../store/nowQueueStore';
import type { SnoozeStore } from '../../store/snoozeStore';
import { mergeNowPage } from './mergeNowPage';
import { adjustedSupporters, adjustmentPoints, readNowAdjustments, type NowAdjustments } from './nowAdjustments';
import { compareNowOrder, type NowOrderKey } from './nowOrder';
import { refreshNowAlertTerm } from './refreshNowAlertTerm';

export interface NowQueueOrder {
  /** Supporters in the queue (matching the filter). */
  total: number;
  /** The requested rows, in the queue's order. */
  keys: NowOrderKey[];
  adjustments: NowAdjustments;
}

/**
 * Rows `offset…offset + limit` of the Now queue at `now` (SPEC §11), exact, with scores current
 * (the caller brings them up to date first). The queue's index holds every member in order of
 * its stored key (priority + online + unread + open alert); the few supporters a follow-up due,
 * an action in the last 24 hours or a snooze concerns are taken out of it, given their whole
 * score (or dropped, when snoozed) and merged back in (`mergeNowPage`).
 */
export function readNowQueueOrder(
  readers: { transaction: <T>(work: () => T) => T; stores: { nowQueue: NowQueueStore; snoozes: SnoozeStore } },
  page: { offset: number; limit: number; filter: NowQueueFilter },
  now: number,
): NowQueueOrder {
  const store = readers.stores.nowQueue;
  refreshNowAlertTerm(store, readers.transaction, now);
  const adjustments = readNowAdjustments(readers.stores, now);
  const adjusted = adjustedSupporters(adjustments);
  const adjustedKeys = store.keys(adjusted, page.filter);
  const moved: NowOrderKey[] = [];
  let adjustedInIndex = 0;
  for (const { supporterId, nowKey, priorityScore } of adjustedKeys) {
    if (nowKey === null) continue;
    adjustedInIndex += 1;
    if (!adjustments.snoozed.has(supporterId)) moved.push({ supporterId, nowScore: nowKey + adjustmentPoints(adjustments, supporterId), priorityScore });
  }
  moved.sort(compareNowOrder);
  const storedTotal = store.count(page.filter) - adjustedInIndex;
  const readStored = (offset: number, limit: number) =>
    store.page(adjusted, offset, limit, page.filter).map(({ supporterId, nowKey, priorityScore }) => ({ supporterId, nowScore: nowKey ?? 0, priorityScore }));
  return {
    total: storedTotal + moved.length,
    keys: page.limit > 0 ? mergeNowPage(moved, readStored, storedTotal, page.offset, page.limit) : [],
    adjustments,
  };
}
