import { randomUUID } from 'node:crypto';
import type { MemoryRecord } from '../../../shared/domain/memoryRecords';
import type { CrmCore } from '../crmCore';
import type { OutboxStore } from '../store/outboxStore';
import { memoryChangeRecord } from './sync/memoryChangeRecord';
import { memoryWriterId } from './sync/memoryWriterId';
import { putMemoryRecord } from './sync/mergeMemoryRecord';

/** The version stamp of a new write over `stored` (null: a new id): one version more, now, by this workspace. */
export type MemoryStamp = (stored: MemoryRecord | null) => Pick<MemoryRecord, 'createdAt' | 'updatedAt' | 'version' | 'writer'>;

/** What a memory command writes: whole records (none when nothing changes), and what it answers. */
export interface MemoryWrite<T> {
  records: MemoryRecord[];
  result: T;
}

/**
 * One memory write (docs/sync-protocol.md §9). Inside one cache transaction that holds the write
 * lock from its start: the command reads the stored rows and builds the records it writes (each
 * one version above the stored copy); they are queued in the outbox (`outbox.sqlite` commits
 * first), then written to the cache with the search documents refreshed, and the cache commits.
 * Two files cannot commit as one, so the outbox entry is the source of truth, as for actions
 * (§6): should the cache commit fail, the entries are taken back and the creator hears it failed;
 * should the process die between the two commits, the next sync run writes the queued records
 * into the cache again (memory/sync/restoreQueuedMemory.ts, also when the workspace opens; a merge, so harmless when they
 * are there). Then every window is told (`data_changed`, reason `memory`), unless nothing changed.
 */
export function commitMemoryWrite<T>(core: CrmCore, build: (stamp: MemoryStamp) => MemoryWrite<T>): T {
  let queued: { outbox: OutboxStore; ids: number[] } | null = null;
  let changed = false;
  let result: T;
  try {
    result = core.db
      .transaction(() => {
        const writer = memoryWriterId(core.stores.meta);
        const at = core.clock();
        const write = build((stored) => ({ createdAt: stored?.createdAt ?? at, updatedAt: at, version: (stored?.version ?? 0) + 1, writer }));
        if (write.records.length === 0) return write.result;
        const outbox = core.outbox.open();
        const ids = outbox.enqueueMemory(write.records.map((record) => ({ change: memoryChangeRecord(record), key: randomUUID(), createdAt: at })));
        queued = { outbox, ids };
        for (const record of write.records) putMemoryRecord(core.stores, record);
        core.stores.memorySearch.refresh();
        changed = true;
        return write.result;
      })
      .immediate();
  } catch (error) {
    const taken = queued as { outbox: OutboxStore; ids: number[] } | null;
    if (taken !== null) {
      try {
        taken.outbox.withdrawMemory(taken.ids);
      } catch {
        // The outbox itself failing too: the next sync run writes the queued records into the cache.
      }
    }
    throw error;
  }
  if (changed) core.emit({ kind: 'data_changed', reason: 'memory' });
  return result;
}
