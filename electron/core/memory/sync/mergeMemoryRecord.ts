import type { MemoryRecord } from '../../../../shared/domain/memoryRecords';
import type { FollowUpStore } from '../../store/followUpStore';
import type { NoteStore } from '../../store/noteStore';
import type { SnoozeStore } from '../../store/snoozeStore';
import type { TagStore } from '../../store/tagStore';
import { compareMemoryRecords } from './compareMemoryRecords';

/** The stores that hold relationship memory. */
export interface MemoryStores {
  notes: NoteStore;
  tags: TagStore;
  followUps: FollowUpStore;
  snoozes: SnoozeStore;
}

/**
 * What merging one record did: `inserted` (a new id), `replaced` (it won over the stored copy),
 * `kept` (the stored copy wins: it is newer, or a conflict went its way), `echo` (the very write
 * already stored, such as this machine's own coming back from the platform: nothing changes), or
 * `refused` (it would move a row to another supporter).
 */
export type MemoryMergeOutcome = 'inserted' | 'replaced' | 'kept' | 'echo' | 'refused';

/** The stored copy of a record's id (tombstones included), or null. */
export function storedMemoryRecord(stores: MemoryStores, record: MemoryRecord): MemoryRecord | null {
  switch (record.entity) {
    case 'note':
      return stores.notes.record(record.id);
    case 'supporter_tag':
      return stores.tags.record(record.id);
    case 'follow_up':
      return record.kind === 'snooze' ? stores.snoozes.record(record.supporterId) : stores.followUps.record(record.id);
  }
}

/** Writes a record over its row, whatever the row held: for a record already known to win. */
export function putMemoryRecord(stores: MemoryStores, record: MemoryRecord): void {
  switch (record.entity) {
    case 'note':
      stores.notes.put(record);
      return;
    case 'supporter_tag':
      stores.tags.put(record);
      return;
    case 'follow_up':
      if (record.kind === 'snooze') stores.snoozes.put(record);
      else stores.followUps.put(record);
  }
}

/**
 * Last writer wins per id (compareMemoryRecords): keeps whichever of the incoming and the stored
 * copy wins, in the caller's transaction. Idempotent, and the result does not depend on the order
 * records arrive in, so two machines applying the same records converge.
 */
export function mergeMemoryRecord(stores: MemoryStores, incoming: MemoryRecord): MemoryMergeOutcome {
  const stored = storedMemoryRecord(stores, incoming);
  if (stored === null) {
    putMemoryRecord(stores, incoming);
    return 'inserted';
  }
  if (stored.supporterId !== incoming.supporterId) return 'refused';
  const order = compareMemoryRecords(incoming, stored);
  if (order === 0) return 'echo';
  if (order < 0) return 'kept';
  putMemoryRecord(stores, incoming);
  return 'replaced';
}
