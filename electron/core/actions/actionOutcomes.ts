import type { ActivityLogEntry, CrmMetrics } from '../../../shared/contract/apiTypes';
import { CRM_ACTION_TYPES, type CrmActionType } from '../../../shared/domain/crmActions';
import type { CrmCore } from '../crmCore';
import { DAY_MS } from '../engine/engineTime';
import type { ActionRecord } from '../store/actionLogStore';
import type { ActionEffects } from './actionEffects';
import { resolveWindowEnd } from './actionRules';
import { applyLocalEffect } from './runCrmAction';

const OUTCOME_BATCH = 500;
/** A pending action older than this was interrupted (the app closed between its steps). */
const PENDING_GRACE_MS = 60_000;

function parseParams(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Records the outcome of every executed action whose window has closed by `now`: the tokens the
 * supporter spent inside `(requestedAt, windowEnd]` (SPEC §7). Returns how many were measured.
 */
export function measureActionOutcomes(core: CrmCore, now: number): number {
  const log = core.stores.actionLog;
  let measured = 0;
  for (const action of log.openWindows(OUTCOME_BATCH)) {
    const windowEnd = resolveWindowEnd({ ...action, params: parseParams(action.params) }, (streamId) => log.stream(streamId));
    if (windowEnd > now) continue;
    log.recordOutcome(action.id, log.spendBetween(action.supporterId, action.requestedAt, windowEnd), now, windowEnd);
    measured += 1;
  }
  return measured;
}

/**
 * Finishes actions left `pending` by an interruption: one whose message reached the outbox gets
 * its local effect and counts as executed; one that never got there failed.
 */
export function settleInterruptedActions(core: CrmCore, effects: ActionEffects, now: number): number {
  let settled = 0;
  for (const action of core.stores.actionLog.stalePending(now - PENDING_GRACE_MS)) {
    const queued = effects.outbox.getByKey?.(action.id) ?? null;
    core.db.transaction(() => {
      if (queued !== null) {
        applyLocalEffect(effects, action.type, action.supporterId, action.requestedAt);
        core.stores.actionLog.complete(action.id, 'executed', now, null);
      } else {
        core.stores.actionLog.complete(action.id, 'failed', now, 'Interrupted before the action was queued for the platform.');
      }
    }).immediate();
    settled += 1;
  }
  return settled;
}

export function toActivityLogEntry(record: ActionRecord & { handle: string | null }): ActivityLogEntry {
  const hasImpact = record.conversionProbability !== null && record.estimatedTokens !== null && record.timeWindow !== null;
  return {
    id: record.id,
    supporterId: record.supporterId,
    handle: record.handle,
    type: record.type,
    status: record.status,
    reason: record.reason,
    requestedAt: new Date(record.requestedAt).toISOString(),
    expectedImpact: hasImpact
      ? {
          conversionProbability: record.conversionProbability as number,
          estimatedTokens: record.estimatedTokens as number,
          timeWindow: record.timeWindow as string,
          windowEndsAt: record.windowEndsAt === null ? null : new Date(record.windowEndsAt).toISOString(),
        }
      : null,
    outcomeTokens: record.outcomeTokens,
    outcomeMeasuredAt: record.outcomeMeasuredAt === null ? null : new Date(record.outcomeMeasuredAt).toISOString(),
  };
}

/** The activity log (SPEC §7): newest first, at most `limit` (≤ 100) entries. */
export function activityLog(core: CrmCore, limit: number): ActivityLogEntry[] {
  return core.stores.actionLog.list(Math.min(100, Math.max(1, limit))).map(toActivityLogEntry);
}

/**
 * CRM metrics per action type over the last `days` days: executed actions, how many converted (the
 * supporter spent tokens inside the window), the conversion rate among measured ones, the tokens
 * attributed, and the tokens expected for the measured actions (so expected and actual compare like
 * with like).
 */
export function crmMetrics(core: CrmCore, days: 7 | 30, now: number): CrmMetrics {
  const byType = new Map(core.stores.actionLog.metrics(now - days * DAY_MS, now).map((row) => [row.type, row]));
  return {
    days,
    rows: CRM_ACTION_TYPES.map((type: CrmActionType) => {
      const row = byType.get(type);
      return {
        type,
        actions: row?.actions ?? 0,
        converted: row?.converted ?? 0,
        conversionRate: row && row.measured > 0 ? Math.round((1000 * row.converted) / row.measured) / 10 : null,
        tokensAttributed: row?.tokensAttributed ?? 0,
        expectedTokens: row?.expectedTokens ?? 0,
      };
    }),
  };
}
