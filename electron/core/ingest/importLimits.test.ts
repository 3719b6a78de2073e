import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';
import { invokeCoreRequest } from '../../cli/invokeCoreRequest';
import { checkpointWal } from '../db/checkpointWal';
import { createCoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { DEFAULT_QUARANTINE_LIMITS, QuarantineStore } from '../store/quarantineStore';
import { OVERSIZED_LINE_REASON } from './applyChangeBatch';

const NOW = '2025-12-03T10:00:00Z';
const MIB = 1024 * 1024;
/** Chunks already let go count until the collector runs; holding a 600 MB line would be far above this. */
const MEMORY_BOUND_MIB = 160;

const line = (record: object) => `${JSON.stringify(record)}\n`;
const supporter = (id: string, handle = `fan_${id}`) => ({ entity: 'supporter', op: 'upsert', data: { id, handle, firstSeenAt: '2025-11-01T00:00:00Z' } });
const gift = (id: string, supporterId: string) => ({ entity: 'activity', op: 'upsert', data: { id, supporterId, type: 'gift', at: '2025-12-01T12:00:00Z', tokens: 5 } });

/**
 * A named pipe fed by `produce`: the import reads it like a file, but nothing is written to disk,
 * so a 600 MB line costs no disk space and no time to write out first.
 */
function pipeOf(produce: () => AsyncGenerator<Buffer | string>): { file: string; written: Promise<void> } {
  const file = path.join(tempDir('crm-pipe-'), 'feed.jsonl');
  execFileSync('mkfifo', [file]);
  return { file, written: pipeline(Readable.from(produce()), fs.createWriteStream(file)) };
}

async function* repeated(byte: number, totalBytes: number): AsyncGenerator<Buffer> {
  const chunkBytes = 64 * 1024;
  for (let sent = 0; sent < totalBytes; sent += chunkBytes) yield Buffer.alloc(Math.min(chunkBytes, totalBytes - sent), byte);
}

/** Peak of JS heap plus buffers while `work` runs, above where it started, in MiB. */
async function peakMemoryDuring<T>(work: () => Promise<T>): Promise<{ result: T; growthMib: number }> {
  const sample = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const start = sample();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 10);
  try {
    const result = await work();
    peak = Math.max(peak, sample());
    return { result, growthMib: (peak - start) / MIB };
  } finally {
    clearInterval(timer);
  }
}

function workspaceSize(dataDir: string): number {
  return fs.readdirSync(dataDir).reduce((sum, name) => sum + fs.statSync(path.join(dataDir, name)).size, 0);
}

describe('import limits (SPEC §1 v1.1): huge lines, /dev/zero, huge strings, a flood of bad lines', () => {
  it('quarantines a 600 MB line as position, length and reason, applies the rest of its batch, and keeps memory bounded', async () => {
    const dataDir = tempDir();
    const lineBytes = 600 * 1000 * 1000;
    const prefix = '{"entity":"supporter","op":"upsert","data":{"id":"huge","handle":"';
    const suffix = '","firstSeenAt":"2025-11-01T00:00:00Z"}}';
    const feed = pipeOf(async function* () {
      yield line(supporter('s1'));
      yield prefix;
      yield* repeated(0x61, lineBytes - prefix.length - suffix.length);
      yield `${suffix}\n`;
      yield line(gift('a1', 's1'));
      yield line(supporter('s2'));
    });
    const { result: run, growthMib } = await peakMemoryDuring(() => captureCli(['import', feed.file, '--data-dir', dataDir, '--now', NOW, '--json']));
    await feed.written;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ applied: 3, quarantined: 1, droppedForbiddenFields: 0 });
    const core = CrmCore.open({ dataDir });
    expect(core.db.prepare('SELECT position, length, reason, record FROM quarantine').all()).toEqual([{ position: 2, length: lineBytes, reason: OVERSIZED_LINE_REASON, record: null }]);
    expect(core.stores.stats.stats(0)).toMatchObject({ supporters: 2, activities: 1, quarantined: 1 });
    core.close();
    expect(growthMib).toBeLessThan(MEMORY_BOUND_MIB);
    console.info(`600 MB line through crm import: applied 3, quarantined 1 (position 2, ${lineBytes.toLocaleString('en')} bytes); peak heap + buffers ${growthMib.toFixed(0)} MiB above the start`);
  });

  it.skipIf(!fs.existsSync('/dev/zero'))('refuses `crm import /dev/zero` plainly, without a stack trace', async () => {
    const run = await captureCli(['import', '/dev/zero', '--data-dir', tempDir(), '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('crm import: /dev/zero is a device, not a JSONL file. Import reads a file of change records, one per line.\n');
  });

  it('reads zeros with no newline from a pipe as one oversized line', async () => {
    const dataDir = tempDir();
    const feed = pipeOf(() => repeated(0, 200 * MIB));
    const run = await captureCli(['import', feed.file, '--data-dir', dataDir, '--json']);
    await feed.written;
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ applied: 0, quarantined: 1, droppedForbiddenFields: 0 });
  });

  it('never stores a 50 MB handle whole: a line that long is not read, and a synced one is cut to 1,000 characters', async () => {
    const dataDir = tempDir();
    const handle = 'h'.repeat(50 * MIB);
    const feed = pipeOf(async function* () {
      yield line(supporter('big-line', handle));
      yield line(supporter('s1'));
    });
    const run = await captureCli(['import', feed.file, '--data-dir', dataDir, '--json']);
    await feed.written;
    expect(run.json()).toEqual({ applied: 1, quarantined: 1, droppedForbiddenFields: 0 });

    const core = CrmCore.open({ dataDir });
    const outcome = core.applyBatch([{ kind: 'value', value: supporter('big-value', handle), position: 1 }], 'sync:test');
    expect(outcome.quarantined).toBe(1);
    const rows = core.db.prepare('SELECT reason, record FROM quarantine ORDER BY id').all() as { reason: string; record: string | null }[];
    expect(rows[0]).toEqual({ reason: OVERSIZED_LINE_REASON, record: null });
    expect(rows[1]?.reason).toBe('field "data.handle" is longer than 100 characters');
    const kept = JSON.parse(rows[1]?.record ?? 'null') as { data: { id: string; handle: string } };
    expect(kept.data.id).toBe('big-value');
    expect(kept.data.handle).toHaveLength(1000);
    expect(kept.data.handle.endsWith('…')).toBe(true);
    core.close();
  });

  it('keeps the quarantine bounded under 112 MB of bad lines: the oldest go, counted in stats and the sync status', async () => {
    const dataDir = tempDir();
    const seed = pipeOf(async function* () {
      yield line(supporter('s1'));
    });
    await captureCli(['import', seed.file, '--data-dir', dataDir, '--json']);
    await seed.written;
    const sizeBefore = workspaceSize(dataDir);

    // Each bad line is a supporter without firstSeenAt and with a 1,100-character handle.
    const handle = 'x'.repeat(1100);
    const badLine = (index: number) => line({ entity: 'supporter', op: 'upsert', data: { id: `bad-${String(index).padStart(6, '0')}`, handle } });
    const badLines = Math.ceil((112 * 1000 * 1000) / badLine(0).length);
    const feed = pipeOf(async function* () {
      let chunk = '';
      for (let index = 0; index < badLines; index += 1) {
        chunk += badLine(index);
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk + line(supporter('s2'));
    });
    const started = performance.now();
    const run = await captureCli(['import', feed.file, '--data-dir', dataDir, '--json']);
    await feed.written;
    const seconds = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ applied: 1, quarantined: badLines, droppedForbiddenFields: 0 });

    const core = CrmCore.open({ dataDir });
    const stats = core.stores.stats.stats(0);
    expect(stats.supporters).toBe(2);
    expect(stats.quarantined).toBeLessThanOrEqual(DEFAULT_QUARANTINE_LIMITS.maxEntries);
    expect(stats.quarantined + stats.quarantineDropped).toBe(badLines);
    // The oldest went first: what is left is the last lines of the file, without a gap.
    const kept = core.db.prepare('SELECT min(position) AS first, max(position) AS last, sum(length(record)) AS chars FROM quarantine').get() as { first: number; last: number; chars: number };
    expect(kept.last).toBe(badLines);
    expect(kept.last - kept.first + 1).toBe(stats.quarantined);
    expect(kept.chars).toBeLessThanOrEqual(DEFAULT_QUARANTINE_LIMITS.maxRecordChars);
    const status = await invokeCoreRequest(createCoreServices(core, { observers: 'none' }), 'sync.status', {});
    expect(status.quarantine).toMatchObject({ total: stats.quarantined, dropped: stats.quarantineDropped });
    core.close();

    const printed = await captureCli(['stats', '--data-dir', dataDir, '--json']);
    expect(printed.json()).toMatchObject({ quarantined: stats.quarantined, quarantineDropped: stats.quarantineDropped });
    const growthMb = (workspaceSize(dataDir) - sizeBefore) / 1e6;
    expect(growthMb).toBeLessThan(20);
    console.info(
      `112 MB of bad lines (${badLines.toLocaleString('en')}): import ${seconds.toFixed(1)} s; quarantine keeps ${stats.quarantined.toLocaleString('en')} (${(kept.chars / MIB).toFixed(1)} Mi characters), dropped ${stats.quarantineDropped.toLocaleString('en')} oldest; workspace grew ${growthMb.toFixed(1)} MB`,
    );
  }, 240_000);

  it('bounds the quarantine by its records\' size as well as by count', () => {
    const core = CrmCore.open({ dataDir: tempDir() });
    const limits = { maxEntries: 1000, maxRecordChars: 20_000 };
    // A store with small limits on the same cache, to show the size limit without megabytes of data.
    const quarantine = new QuarantineStore(core.db, limits);
    core.db.transaction(() => {
      for (let index = 0; index < 100; index += 1) quarantine.add({ receivedAt: 0, source: 'test', position: index + 1, length: 1000, reason: 'r', record: 'r'.repeat(1000) });
      quarantine.trim();
    }).immediate();
    expect(quarantine.count()).toBe(20);
    expect(quarantine.droppedCount()).toBe(80);
    expect(checkpointWal(core.db, 'TRUNCATE')).toBe(true);
    core.close();
  });
});
