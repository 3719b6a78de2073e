import { validateMemoryRecord } from '../../ingest/validateMemoryRecord';
import type { CrmCore } from '../../crmCore';
import type { OutboxEntry, OutboxStore } from '../../store/outboxStore';
import { mergeMemoryRecord } from './mergeMemoryRecord';

/**
 * The outbox is the source of truth for memory written here (docs/sync-protocol.md §6, §9): each
 * queued record is merged into the cache, so one whose cache write was lost — the process died
 * between the outbox's commit and the cache's, or the cache was rebuilt — is back, and one already
 * there changes nothing. An entry that is not a memory record this console can send (salvaged
 * damage) is marked failed. Returns the entries that can be sent.
 */
export function restoreQueuedMemory(core: CrmCore, outbox: OutboxStore, entries: readonly OutboxEntry[], at: number): { sendable: OutboxEntry[]; failed: number } {
  const sendable: OutboxEntry[] = [];
  let failed = 0;
  let restored = false;
  core.transaction(() => {
    for (const entry of entries) {
      const checked = validateMemoryRecord(entry.params);
      if (!checked.ok) {
        outbox.failMemory(entry.id, `This console cannot send it: ${checked.reason}`, at);
        failed += 1;
        continue;
      }
      const merged = mergeMemoryRecord(core.stores, checked.record);
      restored ||= merged === 'inserted' || merged === 'replaced';
      sendable.push(entry);
    }
    if (restored) core.stores.memorySearch.refresh();
  });
  if (restored) core.emit({ kind: 'data_changed', reason: 'memory' });
  return { sendable, failed };
}

/** On opening the workspace: every queued memory change is in the cache (a no-op unless a write was cut short). */
export function restoreAllQueuedMemory(core: CrmCore, outbox: OutboxStore, at: number): void {
  let afterId = 0;
  for (;;) {
    const page = outbox.pendingMemory(500, afterId);
    if (page.length === 0) return;
    restoreQueuedMemory(core, outbox, page, at);
    afterId = (page.at(-1) as OutboxEntry).id;
  }
}
