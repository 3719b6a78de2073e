import { createHash } from 'node:crypto';
import type { MemoryRecord } from '../../../../shared/domain/memoryRecords';

/**
 * What a record says, as one string: every field but the version stamp (version, updatedAt,
 * writer). Two records with the same stamp and the same content are the same write.
 */
export function memoryContent(record: MemoryRecord): string {
  const common = [record.entity, record.id, record.supporterId, record.createdAt, record.deleted];
  switch (record.entity) {
    case 'note':
      return JSON.stringify([...common, record.text]);
    case 'supporter_tag':
      return JSON.stringify([...common, record.tagKey, record.label]);
    case 'follow_up':
      return record.kind === 'reminder'
        ? JSON.stringify([...common, record.kind, record.dueAt, record.text])
        : JSON.stringify([...common, record.kind, record.startsAt, record.dueAt]);
  }
}

function digest(record: MemoryRecord): string {
  return createHash('sha256').update(memoryContent(record)).digest('hex');
}

/**
 * Last writer wins per id (docs/sync-protocol.md §9): the order of two copies of one memory
 * record, positive when `a` wins. By `version` (each write raises it by one, so the copy that
 * has seen more writes wins), then `updatedAt` (the later write), then `writer` (the workspace
 * id, compared as text), then a digest of the content: the last step only separates two
 * different writes with the same stamp, which only two copies of one workspace folder could make.
 * It is a total order on distinct records, so every machine, and the platform, keeps the same
 * winner whatever order the copies arrive in; 0 means the same write (an echo).
 */
export function compareMemoryRecords(a: MemoryRecord, b: MemoryRecord): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a.writer !== b.writer) return a.writer < b.writer ? -1 : 1;
  if (memoryContent(a) === memoryContent(b)) return 0;
  return digest(a) < digest(b) ? -1 : 1;
}
