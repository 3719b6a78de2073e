import fs from 'node:fs';
import type { OutboxRecoveryReport } from '../../../shared/contract/apiTypes';
import type { CrmCore } from '../crmCore';
import { openOutboxWithRecovery } from '../recovery/openOutboxWithRecovery';
import { OutboxStore } from './outbox/outboxStore';
import { SyncService, type SyncServiceOptions } from './syncService';
import { SyncStateStore } from './syncStateStore';

/**
 * Sync's per-core objects, kept beside the core rather than inside it so no other feature's code
 * has to change: one outbox and one sync service per open core, closed with it.
 */
const outboxes = new WeakMap<CrmCore, OutboxStore>();
const services = new WeakMap<CrmCore, SyncService>();
const outboxRecoveries = new WeakMap<CrmCore, OutboxRecoveryReport>();
/**
 * The outbox of this workspace (`outbox.sqlite` in its data dir), opened on first use and closed
 * with the core. A damaged one is salvaged as it opens (`openOutboxWithRecovery`).
 */
export function outboxFor(core: CrmCore): OutboxStore {
  let outbox = outboxes.get(core);
  if (!outbox) {
    const { outbox: opened, recovery } = openOutboxWithRecovery(core);
    if (recovery) outboxRecoveries.set(core, recovery);
    outbox = opened;
    outboxes.set(core, opened);
    core.onClose(() => {
      outboxes.delete(core);
      opened.close();
    });
  }
  return outbox;
}

/** What salvaging a damaged outbox did when this core opened it, if it had to: for the host to say so. */
export function outboxRecoveryAtOpen(core: CrmCore): OutboxRecoveryReport | null {
  return outboxRecoveries.get(core) ?? null;
}

/** Actions waiting for the platform; 0 without opening (or creating) the outbox when there is none yet. */
export function pendingActionCount(core: CrmCore): number {
  const open = outboxes.get(core);
  if (open) return open.pendingCount();
  if (!fs.existsSync(OutboxStore.filePath(core.dataDir))) return 0;
  return outboxFor(core).pendingCount();
}

/**
 * Attaches the sync service to a core with the host's options (credential vault, timers). Call once
 * at boot, before requests arrive; then `await service.start()` for periodic sync.
 */
export function attachSyncService(core: CrmCore, options: SyncServiceOptions = {}): SyncService {
  if (services.has(core)) throw new Error('A sync service is already attached to this core.');
  const service = new SyncService(core, outboxFor(core), options);
  services.set(core, service);
  core.onClose(() => {
    services.delete(core);
    service.closeNow();
  });
  return service;
}

/** The core's sync service, attached with defaults (file vault in the data dir, not started) if the host has not. */
export function getSyncService(core: CrmCore): SyncService {
  return services.get(core) ?? attachSyncService(core);
}

export function findSyncService(core: CrmCore): SyncService | undefined {
  return services.get(core);
}

/**
 * Whether a platform connection is saved for this workspace (set by `sync.connect`, cleared by
 * `sync.disconnect`). Synchronous, and without the token: for "generate demo data only when the
 * workspace is empty and not connected".
 */
export function hasPlatformConnection(core: CrmCore): boolean {
  return new SyncStateStore(core.db).connectedServerUrl() !== null;
}
