import type { MemoryEntityName, MemoryRecord } from '../../../../shared/domain/memoryRecords';

/** A memory record as a change record of the data contract (SPEC §1, §13), the shape the platform is sent and sends back. */
export interface MemoryChangeRecord {
  entity: MemoryEntityName;
  op: 'upsert' | 'delete';
  data: { id: string; supporterId: string } & Record<string, string | number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The wire form (docs/sync-protocol.md §9): times as ISO strings, a deletion as `op: delete`
 * carrying its version stamp and the fields a tombstone keeps, never private text. A note's and a
 * follow-up's text appear only in an upsert.
 */
export function memoryChangeRecord(record: MemoryRecord): MemoryChangeRecord {
  const stamp = { createdAt: iso(record.createdAt), updatedAt: iso(record.updatedAt), version: record.version, writer: record.writer };
  const op = record.deleted ? 'delete' : 'upsert';
  const base = { id: record.id, supporterId: record.supporterId };
  switch (record.entity) {
    case 'note':
      return { entity: 'note', op, data: { ...base, ...(record.deleted || record.text === null ? {} : { text: record.text }), ...stamp } };
    case 'supporter_tag':
      return { entity: 'supporter_tag', op, data: { ...base, tag: record.label, ...stamp } };
    case 'follow_up':
      if (record.kind === 'snooze') {
        return { entity: 'follow_up', op, data: { ...base, kind: 'snooze', startsAt: iso(record.startsAt), dueAt: iso(record.dueAt), ...stamp } };
      }
      return {
        entity: 'follow_up',
        op,
        data: { ...base, kind: 'reminder', dueAt: iso(record.dueAt), ...(record.deleted || record.text === null ? {} : { text: record.text }), ...stamp },
      };
  }
}
