import fs from 'node:fs';
import path from 'node:path';
import type { OutboxRecoveryReport } from '../../../shared/contract/apiTypes';
import type { CrmCore } from '../crmCore';
import { OutboxDamagedError } from '../db/classifyDatabaseError';
import { OutboxStore } from '../store/outboxStore';
import { salvageOutboxRows } from './salvageOutboxRows';
import { holderLabel, tryAcquireWorkspaceLock, WorkspaceBusyError, type WorkspaceLock } from '../db/workspaceLock';
import { moveDamagedCacheAside } from './moveDamagedCacheAside';

export const LAST_OUTBOX_RECOVERY_META_KEY = 'lastOutboxRecovery';
/** Where a salvaged outbox is filled before it takes the damaged one's place. */
const SALVAGED_FILE_NAME = 'outbox.salvaged.sqlite';

/**
 * Opens the workspace's outbox (`outbox.sqlite`, the queued actions). When it is damaged, the rows
 * that can still be read are salvaged into a fresh outbox, the damaged file is moved into
 * `damaged/` (never deleted), and the report says how many actions were read back and how many
 * actions the cache's activity log knows of that were not (see `salvageOutbox`). The cache is not
 * touched: it is not what is damaged.
 */
export function openOutboxWithRecovery(core: CrmCore): { outbox: OutboxStore; recovery: OutboxRecoveryReport | null } {
  finishInterruptedSalvage(core.dataDir);
  try {
    return { outbox: OutboxStore.open(core.dataDir), recovery: null };
  } catch (error) {
    if (!(error instanceof OutboxDamagedError)) throw error;
    // Replacing the file under a process that has it open would lose what that process writes
    // next: only the workspace's lock holder salvages (a reader takes the lock for the moment if
    // it is free, and otherwise leaves the file to the holder).
    let lock: WorkspaceLock | null = null;
    if (!core.holdsWorkspaceLock) {
      try {
        lock = tryAcquireWorkspaceLock(core.dataDir, { kind: 'cli', what: 'outbox salvage' });
      } catch (busy) {
        if (busy instanceof WorkspaceBusyError) throw new OutboxDamagedError(`${error.detail}; it is left for ${busy.holder ? holderLabel(busy.holder) : 'the process holding the workspace'} to salvage`, { cause: error });
        throw busy;
      }
    }
    try {
      const recovery = salvageOutbox(core, error.detail);
      return { outbox: OutboxStore.open(core.dataDir), recovery };
    } finally {
      lock?.release();
    }
  }
}

/**
 * Salvages the (closed) outbox of this workspace and records what happened in the cache, for the
 * console's banner. Crash-safe: the fresh outbox is complete before the damaged one is moved, and
 * an interrupted swap is finished by the next open.
 *
 * `notRecovered` counts the actions the activity log records as executed (so queued at some time)
 * whose key was not read back. Some of them may have been delivered before the damage — the
 * cache does not know — so they are not sent again (an action must never reach a supporter twice);
 * the creator is told to check. It is `null` when the activity log is empty, as after a cache
 * rebuild: then there is nothing to count against, and the report says so rather than claim 0.
 */
export function salvageOutbox(core: CrmCore, reason: string): OutboxRecoveryReport {
  const outboxPath = OutboxStore.filePath(core.dataDir);
  const salvagedPath = path.join(core.dataDir, SALVAGED_FILE_NAME);
  removeSqliteFile(salvagedPath);
  const entries = salvageOutboxRows(outboxPath);
  const fresh = OutboxStore.openFile(salvagedPath);
  try {
    fresh.restore(entries);
  } finally {
    fresh.close();
  }
  const now = core.clock();
  const movedTo = moveDamagedCacheAside(outboxPath, now);
  fs.renameSync(salvagedPath, outboxPath);

  const readBack = new Set(entries.map((entry) => entry.idempotencyKey));
  const executed = core.stores.actionLog.executedActionIds();
  const report: OutboxRecoveryReport = {
    at: new Date(now).toISOString(),
    reason,
    movedTo,
    recovered: entries.length,
    waiting: entries.filter((entry) => entry.status === 'pending').length,
    notRecovered: executed.length === 0 ? null : executed.filter((key) => !readBack.has(key)).length,
  };
  core.stores.meta.set(LAST_OUTBOX_RECOVERY_META_KEY, JSON.stringify(report));
  return report;
}

/** The last outbox recovery recorded in this cache, if any. */
export function readOutboxRecovery(core: CrmCore): OutboxRecoveryReport | null {
  const stored = core.stores.meta.get(LAST_OUTBOX_RECOVERY_META_KEY);
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as OutboxRecoveryReport;
  } catch {
    return null;
  }
}

/**
 * The report in words for a surface that cannot show the banner (the CLI, the runtime's log): the
 * numbers and what follows from them, nothing it did not do.
 */
export function describeOutboxRecovery(report: OutboxRecoveryReport): string {
  const lines = [
    `The file of queued actions (outbox.sqlite) was damaged (${report.reason}). It was moved to ${report.movedTo} and a fresh one started.`,
    `${count(report.recovered, 'action')} could be read back and ${report.recovered === 1 ? 'was' : 'were'} kept; ${count(report.waiting, 'of them is', 'of them are')} still waiting to be sent.`,
  ];
  if (report.notRecovered === null) {
    lines.push('The activity log holds no actions to compare with, so actions lost in the damaged part, if any, could not be counted.');
  } else if (report.notRecovered > 0) {
    lines.push(
      `${count(report.notRecovered, 'action')} in the activity log could not be read back and will not be sent: any of them that had not reached the platform yet must be taken again.`,
    );
  } else {
    lines.push('Every action in the activity log was read back.');
  }
  return lines.join(' ');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function finishInterruptedSalvage(dataDir: string): void {
  const salvagedPath = path.join(dataDir, SALVAGED_FILE_NAME);
  if (!fs.existsSync(salvagedPath)) return;
  // Moved aside but not yet renamed into place: finish the swap. Otherwise the damaged file is
  // still there, and the half-filled copy is dropped so the salvage runs again from it.
  if (!fs.existsSync(OutboxStore.filePath(dataDir))) fs.renameSync(salvagedPath, OutboxStore.filePath(dataDir));
  else removeSqliteFile(salvagedPath);
}

function removeSqliteFile(filePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filePath + suffix, { force: true });
}
