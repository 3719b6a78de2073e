import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../../../shared/contract/apiResult';
import type { SnoozeMemoryRecord } from '../../../shared/domain/memoryRecords';
import type { SupporterFollowUp } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import { DAY_MS } from '../engine/engineTime';
import { parseTimestamp } from '../ingest/parseTimestamp';
import type { StoredFollowUp } from '../store/followUpStore';
import { snoozeId } from '../store/snoozeStore';
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
  commitMemoryWrite(core, (stamp) => ({
    records: [{ entity: 'follow_up', kind: 'reminder', id: followUpId, supporterId, dueAt, text, deleted: false, ...stamp(null) }],
    result: null,
  }));
  return { followUpId, supporterId, dueAt: iso(dueAt) };
}

/** `followup cancel`: the reminder and its text go; a tombstone carries the cancellation to the platform. */
export function cancelFollowUp(core: CrmCore, followUpId: string): { followUpId: string; cancelled: true } {
  commitMemoryWrite(core, (stamp) => {
    const stored = core.stores.followUps.record(followUpId);
    if (stored === null || stored.deleted) throw new ApiFailure('not_found', `No follow-up with id "${followUpId.slice(0, 80)}"`);
    return { records: [{ ...stored, text: null, deleted: true, ...stamp(stored) }], result: null };
  });
  return { followUpId, cancelled: true };
}

/** `snooze`: hide one supporter from the Now queue and hold their notifications until a time (snoozing again replaces it). */
export function snoozeSupporter(core: CrmCore, supporterId: string, untilInput: string): { supporterId: string; snoozedUntil: string } {
  const now = core.clock();
  requireSupporter(core, supporterId);
  const until = requireFutureTime(untilInput, now, MAX_SNOOZE_MS, 'A snooze');
  commitMemoryWrite(core, (stamp) => {
    const stored = core.stores.snoozes.record(supporterId);
    const record: SnoozeMemoryRecord = { entity: 'follow_up', kind: 'snooze', id: snoozeId(supporterId), supporterId, startsAt: now, dueAt: until, deleted: false, ...stamp(stored) };
    return { records: [record], result: null };
  });
  return { supporterId, snoozedUntil: iso(until) };
}

/** `snooze cancel`: the supporter is back at once. */
export function cancelSnooze(core: CrmCore, supporterId: string): { supporterId: string; snoozedUntil: null } {
  requireSupporter(core, supporterId);
  commitMemoryWrite(core, (stamp) => {
    const stored = core.stores.snoozes.record(supporterId);
    if (stored === null || stored.deleted) throw new ApiFailure('not_found', 'This supporter is not snoozed');
    return { records: [{ ...stored, deleted: true, ...stamp(stored) }], result: null };
  });
  return { supporterId, snoozedUntil: null };
}
