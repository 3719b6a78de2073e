/**
 * Relationship memory as it travels between machines (SPEC §13 "Survives a new machine",
 * docs/sync-protocol.md §9): one record per note, tag assignment, follow-up or snooze, carrying
 * its whole current state. Times are epoch milliseconds (UTC); on the wire they are ISO strings.
 */
export const MEMORY_ENTITY_NAMES = ['note', 'supporter_tag', 'follow_up'] as const;
export type MemoryEntityName = (typeof MEMORY_ENTITY_NAMES)[number];

export function isMemoryEntityName(value: unknown): value is MemoryEntityName {
  return typeof value === 'string' && (MEMORY_ENTITY_NAMES as readonly string[]).includes(value);
}

/** What every memory record carries: who it is about, and the version that decides which copy wins. */
export interface MemoryRecordBase {
  id: string;
  supporterId: string;
  createdAt: number;
  updatedAt: number;
  /** Raised by one at every write of this id, on whichever machine. */
  version: number;
  /** The id of the workspace that wrote this version (the last tie-break but one). */
  writer: string;
  /** A tombstone: deleted, removed, cancelled; it keeps no private text. */
  deleted: boolean;
}

export interface NoteMemoryRecord extends MemoryRecordBase {
  entity: 'note';
  /** Null exactly when deleted. */
  text: string | null;
}

export interface TagMemoryRecord extends MemoryRecordBase {
  entity: 'supporter_tag';
  /** The tag's identity (memory/normaliseTag.ts); the record's id is derived from it and the supporter. */
  tagKey: string;
  label: string;
}

export interface FollowUpMemoryRecord extends MemoryRecordBase {
  entity: 'follow_up';
  kind: 'reminder';
  dueAt: number;
  /** Private like a note; null when none was given or once cancelled. */
  text: string | null;
}

/** A snooze rides on the `follow_up` entity (SPEC §13 names three entities): hidden from `startsAt` until `dueAt`. */
export interface SnoozeMemoryRecord extends MemoryRecordBase {
  entity: 'follow_up';
  kind: 'snooze';
  startsAt: number;
  dueAt: number;
}

export type MemoryRecord = NoteMemoryRecord | TagMemoryRecord | FollowUpMemoryRecord | SnoozeMemoryRecord;
