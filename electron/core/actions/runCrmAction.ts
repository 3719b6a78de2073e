import { randomUUID } from 'node:crypto';
import type { ActionResult, ExpectedImpact } from '../../../shared/contract/apiTypes';
import { CRM_ACTION_NAMES, CRM_ACTION_TYPES, FORBIDDEN_ACTION_TYPES, isCrmActionType, type CrmActionType } from '../../../shared/domain/crmActions';
import { supporterMomentAt } from '../alerts/loadSupporterTimeline';
import type { CrmCore } from '../crmCore';
import { DAY_MS } from '../engine/engineTime';
import type { ActionSupporterFacts } from '../store/actionLogStore';
import { defaultActionEffects, type ActionEffects } from './actionEffects';
import { describeAvailableAgain, hourlyLimitLiftsAt, repeatRuleLiftsAt } from './actionAvailability';
import { ACTIONS_PER_HOUR, planAction, type ActionPlan } from './actionRules';
import { actionResultsByType } from './actionResultsByType';
import { averageSpendPerActiveWeek, EXPECTED_IMPACT_LOOKBACK_DAYS } from './expectedImpact';
import { learnedImpact, type ActionResultsByType } from './learnedImpact';

/** One action request as it reaches the core. A list of supporters is accepted only to be refused and logged. */
export interface CrmActionRequest {
  supporterId: string | readonly unknown[];
  type: string;
  /** The alert this action answers (`alerts.act`). */
  sourceAlertId?: string | null;
}

/** Which safety rule refused a request; the safety log's detail starts with it. */
export type ActionSafetyRule =
  | 'bulk_request'
  | 'forbidden_type'
  | 'unknown_type'
  | 'unknown_supporter'
  | 'earn_off'
  | 'rate_limit'
  | 'repeat_within_24h';

export const ACTION_SAFETY_LOG_KIND = 'action_rejected';

type ForbiddenActionType = (typeof FORBIDDEN_ACTION_TYPES)[number];

const FORBIDDEN_REASONS: Record<ForbiddenActionType, string> = {
  bulk_messaging: 'Bulk messaging is not allowed: Supporter CRM acts on one supporter at a time.',
  export_supporter_list: 'Exporting supporter lists is not allowed: supporter data stays in the console.',
  offline_meetup_planning: 'Planning offline meetups is not allowed: the CRM never arranges in-person contact.',
  identity_revelation: 'Revealing identities is not allowed: supporters are known by their handle only.',
  contact_info_exchange: 'Exchanging contact details is not allowed: contact stays on the platform.',
};

interface Rejection {
  reason: string;
  /** When the rule that refused lifts by itself (the hourly limit, the 24-hour repeat rule). */
  availableAt?: number;
  safety?: { rule: ActionSafetyRule; detail: string };
  /** A refused action for a known supporter and type is also written to the activity log. */
  audit?: { supporter: ActionSupporterFacts; type: CrmActionType };
  impact: ExpectedImpact | null;
}

interface Accepted {
  supporter: ActionSupporterFacts;
  type: CrmActionType;
  plan: ActionPlan;
  impact: ExpectedImpact;
}

/** Values the safety log may name: ids and type names, never free text that could carry an identity value. */
function loggable(value: string, what: string): string {
  return /^[A-Za-z0-9_.:-]{1,80}$/.test(value) ? value : `(${what} of ${value.length} characters)`;
}

/**
 * The expected impact of an action of `type` for a supporter at `now`: SPEC §7's formula on their
 * activity, blended with the creator's own closed actions of the type once there are 10 (§12).
 * `results` is the per-type summary; pass it when one request estimates several actions.
 */
export function expectedImpactFor(
  core: CrmCore,
  supporter: ActionSupporterFacts,
  type: CrmActionType,
  plan: Pick<ActionPlan, 'timeWindow' | 'windowEndsAt'>,
  now: number,
  results: ActionResultsByType = actionResultsByType(core.stores.actionLog, now),
): ExpectedImpact {
  const { conversionProbability } = supporterMomentAt(core.stores.alerts, supporter.id, supporter.fanClubActive, now);
  const rows = core.stores.actionLog.spendRows(supporter.id, now - EXPECTED_IMPACT_LOOKBACK_DAYS * DAY_MS, now);
  return {
    ...learnedImpact(conversionProbability, averageSpendPerActiveWeek(rows, now), results[type]),
    timeWindow: plan.timeWindow,
    windowEndsAt: plan.windowEndsAt === null ? null : new Date(plan.windowEndsAt).toISOString(),
  };
}

/** Every rule of SPEC §7, in order: structure first (one supporter, an allowed known type), then the workspace and rate rules, then the type's precondition. */
export function validateCrmAction(core: CrmCore, request: CrmActionRequest, now: number): { ok: true; action: Accepted } | { ok: false; rejection: Rejection } {
  const { type } = request;
  const typeName = loggable(type, 'a type name');
  if (typeof request.supporterId !== 'string') {
    const count = request.supporterId.length;
    return {
      ok: false,
      rejection: {
        reason: `One supporter per action: this request named ${count} supporter${count === 1 ? '' : 's'} as a list. Bulk actions are not allowed.`,
        safety: { rule: 'bulk_request', detail: `bulk_request: ${count} supporter ids in one request for ${typeName}` },
        impact: null,
      },
    };
  }
  const supporterId = request.supporterId;
  if ((FORBIDDEN_ACTION_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      rejection: {
        reason: FORBIDDEN_REASONS[type as ForbiddenActionType],
        safety: { rule: 'forbidden_type', detail: `forbidden_type: ${type} requested for ${loggable(supporterId, 'a supporter id')}` },
        impact: null,
      },
    };
  }
  if (!isCrmActionType(type)) {
    return {
      ok: false,
      rejection: {
        reason: `Unknown action type "${type.slice(0, 60)}". Use one of: ${CRM_ACTION_TYPES.join(', ')}.`,
        safety: { rule: 'unknown_type', detail: `unknown_type: ${typeName} requested for ${loggable(supporterId, 'a supporter id')}` },
        impact: null,
      },
    };
  }
  const supporter = core.stores.actionLog.supporter(supporterId);
  if (!supporter) {
    return {
      ok: false,
      rejection: {
        reason: `There is no supporter "${supporterId.slice(0, 60)}" in this workspace.`,
        safety: { rule: 'unknown_supporter', detail: `unknown_supporter: ${type} for ${loggable(supporterId, 'a supporter id')}` },
        impact: null,
      },
    };
  }
  const planned = planAction(type, supporter, core.stores.actionLog, now);
  const impact = expectedImpactFor(core, supporter, type, planned.ok ? planned.plan : { timeWindow: '', windowEndsAt: null }, now);
  const refuse = (reason: string, rule?: ActionSafetyRule, detail?: string, availableAt?: number): { ok: false; rejection: Rejection } => ({
    ok: false,
    rejection: {
      reason,
      ...(availableAt === undefined ? {} : { availableAt }),
      ...(rule && detail ? { safety: { rule, detail: `${rule}: ${detail}` } } : {}),
      audit: { supporter, type },
      impact: planned.ok ? impact : null,
    },
  });
  if (core.stores.workspace.creator()?.earnOn === false) {
    return refuse('Earning is switched off for this account, so CRM actions are unavailable until it is turned on again.', 'earn_off', `${type} for ${supporter.id} while earnOn is false`);
  }
  const timeZone = core.stores.workspace.creator()?.timezone ?? 'UTC';
  const hourlyLift = hourlyLimitLiftsAt(core.stores.actionLog, now);
  if (hourlyLift !== null) {
    return refuse(
      `At most ${ACTIONS_PER_HOUR} actions per hour: ${describeAvailableAgain(hourlyLift, now, timeZone)}.`,
      'rate_limit',
      `${type} for ${supporter.id}: ${ACTIONS_PER_HOUR} actions already in the last hour`,
      hourlyLift,
    );
  }
  const repeatLift = repeatRuleLiftsAt(core.stores.actionLog, supporter.id, type, now);
  if (repeatLift !== null) {
    // The creator's words, never the type id: "Message reminder was already used for @anna …".
    return refuse(
      `${CRM_ACTION_NAMES[type]} was already used for @${supporter.handle} in the last 24 hours: ${describeAvailableAgain(repeatLift, now, timeZone)}.`,
      'repeat_within_24h',
      `${type} for ${supporter.id} again within 24 h`,
      repeatLift,
    );
  }
  if (!planned.ok) return refuse(planned.reason);
  return { ok: true, action: { supporter, type, plan: planned.plan, impact } };
}

/** `actions.preview`: the expected impact, or the reason the action would be refused (nothing is logged). */
export function previewCrmAction(core: CrmCore, request: CrmActionRequest, now = core.clock()): { ok: true; impact: ExpectedImpact } | { ok: false; reason: string } {
  const validation = validateCrmAction(core, request, now);
  return validation.ok ? { ok: true, impact: validation.action.impact } : { ok: false, reason: validation.rejection.reason };
}

/**
 * Runs one CRM action (SPEC §7): validate → record `pending` → execute (queue the message for the
 * platform in the outbox, then the local effect) → `executed`, or `failed` with the reason. A
 * refused request answers `rejected` with its reason and writes a safety-log entry (ids and type
 * names only). Nothing here grants tokens, free messages or discounts.
 */
export function runCrmAction(
  core: CrmCore,
  request: CrmActionRequest,
  options: { now?: number; effects?: ActionEffects } = {},
): ActionResult {
  const now = options.now ?? core.clock();
  const validation = validateCrmAction(core, request, now);
  if (!validation.ok) {
    const { rejection } = validation;
    core.db.transaction(() => {
      if (rejection.safety) core.stores.safetyLog.add(now, ACTION_SAFETY_LOG_KIND, rejection.safety.detail);
      if (rejection.audit) {
        core.stores.actionLog.insert({
          ...emptyOutcome(),
          id: randomUUID(),
          supporterId: rejection.audit.supporter.id,
          type: rejection.audit.type,
          status: 'rejected',
          reason: rejection.reason,
          requestedAt: now,
          completedAt: now,
          params: '{}',
          sourceAlertId: request.sourceAlertId ?? null,
          conversionProbability: rejection.impact?.conversionProbability ?? null,
          estimatedTokens: rejection.impact?.estimatedTokens ?? null,
          timeWindow: rejection.impact?.timeWindow ?? null,
          windowEndsAt: null,
        });
      }
    }).immediate();
    if (rejection.audit) core.emit({ kind: 'data_changed', reason: 'action' });
    return {
      status: 'rejected',
      reason: rejection.reason,
      expectedImpact: rejection.impact,
      ...(rejection.availableAt === undefined ? {} : { availableAt: new Date(rejection.availableAt).toISOString() }),
    };
  }

  const { supporter, type, plan, impact } = validation.action;
  const effects = options.effects ?? defaultActionEffects(core);
  // One key per action: the outbox delivers under it, so a retry never sends the action twice.
  const actionId = randomUUID();
  core.stores.actionLog.insert({
    ...emptyOutcome(),
    id: actionId,
    supporterId: supporter.id,
    type,
    status: 'pending',
    reason: null,
    requestedAt: now,
    completedAt: null,
    params: JSON.stringify(plan.params),
    sourceAlertId: request.sourceAlertId ?? null,
    conversionProbability: impact.conversionProbability,
    estimatedTokens: impact.estimatedTokens,
    timeWindow: plan.timeWindow,
    windowEndsAt: plan.windowEndsAt,
  });
  let result: ActionResult;
  try {
    effects.outbox.enqueue({ type, supporterId: supporter.id, params: plan.params, idempotencyKey: actionId, createdAt: now });
    core.db.transaction(() => {
      applyLocalEffect(effects, type, supporter.id, now);
      core.stores.actionLog.complete(actionId, 'executed', now, null);
    }).immediate();
    result = { status: 'executed', expectedImpact: impact, actionId };
  } catch (error) {
    const reason = `Could not complete the action: ${error instanceof Error ? error.message : String(error)}`;
    core.stores.actionLog.complete(actionId, 'failed', now, reason);
    result = { status: 'failed', reason, expectedImpact: impact, actionId };
  }
  core.emit({ kind: 'data_changed', reason: 'action' });
  return result;
}

/** The local part of an action: the priority flag on the chat, or a place in the priority reply queue. Both clear on the creator's next message. */
export function applyLocalEffect(effects: ActionEffects, type: CrmActionType, supporterId: string, at: number): void {
  if (type === 'dm_reminder') effects.flags.setDmReminder(supporterId, at);
  else if (type === 'prioritize_reply') effects.flags.setPriorityReply(supporterId, at);
}

function emptyOutcome(): { outcomeTokens: null; outcomeMeasuredAt: null } {
  return { outcomeTokens: null, outcomeMeasuredAt: null };
}
