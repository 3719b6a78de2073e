import { NOW_SCORE_POINTS } from '../../../../shared/domain/inboxEntry';
import type { NowQueueStore } from '../../store/nowQueueStore';
import type { SnoozeStore } from '../../store/snoozeStore';

/**
 * The Now score's terms that time alone changes and that concern few supporters at once (SPEC
 * §11, §13), read once per request: merged into the stored order rather than stored with it.
 */
export interface NowAdjustments {
  /** Supporters with a follow-up due and not done, with the latest due time. */
  followUpsDue: ReadonlyMap<string, number>;
  /** Supporters an action was requested for in the last 24 hours, with the latest request. */
  recentActions: ReadonlyMap<string, number>;
  /** Supporters snoozed at `now`: left out of the queue. */
  snoozed: ReadonlySet<string>;
}

export function readNowAdjustments(stores: { nowQueue: NowQueueStore; snoozes: SnoozeStore }, now: number): NowAdjustments {
  return {
    followUpsDue: stores.nowQueue.followUpsDue(now),
    recentActions: stores.nowQueue.recentActions(now),
    snoozed: new Set(stores.snoozes.snoozedSupporterIds(now)),
  };
}

/** Every supporter an adjustment concerns: these are placed by the merge, not read from the stored order. */
export function adjustedSupporters(adjustments: NowAdjustments): string[] {
  return [...new Set([...adjustments.followUpsDue.keys(), ...adjustments.recentActions.keys(), ...adjustments.snoozed])];
}

/** What the time-dependent terms add to a stored key: +10 for a follow-up due, −30 for a recent action. */
export function adjustmentPoints(adjustments: NowAdjustments, supporterId: string): number {
  return (
    (adjustments.followUpsDue.has(supporterId) ? NOW_SCORE_POINTS.followUpDue : 0) + (adjustments.recentActions.has(supporterId) ? NOW_SCORE_POINTS.recentAction : 0)
  );
}
