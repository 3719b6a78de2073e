import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import { startCoreRuntime } from '../coreRuntime';
import { createCoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { classifyDatabaseError } from '../db/classifyDatabaseError';
import { DatabaseTooNewError } from '../db/runMigrations';
import { createDemoWorkspace } from '../demo/createDemoWorkspace';
import { SeededRandom } from '../demo/seededRandom';
import { OutboxStore } from '../store/outboxStore';
import { openCoreWithRecovery } from './openCoreWithRecovery';

const NOW = Date.parse('2025-12-03T10:00:00Z');
const clock = () => NOW;

/** A small demo workspace with three actions queued for the platform, closed cleanly. */
function workspaceWithQueuedActions(): string {
  const dataDir = tempDir();
  const core = CrmCore.open({ dataDir, clock });
  createDemoWorkspace(core, { supporters: 60, days: 30, seed: 11, now: NOW });
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  const outbox = OutboxStore.open(dataDir);
  for (const supporterId of ['s000001', 's000002', 's000003']) {
    outbox.enqueue({ type: 'dm_reminder', supporterId, params: {}, idempotencyKey: randomUUID(), createdAt: NOW });
  }
  outbox.close();
  return dataDir;
}

function pendingActions(dataDir: string): number {
  const outbox = OutboxStore.open(dataDir);
  try {
    return outbox.pendingCount();
  } finally {
    outbox.close();
  }
}

describe('a broken cache', () => {
  it('a truncated file is moved aside and the app starts on a fresh cache, queued actions intact', () => {
    const dataDir = workspaceWithQueuedActions();
    const cache = CrmCore.cachePath(dataDir);
    fs.truncateSync(cache, 3000);
    const { core, recovery } = openCoreWithRecovery({ dataDir, clock });
    expect(recovery?.movedTo).toMatch(/damaged[\\/]cache-2025-12-03T10-00-00\.000Z\.sqlite$/);
    expect(fs.existsSync(recovery?.movedTo ?? '')).toBe(true);
    expect(core.stores.workspace.supporterCount()).toBe(0);
    core.close();
    expect(pendingActions(dataDir)).toBe(3);
  });

  it('garbage in place of the file header is detected and recovered', () => {
    const dataDir = workspaceWithQueuedActions();
    const handle = fs.openSync(CrmCore.cachePath(dataDir), 'r+');
    fs.writeSync(handle, Buffer.alloc(100, 0x41), 0, 100, 0);
    fs.closeSync(handle);
    const { core, recovery } = openCoreWithRecovery({ dataDir, clock });
    expect(recovery).not.toBeNull();
    core.close();
  });

  it('survives corruption at 40 random offsets: the app starts, answers, and loses no queued action', async () => {
    const random = new SeededRandom(2025);
    let recovered = 0;
    let openedAsIs = 0;
    const template = workspaceWithQueuedActions();
    for (let trial = 0; trial < 40; trial += 1) {
      const dataDir = tempDir();
      for (const file of fs.readdirSync(template)) fs.copyFileSync(path.join(template, file), path.join(dataDir, file));
      const cache = CrmCore.cachePath(dataDir);
      const size = fs.statSync(cache).size;
      const offset = random.int(0, size - 512);
      const handle = fs.openSync(cache, 'r+');
      fs.writeSync(handle, Buffer.from(Array.from({ length: 512 }, () => random.int(0, 255))), 0, 512, offset);
      fs.closeSync(handle);
      const runtime = startCoreRuntime({ dataDir, clock, createDemoIfEmpty: trial === 0 });
      // Reads that touch every table: damage found here is recovered from, not fatal.
      let stats = await runtime.invoke('workspace.stats', {});
      if (!stats.ok) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stats = await runtime.invoke('workspace.stats', {});
      }
      expect(stats.ok, `offset ${offset}`).toBe(true);
      if (fs.existsSync(path.join(dataDir, 'damaged'))) recovered += 1;
      else openedAsIs += 1;
      await runtime.stop();
      expect(pendingActions(dataDir), `offset ${offset}`).toBe(3);
    }
    console.info(`corruption trials: 40 offsets, ${recovered} recovered by rebuilding, ${openedAsIs} opened with the damage outside every page read; queued actions lost: 0`);
    expect(recovered).toBeGreaterThan(0);
  });

  it('a cache from a newer app is refused, not moved aside', () => {
    const dataDir = tempDir();
    const future = new Database(CrmCore.cachePath(dataDir));
    future.pragma('user_version = 999');
    future.close();
    expect(() => openCoreWithRecovery({ dataDir, clock })).toThrow(DatabaseTooNewError);
    expect(fs.existsSync(path.join(dataDir, 'damaged'))).toBe(false);
  });

  it('a full disk is detected on write, explained, and the batch is rolled back whole', async () => {
    const dataDir = tempDir();
    const core = CrmCore.open({ dataDir, clock });
    createDemoWorkspace(core, { supporters: 20, days: 30, seed: 1, now: NOW });
    const before = core.stores.stats.stats(0);
    // Cap the file at its current size so the next batch needs pages it cannot have.
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);
    let caught: unknown;
    try {
      createDemoWorkspace(core, { supporters: 400, days: 30, seed: 2, now: NOW });
    } catch (error) {
      caught = error;
    }
    expect(classifyDatabaseError(caught)).toBe('disk_full');
    expect(core.stores.stats.stats(0)).toEqual(before);
    const handlers = createRequestHandlers();
    handlers['system.ping'] = () => {
      throw caught;
    };
    expect(await invokeRequest(createCoreServices(core), handlers, 'system.ping', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The disk is full, so nothing was changed. Free some space and try again.' },
    });
    core.close();
  });

  it('a locked cache is classified as in use, not damaged', () => {
    const dataDir = tempDir();
    CrmCore.open({ dataDir, clock }).close();
    const holder = new Database(CrmCore.cachePath(dataDir));
    holder.exec('BEGIN EXCLUSIVE');
    const other = new Database(CrmCore.cachePath(dataDir), { timeout: 0 });
    let caught: unknown;
    try {
      other.exec("INSERT INTO meta (key, value) VALUES ('x', 'y')");
    } catch (error) {
      caught = error;
    }
    expect(classifyDatabaseError(caught)).toBe('locked');
    holder.exec('ROLLBACK');
    holder.close();
    other.close();
  });
});
