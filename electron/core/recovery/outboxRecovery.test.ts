import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../shared/contract/apiTypes';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { CLI_WORDING } from '../../cli/invokeCoreRequest';
import { runCrmAction } from '../actions/runCrmAction';
import { CONSOLE_WORDING } from '../api/invokeRequest';
import { startCoreRuntime } from '../coreRuntime';
import { CrmCore } from '../crmCore';
import { classifyDatabaseError, OutboxDamagedError } from '../db/classifyDatabaseError';
import { createDemoWorkspace } from '../demo/createDemoWorkspace';
import { SeededRandom } from '../demo/seededRandom';
import { OutboxStore } from '../store/outboxStore';
import { OUTBOX_COLUMNS } from './salvageOutboxRows';

/**
 * Issue 16 item 3: a damaged `outbox.sqlite` must not keep the workspace from opening. Readable
 * rows are salvaged into a fresh outbox, the damaged file is moved aside, and the creator is told
 * how many queued actions were recovered and how many were not — every queued action is one or
 * the other — in words that are true for the surface saying them.
 */
const NOW = Date.parse('2025-12-03T10:00:00Z');
const clock = () => NOW;
const MINUTE = 60_000;

/** A demo workspace with `queued` actions taken through the real action path while offline, closed cleanly. */
function workspaceWithQueuedActions(queued: number): string {
  const dataDir = tempDir();
  const core = CrmCore.open({ dataDir, clock });
  createDemoWorkspace(core, { supporters: 80, days: 30, seed: 11, now: NOW });
  let taken = 0;
  for (let index = 0; taken < queued; index += 1) {
    const supporterId = `s${String((index % 80) + 1).padStart(6, '0')}`;
    const type = index < 80 ? 'dm_reminder' : 'prioritize_reply';
    // 90 s apart: well under the 60-an-hour limit.
    const result = runCrmAction(core, { supporterId, type }, { now: NOW + index * 1.5 * MINUTE });
    if (result.status === 'executed') taken += 1;
  }
  core.close();
  return dataDir;
}

function copyWorkspace(template: string): string {
  const dataDir = tempDir();
  for (const file of fs.readdirSync(template)) {
    if (fs.statSync(path.join(template, file)).isFile()) fs.copyFileSync(path.join(template, file), path.join(dataDir, file));
  }
  return dataDir;
}

type Damage = { kind: 'random bytes' | 'truncation' | 'garbage header'; apply(file: string): string };

function damages(random: SeededRandom, size: number): Damage[] {
  const list: Damage[] = [];
  for (let trial = 0; trial < 16; trial += 1) {
    const offset = random.int(0, size - 512);
    const bytes = Buffer.from(Array.from({ length: 512 }, () => random.int(0, 255)));
    list.push({ kind: 'random bytes', apply: (file) => (writeAt(file, bytes, offset), `512 random bytes at ${offset}`) });
  }
  for (let trial = 0; trial < 6; trial += 1) {
    const length = random.int(0, size - 1);
    list.push({ kind: 'truncation', apply: (file) => (fs.truncateSync(file, length), `truncated to ${length} bytes`) });
  }
  list.push({ kind: 'garbage header', apply: (file) => (writeAt(file, Buffer.alloc(100, 0x41), 0), '100 bytes of "A" over the header') });
  const noise = Buffer.from(Array.from({ length: 100 }, () => random.int(0, 255)));
  list.push({ kind: 'garbage header', apply: (file) => (writeAt(file, noise, 0), '100 random bytes over the header') });
  return list;
}

function writeAt(file: string, bytes: Buffer, offset: number): void {
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, bytes, 0, bytes.length, offset);
  fs.closeSync(handle);
}

describe('a damaged outbox', () => {
  it('opens every time at 24 kinds and places of damage; every queued action is recovered or counted as lost', async () => {
    const QUEUED = 120;
    const template = workspaceWithQueuedActions(QUEUED);
    const size = fs.statSync(OutboxStore.filePath(template)).size;
    const figures = { trials: 0, salvaged: 0, openedAsIs: 0, recovered: 0, lost: 0 };
    for (const damage of damages(new SeededRandom(16), size)) {
      const dataDir = copyWorkspace(template);
      const what = damage.apply(OutboxStore.filePath(dataDir));
      const runtime = startCoreRuntime({ dataDir, clock, createDemoIfEmpty: false });
      try {
        const info = await runtime.invoke('workspace.info', {});
        expect(info.ok, what).toBe(true);
        const report = (info as { value: WorkspaceInfo }).value.lastOutboxRecovery;
        // Every entry of the outbox now open reads back (no damaged value left in it).
        const entries = runtime.core.outbox.open().list(0, 10_000);
        const waiting = entries.filter((entry) => entry.status === 'pending').length;
        if (report) {
          expect(report.notRecovered, what).not.toBeNull();
          expect(report.waiting + (report.notRecovered ?? 0), what).toBe(QUEUED);
          expect(waiting, what).toBe(report.waiting);
          expect(fs.existsSync(report.movedTo), what).toBe(true);
          figures.salvaged += 1;
          figures.recovered += report.waiting;
          figures.lost += report.notRecovered ?? 0;
        } else {
          // The damage fell where nothing is read (free space in a page): nothing to salvage.
          expect(waiting, what).toBe(QUEUED);
          figures.openedAsIs += 1;
          figures.recovered += QUEUED;
        }
        const stats = await runtime.invoke('workspace.stats', {});
        expect(stats.ok && (stats.value as { outboxPending: number }).outboxPending, what).toBe(waiting);
        figures.trials += 1;
      } finally {
        await runtime.stop();
      }
    }
    expect(figures.trials).toBe(24);
    expect(figures.salvaged).toBeGreaterThan(0);
    expect(figures.recovered + figures.lost).toBe(24 * QUEUED);
    console.info(
      `outbox damaged at ${figures.trials} offsets (16 × 512 random bytes, 6 truncations, 2 garbage headers; ${size} bytes, ${QUEUED} queued actions): ` +
        `the workspace opened ${figures.trials} of ${figures.trials} times — ${figures.salvaged} salvaged, ${figures.openedAsIs} with the damage outside every row; ` +
        `queued actions recovered ${figures.recovered}, counted as lost ${figures.lost}, unaccounted 0`,
    );
  }, 120_000);

  it('salvages rows that live only in the write-ahead log when the main file header is garbage', () => {
    const dataDir = tempDir();
    const core = CrmCore.open({ dataDir, clock });
    createDemoWorkspace(core, { supporters: 10, days: 10, seed: 3, now: NOW });
    // Three actions reach the main file (a clean close checkpoints), three more stay in the WAL.
    for (let index = 1; index <= 3; index += 1) runCrmAction(core, { supporterId: `s00000${index}`, type: 'dm_reminder' }, { now: NOW + index * MINUTE });
    core.close();
    const again = CrmCore.open({ dataDir, clock });
    for (let index = 4; index <= 6; index += 1) runCrmAction(again, { supporterId: `s00000${index}`, type: 'dm_reminder' }, { now: NOW + index * MINUTE });
    // A crash: the files as they are while the outbox is open.
    const crashed = tempDir();
    for (const file of fs.readdirSync(dataDir)) fs.copyFileSync(path.join(dataDir, file), path.join(crashed, file));
    again.close();
    expect(fs.statSync(`${OutboxStore.filePath(crashed)}-wal`).size).toBeGreaterThan(0);
    writeAt(OutboxStore.filePath(crashed), Buffer.alloc(100, 0x5a), 0);

    const reopened = CrmCore.open({ dataDir: crashed, clock, holdsWorkspaceLock: true });
    try {
      expect(reopened.outbox.open().pendingCount()).toBe(6);
      expect(JSON.parse(reopened.stores.meta.get('lastOutboxRecovery') ?? '{}')).toMatchObject({ recovered: 6, waiting: 6, notRecovered: 0 });
    } finally {
      reopened.close();
    }
  });

  it('the CLI salvages too and says what it kept and lost, without mentioning a log it does not keep', async () => {
    const dataDir = copyWorkspace(workspaceWithQueuedActions(10));
    fs.truncateSync(OutboxStore.filePath(dataDir), 4096 * 3);
    const stats = await captureCli(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code).toBe(0);
    const { outboxPending } = stats.json<{ outboxPending: number }>();
    expect(stats.stderr).toMatch(/^The file of queued actions \(outbox\.sqlite\) was damaged \(.+\)\. It was moved to .+damaged.+outbox-.+\.sqlite and a fresh one started\. /);
    expect(stats.stderr).toContain(`still waiting to be sent`);
    const lost = 10 - outboxPending;
    expect(stats.stderr).toContain(lost === 0 ? 'Every action in the activity log was read back.' : `${lost} action${lost === 1 ? '' : 's'} in the activity log could not be read back`);
    // Once salvaged, the next command finds a sound outbox and says nothing more.
    const again = await captureCli(['stats', '--data-dir', dataDir, '--json']);
    expect(again.stderr).toBe('');
    expect(again.json<{ outboxPending: number }>().outboxPending).toBe(outboxPending);
  });

  it('without an activity log to compare with, the report says the loss could not be counted rather than claim none', () => {
    const dataDir = tempDir();
    const outbox = OutboxStore.open(dataDir);
    outbox.enqueue({ type: 'dm_reminder', supporterId: 's1', params: {}, idempotencyKey: crypto.randomUUID(), createdAt: NOW });
    outbox.close();
    writeAt(OutboxStore.filePath(dataDir), Buffer.alloc(100, 0x41), 0);
    const core = CrmCore.open({ dataDir, clock, holdsWorkspaceLock: true });
    try {
      expect(core.outbox.open().pendingCount()).toBe(1);
      expect(JSON.parse(core.stores.meta.get('lastOutboxRecovery') ?? '{}')).toMatchObject({ recovered: 1, waiting: 1, notRecovered: null });
    } finally {
      core.close();
    }
  });

  it('the salvage knows every column of the outbox table', () => {
    const dataDir = tempDir();
    OutboxStore.open(dataDir).close();
    const db = new Database(OutboxStore.filePath(dataDir), { readonly: true });
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(outbox)').all().map((column) => column.name);
    db.close();
    expect(columns).toEqual([...OUTBOX_COLUMNS]);
  });

  it('each surface says only what it does: the console rebuilds and salvages, the CLI keeps no log', () => {
    const damaged = new OutboxDamagedError('database disk image is malformed');
    expect(classifyDatabaseError(damaged)).toBe('outbox_damaged');
    expect(CONSOLE_WORDING.faults.outbox_damaged).toContain('It is being recovered now');
    expect(CONSOLE_WORDING.faults.damaged).not.toContain('are safe');
    for (const message of [CLI_WORDING.internal, ...Object.values(CLI_WORDING.faults)]) expect(message).not.toMatch(/\bthe log\b|moved aside|being rebuilt|being recovered/);
  });
});
