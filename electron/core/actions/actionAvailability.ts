import type { ActionAvailability, SupporterActionAvailability } from '../../../shared/contract/apiTypes';
import { CRM_ACTION_NAMES, CRM_ACTION_TYPES, type CrmActionType } from '../../../shared/domain/crmActions';
import type { CrmCore } from '../crmCore';
import { HOUR_MS } from '../engine/engineTime';
import type { ActionListing, ActionLogStore, ActionStream } from '../store/actionLogStore';
import { ACTION_REPEAT_WINDOW_MS, ACTIONS_PER_HOUR, planAction, type ActionWorld } from './actionRules';
import { isTimeZone } from '../../../shared/domain/isTimeZone';

/** What the time rules need from the action log: the same questions the refusals ask. */
type ActionLogQuestions = Pick<ActionLogStore, 'hasRecent' | 'countRequested'>;

/**
 * When the latest action of this type for this supporter in `(from, to]` was requested, or null.
 * Found by bisecting on the 24-hour rule's own question (`hasRecent`), so the time shown can never
 * disagree with the refusal; about 27 indexed look-ups for a day's window.
 */
export function latestActionAt(log: ActionLogQuestions, supporterId: string, type: CrmActionType, from: number, to: number): number | null {
  if (!log.hasRecent(supporterId, type, from, to)) return null;
  // hasRecent(x, to) holds for every x below the latest request time and fails from it on.
  let holds = from;
  let fails = to;
  while (fails - holds > 1) {
    const middle = Math.floor((holds + fails) / 2);
    if (log.hasRecent(supporterId, type, middle, to)) holds = middle;
    else fails = middle;
  }
  return fails;
}

/** When the 24-hour rule lets this type run again for this supporter, or null when it already does. */
export function repeatRuleLiftsAt(log: ActionLogQuestions, supporterId: string, type: CrmActionType, now: number): number | null {
  const latest = latestActionAt(log, supporterId, type, now - ACTION_REPEAT_WINDOW_MS, now);
  return latest === null ? null : latest + ACTION_REPEAT_WINDOW_MS;
}

/**
 * When the hourly limit leaves room again if nothing else is asked meanwhile, or null when there is
 * room now: the moment the oldest of the last hour's counted actions leaves the window.
 */
export function hourlyLimitLiftsAt(log: ActionLogQuestions, now: number): number | null {
  if (log.countRequested(now - HOUR_MS, now) < ACTIONS_PER_HOUR) return null;
  // countRequested(x, now) only falls as x grows; find the first x where it is under the limit.
  let full = now - HOUR_MS;
  let roomy = now;
  while (roomy - full > 1) {
    const middle = Math.floor((full + roomy) / 2);
    if (log.countRequested(middle, now) >= ACTIONS_PER_HOUR) full = middle;
    else roomy = middle;
  }
  return roomy + HOUR_MS;
}

/** "18:40" or "tomorrow at 09:15", in the creator's timezone (with the zone named), rounded up to the minute so the time said is never early. */
export function describeAvailableAgain(at: number, now: number, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const minute = Math.ceil(at / 60_000) * 60_000;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(minute);
  const day = (when: number) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(when);
  return `available again ${day(minute) === day(now) ? '' : 'tomorrow '}at ${time} (${zone})`;
}


/**
 * `actions.availability`: for each supporter, whether each action's button can be offered now, and
 * if not, why and when (SPEC §7 rules in the order the refusal applies them). Read-only and light:
 * no expected impact is computed, and the stream and listing are looked up once per request.
 */
export function actionAvailabilityFor(core: CrmCore, supporterIds: readonly string[], now = core.clock()): SupporterActionAvailability[] {
  const log = core.stores.actionLog;
  const earnOff = core.stores.workspace.creator()?.earnOn === false;
  const hourlyLift = hourlyLimitLiftsAt(log, now);
  const world = onceEach(log, now);
  return supporterIds.map((supporterId) => {
    const supporter = log.supporter(supporterId);
    const actions = CRM_ACTION_TYPES.map((type): ActionAvailability => {
      if (!supporter) return refused(type, 'This supporter is not in this workspace.', null);
      if (earnOff) return refused(type, 'Earning is switched off for this account.', null);
      if (hourlyLift !== null) return refused(type, `At most ${ACTIONS_PER_HOUR} actions per hour.`, hourlyLift);
      const repeatLift = repeatRuleLiftsAt(log, supporter.id, type, now);
      if (repeatLift !== null) return refused(type, `${CRM_ACTION_NAMES[type]} was already used for them in the last 24 hours.`, repeatLift);
      const planned = planAction(type, supporter, world, now);
      return planned.ok ? { type, available: true, reason: null, availableAt: null } : refused(type, planned.reason, null);
    });
    return { supporterId, actions };
  });
}

function refused(type: CrmActionType, reason: string, availableAt: number | null): ActionAvailability {
  return { type, available: false, reason, availableAt: availableAt === null ? null : new Date(availableAt).toISOString() };
}

/** The stream and listing questions answered once for a whole request (they do not depend on the supporter). */
function onceEach(world: ActionWorld, now: number): ActionWorld {
  let stream: { value: ActionStream | null } | null = null;
  let listing: { value: ActionListing | null } | null = null;
  return {
    liveOrScheduledStream: () => (stream ??= { value: world.liveOrScheduledStream(now) }).value,
    nextListing: () => (listing ??= { value: world.nextListing(now) }).value,
  };
}
