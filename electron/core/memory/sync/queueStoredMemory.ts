import { randomUUID } from 'node:crypto';
import type { MemoryRecord } from '../../../../shared/domain/memoryRecords';
import type { CrmCore } from '../../crmCore';
import type { OutboxStore } from '../../store/outboxStore';
import { memoryChangeRecord } from './memoryChangeRecord';
import { memoryWriterId } from './memoryWriterId';
import { putMemoryRecord } from './mergeMemoryRecord';

/** Rows per transaction when queueing stored memory. */
const PAGE = 500;

/** Queues records, outbox first as for every memory write; a record not yet signed is signed with `writer`, here and in the cache. */
function queuePage(core: CrmCore, outbox: OutboxStore, records: readonly MemoryRecord[], writer: string): void {
  const at = core.clock();
  const signed = records.map((record) => (record.writer === '' ? { ...record, writer } : record));
  core.transaction(() => {
    outbox.enqueueMemory(signed.map((record) => ({ change: memoryChangeRecord(record), key: randomUUID(), createdAt: at })));
    records.forEach((record, index) => {
      if (record.writer === '') putMemoryRecord(core.stores, signed[index] as MemoryRecord);
    });
  });
}

/**
 * Memory rows never queued for the platform — written before memory synced (migration 14 left
 * them `writer = ''`) or seeded outside the memory commands — are signed with this workspace's id
 * and queued. Returns how many. Cheap when there are none (partial indexes).
 */
export function queueUnsentMemory(core: CrmCore, outbox: OutboxStore): number {
  const { notes, tags, followUps, snoozes } = core.stores;
  const writer = memoryWriterId(core.stores.meta);
  let queued = 0;
  for (const unsent of [(limit: number) => notes.unsent(limit), (limit: number) => tags.unsent(limit), (limit: number) => followUps.unsent(limit), (limit: number) => snoozes.unsent(limit)]) {
    for (;;) {
      const page: MemoryRecord[] = unsent(PAGE);
      if (page.length === 0) break;
      queuePage(core, outbox, page, writer);
      queued += page.length;
    }
  }
  return queued;
}

/**
 * Queues the whole memory of this workspace, tombstones included: when the client starts pulling
 * a platform's log from the beginning (its first sync with this platform, another platform, a
 * platform that answered 410 because it rebuilt its log, a rebuilt cache), because that platform
 * may not hold what an earlier one was sent. Each record replaces a pending copy of itself; the
 * platform keeps whichever copy wins, so sending what it already has changes nothing.
 */
export function queueWholeMemory(core: CrmCore, outbox: OutboxStore): number {
  const { notes, tags, followUps, snoozes } = core.stores;
  const writer = memoryWriterId(core.stores.meta);
  let queued = 0;
  const readers = [
    (after: string) => notes.recordsAfter(after, PAGE),
    (after: string) => tags.recordsAfter(after, PAGE),
    (after: string) => followUps.recordsAfter(after, PAGE),
    (after: string) => snoozes.recordsAfter(after, PAGE),
  ];
  for (const read of readers) {
    let after = '';
    for (;;) {
      const page: MemoryRecord[] = read(after);
      if (page.length === 0) break;
      queuePage(core, outbox, page, writer);
      queued += page.length;
      after = (page.at(-1) as MemoryRecord).id;
    }
  }
  return queued;
}
