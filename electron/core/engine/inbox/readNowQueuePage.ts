import type { NowQueueEntry, NowQueuePage } from '../../../../shared/domain/inboxEntry';
import { ACTION_REPEAT_WINDOW_MS } from '../../actions/actionRules';
import { actionResultsByType } from '../../actions/actionResultsByType';
import { suggestedAction } from '../../actions/suggestedAction';
import type { ActionLogStore } from '../../store/actionLogStore';
import type { EngineInputStore } from '../../store/engineInputStore';
import type { InboxStore } from '../../store/inboxStore';
import type { NowQueueFilter, NowQueueStore, OpenAlertFact } from '../../store/nowQueueStore';
import type { SnoozeStore } from '../../store/snoozeStore';
import { buildInboxEntry } from './buildInboxEntry';
import { explainNowScore, pickNamedAlert } from './explainNowScore';
import { inboxEntryContext } from './inboxEntryContext';
import { readNowQueueOrder } from './readNowQueueOrder';
import { weeklySpendMatters } from './weeklySpendMatters';

/** What reading the Now queue uses besides fresh scores. */
export interface NowQueueReaders {
  transaction: <T>(work: () => T) => T;
  stores: { nowQueue: NowQueueStore; snoozes: SnoozeStore; inbox: InboxStore; engineInput: EngineInputStore; actionLog: ActionLogStore };
}

/**
 * One page of the Now queue (SPEC §11) at `now`, scores already current: each entry with its
 * `nowScore`, the reasons that make it, and its one suggested action (SPEC §12): of the row's
 * quick actions, those the 24-hour repeat rule does not refuse now. The suggestion
 * needs a supporter's weekly spend (SPEC §7, 90 days of their activity) only where the creator's
 * own results make it decide between action types (`weeklySpendMatters`), and then only for this
 * page's rows, in one grouped read.
 */
export function readNowQueuePage(readers: NowQueueReaders, request: { limit: number; offset: number; filter: NowQueueFilter }, now: number): NowQueuePage {
  const { stores } = readers;
  const order = readNowQueueOrder(readers, request, now);
  const supporterIds = order.keys.map((key) => key.supporterId);
  const rows = stores.inbox.rows(supporterIds);
  const context = inboxEntryContext(stores, supporterIds, now);
  const alerts = alertsBySupporter(stores.nowQueue.openAlerts(supporterIds, now));
  const results = actionResultsByType(stores.actionLog, now);
  const entries = rows.map((row) => buildInboxEntry(row, context));
  // SPEC §12: the suggestion is a *valid* type, so not one the 24-hour repeat rule refuses now.
  const takenToday = stores.actionLog.typesTaken(supporterIds, now - ACTION_REPEAT_WINDOW_MS, now);
  const validTypes = entries.map((entry) => entry.quickActions.filter((type) => takenToday.get(entry.supporterId)?.has(type) !== true));
  const spendNeeded = entries.filter((entry, index) => weeklySpendMatters(validTypes[index] ?? [], results)).map((entry) => entry.supporterId);
  const weeklySpend = stores.nowQueue.weeklySpend(spendNeeded, now);
  return {
    tab: 'now',
    total: order.total,
    entries: rows.map((row, index): NowQueueEntry => {
      const entry = entries[index] as NowQueueEntry;
      const explained = explainNowScore(
        {
          priorityScore: row.priorityScore,
          conversionProbability: row.conversionProbability,
          online: row.online,
          segment: row.segment,
          unreadCount: row.unreadCount,
          openAlert: pickNamedAlert(alerts.get(row.supporterId) ?? []),
          followUpDue: order.adjustments.followUpsDue.has(row.supporterId),
          lastActionAt: order.adjustments.recentActions.get(row.supporterId) ?? null,
        },
        now,
      );
      const spend = weeklySpend.get(row.supporterId);
      return {
        ...entry,
        nowScore: explained.nowScore,
        nowReasons: explained.reasons,
        suggestedAction: suggestedAction({
          validTypes: validTypes[index] ?? [],
          conversionProbability: row.conversionProbability,
          averageWeeklySpend: spend === undefined || spend.activeWeeks === 0 ? 0 : spend.spend / spend.activeWeeks,
          results,
        }),
      };
    }),
  };
}

function alertsBySupporter(alerts: readonly OpenAlertFact[]): Map<string, OpenAlertFact[]> {
  const result = new Map<string, OpenAlertFact[]>();
  for (const alert of alerts) {
    const list = result.get(alert.supporterId);
    if (list === undefined) result.set(alert.supporterId, [alert]);
    else list.push(alert);
  }
  return result;
}
