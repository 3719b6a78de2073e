import type { AlertType } from '../../../shared/domain/alerts';

/** The fields of a stored alert the plan reads. */
export interface ReconciledStored {
  id: string;
  dedupeKey: string;
  type: AlertType;
  createdAt: number;
  actedAt: number | null;
}

/** The fields of an alert the records raise that the plan reads. */
export interface ReconciledDesired {
  dedupeKey: string;
  type: AlertType;
  createdAt: number;
}

export interface AlertReconcilePlan<S extends ReconciledStored, D extends ReconciledDesired> {
  /** Stored alerts that stay, each taking the facts of the alert the records now raise (same trigger, or its successor). */
  keep: { stored: S; desired: D }[];
  /** Alerts the records raise that no stored alert stands for. */
  insert: D[];
  /** Stored alerts the records no longer raise and the creator has not acted on. */
  remove: S[];
  /** Stored alerts the records no longer raise but the creator acted on: kept as history. */
  detach: S[];
}

/**
 * How a supporter's stored alerts (of one stretch of their history) become the ones their records
 * raise when judged again in one ordered pass, changing as little as the creator can see:
 * 1. an alert with the same trigger (`dedupeKey`) stays: same id, read/dismissed/acted marks kept,
 *    its time and facts updated (a milestone now crossed by an earlier record moves to it);
 * 2. an alert that lost its trigger is taken over by a new one of the same type whose time lies
 *    within `successorSpanMs(type)` of it — the same occasion (a late record moved a cooldown's
 *    alert earlier, a spike now starts one record sooner) — the nearest first;
 * 3. what is left of the stored alerts is removed, except those the creator acted on, which are
 *    detached (kept as history, out of the cooldown); what is left of the new ones is inserted.
 */
export function planAlertReconcile<S extends ReconciledStored, D extends ReconciledDesired>(
  stored: readonly S[],
  desired: readonly D[],
  successorSpanMs: (type: AlertType) => number,
): AlertReconcilePlan<S, D> {
  const plan: AlertReconcilePlan<S, D> = { keep: [], insert: [], remove: [], detach: [] };
  const byKey = new Map<string, S>();
  for (const alert of stored) byKey.set(alert.dedupeKey, alert);
  const unmatched: D[] = [];
  for (const alert of desired) {
    const same = byKey.get(alert.dedupeKey);
    if (same === undefined) unmatched.push(alert);
    else {
      byKey.delete(alert.dedupeKey);
      plan.keep.push({ stored: same, desired: alert });
    }
  }
  const orphans = [...byKey.values()];
  unmatched.sort((a, b) => a.createdAt - b.createdAt);
  for (const alert of unmatched) {
    const span = successorSpanMs(alert.type);
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    orphans.forEach((orphan, index) => {
      const distance = Math.abs(orphan.createdAt - alert.createdAt);
      if (orphan.type !== alert.type || distance >= span) return;
      if (distance < bestDistance || (distance === bestDistance && orphan.createdAt < (orphans[best] as S).createdAt)) {
        best = index;
        bestDistance = distance;
      }
    });
    if (best < 0) plan.insert.push(alert);
    else plan.keep.push({ stored: orphans.splice(best, 1)[0] as S, desired: alert });
  }
  for (const orphan of orphans) (orphan.actedAt === null ? plan.remove : plan.detach).push(orphan);
  return plan;
}
