import type { MemoryEntityName, MemoryRecord, MemoryRecordBase } from '../../../shared/domain/memoryRecords';
import { isMemoryEntityName } from '../../../shared/domain/memoryRecords';
import type { ContactDetailKind } from '../memory/guard/contactFinding';
import { findContactDetails } from '../memory/guard/findContactDetails';
import { normaliseMemoryText } from '../memory/normaliseMemoryText';
import { normaliseTag } from '../memory/normaliseTag';
import { snoozeId } from '../store/snoozeStore';
import { supporterTagId } from '../store/tagStore';
import { countForbiddenFields, type DroppedFieldCounts } from './countForbiddenFields';
import { parseTimestamp, timestampProblem } from './parseTimestamp';
import { TIMESTAMP_PROBLEMS } from './validateChangeRecord';

export type MemoryValidation =
  | { ok: true; record: MemoryRecord }
  /** `contactDetails`: the private text holds contact details (the guard's kinds, never the text). */
  | { ok: false; reason: string; contactDetails?: readonly ContactDetailKind[] };

/** A workspace's id as it signs its writes (memory/sync/memoryWriterId.ts makes them). */
const WRITER = /^[A-Za-z0-9_-]{1,64}$/;

class MemoryFieldError extends Error {
  constructor(
    message: string,
    readonly contactDetails?: readonly ContactDetailKind[],
  ) {
    super(message);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a change record names one of the memory entities (`note`, `supporter_tag`, `follow_up`). */
export function isMemoryChangeRecord(value: unknown): boolean {
  return isPlainObject(value) && isMemoryEntityName(value.entity);
}

/**
 * Checks a memory change record from the platform (or a file) and reads it into a record of
 * relationship memory (docs/sync-protocol.md §9). Stricter than the other entities, because
 * these records carry the creator's private text about one supporter:
 *
 * - a record carrying an identity field (SPEC §1, any spelling, any depth) is refused whole,
 *   rather than applied without it: no client of this protocol sends one;
 * - ids must be what the sending workspace derives (a tag assignment's from its supporter and tag,
 *   a snooze's from its supporter), so a record cannot land on another supporter's row;
 * - a note's or follow-up's text must already be in the form the console stores (trimmed, `\n`
 *   line ends, 1–2,000 characters, no control characters), and must pass the contact-details
 *   guard again: a platform could send anything. A deletion carries no text at all.
 *
 * Reasons name fields and kinds, never a value: they go to the quarantine and the safety log.
 */
export function validateMemoryRecord(value: unknown): MemoryValidation {
  if (!isPlainObject(value) || !isMemoryEntityName(value.entity)) return { ok: false, reason: 'record is not a memory record' };
  const entity: MemoryEntityName = value.entity;
  const { op, data } = value;
  if (op !== 'upsert' && op !== 'delete') return { ok: false, reason: `unknown op ${typeof op === 'string' ? JSON.stringify(op.slice(0, 40)) : typeof op} (expected "upsert" or "delete")` };
  if (!isPlainObject(data)) return { ok: false, reason: 'missing field "data"' };
  const dropped: DroppedFieldCounts = {};
  if (countForbiddenFields(value, dropped) > 0) {
    return { ok: false, reason: `a ${entity} record may carry no identity field (found ${Object.keys(dropped).sort().join(', ')})` };
  }
  try {
    const base = readBase(data, op === 'delete');
    switch (entity) {
      case 'note':
        return { ok: true, record: { ...base, entity, text: base.deleted ? noTextOnDelete(data, 'note') : privateText(data, 'note', true) } };
      case 'supporter_tag':
        return { ok: true, record: { ...base, entity, ...readTag(data, base) } };
      case 'follow_up':
        return { ok: true, record: readFollowUp(data, base) };
    }
  } catch (error) {
    if (error instanceof MemoryFieldError) return { ok: false, reason: error.message, ...(error.contactDetails ? { contactDetails: error.contactDetails } : {}) };
    throw error;
  }
}

function text(data: Record<string, unknown>, field: string, maxLength: number): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) throw new MemoryFieldError(`missing field "data.${field}" (a non-empty string)`);
  if (value.length > maxLength) throw new MemoryFieldError(`field "data.${field}" is longer than ${maxLength} characters`);
  return value;
}

function time(data: Record<string, unknown>, field: string): number {
  const value = data[field];
  if (value === undefined || value === null) throw new MemoryFieldError(`missing field "data.${field}"`);
  const ms = parseTimestamp(value);
  if (ms === null) throw new MemoryFieldError(`field "data.${field}" ${TIMESTAMP_PROBLEMS[timestampProblem(value) ?? 'not_rfc3339']}`);
  return ms;
}

function readBase(data: Record<string, unknown>, deleted: boolean): Omit<MemoryRecordBase, 'entity'> {
  const version = data.version;
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw new MemoryFieldError('field "data.version" must be an integer of 1 or more');
  const writer = data.writer;
  if (typeof writer !== 'string' || !WRITER.test(writer)) throw new MemoryFieldError('field "data.writer" must be 1–64 letters, digits, "_" or "-"');
  return {
    id: text(data, 'id', 200),
    supporterId: text(data, 'supporterId', 200),
    createdAt: time(data, 'createdAt'),
    updatedAt: time(data, 'updatedAt'),
    version: version as number,
    writer,
    deleted,
  };
}

/** Private text as stored: already normalised, and free of contact details. */
function privateText(data: Record<string, unknown>, what: 'note' | 'follow-up text', required: boolean): string | null {
  const value = data.text;
  if (!required && (value === undefined || value === null)) return null;
  if (typeof value !== 'string') throw new MemoryFieldError(`missing field "data.text" (the ${what})`);
  const normalised = normaliseMemoryText(value, what);
  // The reason says the length or the kind of character, never the text.
  if (!normalised.ok) throw new MemoryFieldError(`field "data.text": ${normalised.reason}`);
  // Stored as sent, or the two machines would hold different texts under one version stamp.
  if (normalised.text !== value) throw new MemoryFieldError(`field "data.text" is not a ${what} as the console stores one (trimmed, "\n" line ends)`);
  const kinds = findContactDetails(value);
  if (kinds.length > 0) throw new MemoryFieldError(`the ${what} holds contact details (${kinds.join(', ')}); the text was not kept`, kinds);
  return value;
}

function noTextOnDelete(data: Record<string, unknown>, what: string): null {
  if (data.text !== undefined && data.text !== null) throw new MemoryFieldError(`a deleted ${what} carries no text`);
  return null;
}

function readTag(data: Record<string, unknown>, base: Omit<MemoryRecordBase, 'entity'>): { tagKey: string; label: string } {
  const label = text(data, 'tag', 100);
  const tag = normaliseTag(label);
  if (!tag.ok || tag.label !== label) throw new MemoryFieldError('field "data.tag" is not a tag as the console stores one (1–32 letters, digits, spaces, "-")');
  if (base.id !== supporterTagId(base.supporterId, tag.key)) throw new MemoryFieldError('field "data.id" is not the id of this supporter and tag');
  return { tagKey: tag.key, label };
}

function readFollowUp(data: Record<string, unknown>, base: Omit<MemoryRecordBase, 'entity'>): MemoryRecord {
  const kind = data.kind ?? 'reminder';
  if (kind === 'snooze') {
    if (base.id !== snoozeId(base.supporterId)) throw new MemoryFieldError('field "data.id" is not the id of this supporter\'s snooze');
    if (data.text !== undefined && data.text !== null) throw new MemoryFieldError('a snooze carries no text');
    return { ...base, entity: 'follow_up', kind, startsAt: time(data, 'startsAt'), dueAt: time(data, 'dueAt') };
  }
  if (kind !== 'reminder') throw new MemoryFieldError('field "data.kind" must be "reminder" or "snooze"');
  if (base.id.startsWith(snoozeId(''))) throw new MemoryFieldError('field "data.id" of a reminder may not look like a snooze\'s');
  return {
    ...base,
    entity: 'follow_up',
    kind,
    dueAt: time(data, 'dueAt'),
    text: base.deleted ? noTextOnDelete(data, 'follow-up') : privateText(data, 'follow-up text', false),
  };
}
