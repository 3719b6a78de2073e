import type { NowScoreExplanation } from '../../../../shared/domain/inboxEntry';
import type { SegmentationService } from '../segmentationService';
import { explainNowScore, pickNamedAlert } from './explainNowScore';
import { readNowAdjustments } from './nowAdjustments';
import type { NowQueueReaders } from './readNowQueuePage';

/**
 * "Why this score?" for the Now queue (issue 17 item 6): one supporter's Now score at `now`, term
 * by term, from the same facts the queue reads, and whether they are in the queue.
 */
export function explainSupporterNowScore(
  readers: { segmentation: Pick<SegmentationService, 'ensureCurrent'>; stores: NowQueueReaders['stores'] },
  supporterId: string,
  now: number,
): NowScoreExplanation {
  readers.segmentation.ensureCurrent(now);
  const { stores } = readers;
  const row = stores.inbox.rows([supporterId])[0];
  if (row === undefined) return { nowScore: 0, terms: [], reasons: [], inQueue: false, notInQueueBecause: 'Not scored yet: nothing they did has arrived.' };
  const adjustments = readNowAdjustments(stores, now);
  const openAlert = pickNamedAlert(stores.nowQueue.openAlerts([supporterId], now));
  const explained = explainNowScore(
    {
      priorityScore: row.priorityScore,
      conversionProbability: row.conversionProbability,
      online: row.online,
      segment: row.segment,
      unreadCount: row.unreadCount,
      openAlert,
      followUpDue: adjustments.followUpsDue.has(supporterId),
      lastActionAt: adjustments.recentActions.get(supporterId) ?? null,
    },
    now,
  );
  const notInQueueBecause = adjustments.snoozed.has(supporterId)
    ? 'Snoozed: left out of the Now queue until the snooze ends.'
    : row.lifetimeTokens === 0 && openAlert === null
      ? 'Not in the Now queue: no purchase yet and no open alert.'
      : null;
  return { ...explained, inQueue: notInQueueBecause === null, notInQueueBecause };
}
