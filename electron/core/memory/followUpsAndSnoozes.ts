import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../../../shared/contract/apiResult';
import type { SupporterFollowUp } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import { DAY_MS } from '../engine/engineTime';
import { parseTimestamp } from '../ingest/parseTimestamp';
import type { StoredFollowUp } from '../store/followUpStore';
import { acceptMemoryText } from './acceptMemoryText';
import { commitMemoryWrite } from './commitMemoryWrite';
import { requireSupporter } from './requireSupporter';

/** How far ahead a reminder may be set. */
export const MAX_FOLLOW_UP_AHEAD_MS = 5 * 365 * DAY_MS;
/** A snooze hides a supporter; a year is the longest that still reads as "for now". */
export const MAX_SNOOZE_MS = 365 * DAY_MS;

const iso = (ms: number) => new Date(ms).toISOString();

export function followUpView(followUp: StoredFollowUp): SupporterFollowUp {
  return { followUpId: followUp.id, dueAt: iso(followUp.dueAt), text: followUp.text, createdAt: iso(followUp.createdAt) };
}

/** A time in the future, within `maxAhead` of now. */
function requireFutureTime(value: string, now: number, maxAhead: number, what: string): number {
  const at = parseTimestamp(value);
  if (at === null) throw new ApiFailure('invalid_input', `${what} needs an ISO-8601 time with a zone, e.g. 2025-12-03T18:00:00Z`);
  if (at <= now) throw new ApiFailure('invalid_input', `${what} must be in the future (now is ${iso(now)})`);
  if (at > now + maxAhead) throw new ApiFailure('invalid_input', `${what} is at most ${Math.round(maxAhead / DAY_MS)} days ahead`);
  return at;
}

/** `followup add`: remind the creator about one supporter at a time, with optional private text (guarded like a note). */
export function addFollowUp(core: CrmCore, supporterId: string, dueAtInput: string, textInput?: string): { followUpId: string; supporterId: string; dueAt: string } {
  const now = core.clock();
  requireSupporter(core, supporterId);
  const dueAt = requireFutureTime(dueAtInput, now, MAX_FOLLOW_UP_AHEAD_MS, 'A follow-up');
  const text = textInput === undefined || textInput.trim() === '' ? null : acceptMemoryText(core, textInput, 'follow-up text', supporterId, now);
  const followUpId = randomUUID();
  commitMemoryWrite(core, () => core.stores.followUps.insert({ id: followUpId, supporterId, dueAt, text, at: now }));
  return { followUpId, supporterId, dueAt: iso(dueAt) };
}

/** `followup cancel`: the reminder and its text go; a tombstone keeps the cancellation for the sync wave. */
export function cancelFollowUp(core: CrmCore, followUpId: string): { followUpId: string; cancelled: true } {
  if (!commitMemoryWrite(core, () => core.stores.followUps.cancel(followUpId, core.clock()))) {
    throw new ApiFailure('not_found', `No follow-up with id "${followUpId.slice(0, 80)}"`);
  }
  return { followUpId, cancelled: true };
}

/** `snooze`: hide one supporter from the Now queue and hold their notifications until a time (snoozing again replaces it). */
export function snoozeSupporter(core: CrmCore, supporterId: string, untilInput: string): { supporterId: string; snoozedUntil: string } {
  const now = core.clock();
  requireSupporter(core, supporterId);
  const until = requireFutureTime(untilInput, now, MAX_SNOOZE_MS, 'A snooze');
  commitMemoryWrite(core, () => core.stores.snoozes.set(supporterId, until, now));
  return { supporterId, snoozedUntil: iso(until) };
}

/** `snooze cancel`: the supporter is back at once. */
export function cancelSnooze(core: CrmCore, supporterId: string): { supporterId: string; snoozedUntil: null } {
  requireSupporter(core, supporterId);
  if (!commitMemoryWrite(core, () => core.stores.snoozes.cancel(supporterId, core.clock()))) throw new ApiFailure('not_found', 'This supporter is not snoozed');
  return { supporterId, snoozedUntil: null };
}
