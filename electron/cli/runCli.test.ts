import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../../tests/support/captureCli';
import { tempDir } from '../../tests/support/tempDir';

const NOW = '2025-12-03T10:00:00Z';

describe('crm CLI', () => {
  it('demo then stats prints counts that match what was generated', async () => {
    const dataDir = tempDir();
    const demo = await captureCli(['demo', '--data-dir', dataDir, '--supporters', '300', '--seed', '7', '--now', NOW, '--json']);
    expect(demo.code).toBe(0);
    const generated = demo.json<{ supporters: number; activities: number; streams: number; listings: number }>();
    expect(generated.supporters).toBe(300);
    expect(generated.activities).toBeGreaterThan(1000);
    const stats = await captureCli(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code).toBe(0);
    expect(stats.json()).toMatchObject({ ...generated, quarantined: 0, outboxPending: 0 });
  });

  it('the same seed gives the same workspace (same content hash)', async () => {
    const hashes = [];
    for (let run = 0; run < 2; run += 1) {
      const dataDir = tempDir();
      await captureCli(['demo', '--data-dir', dataDir, '--supporters', '50', '--seed', '3', '--now', NOW]);
      hashes.push((await captureCli(['stats', '--data-dir', dataDir, '--json'])).json<{ contentHash: string }>().contentHash);
    }
    expect(hashes[0]).toBe(hashes[1]);
  });

  it('import twice leaves identical counts; bad lines are quarantined while the rest applies', async () => {
    const dataDir = tempDir();
    const file = path.join(tempDir(), 'changes.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ entity: 'supporter', op: 'upsert', data: { id: 's1', handle: 'fan1', firstSeenAt: '2025-11-01T00:00:00Z', email: 'x@y.z' } }),
        '{broken',
        JSON.stringify({ entity: 'planet', op: 'upsert', data: { id: 'p' } }),
        JSON.stringify({ entity: 'activity', op: 'upsert', data: { id: 'a1', supporterId: 's1', at: '2025-12-01T00:00:00Z', tokens: 5 } }),
        '',
        JSON.stringify({ entity: 'activity', op: 'upsert', data: { id: 'a2', supporterId: 's1', type: 'gift', at: '2025-12-01T00:00:00Z', tokens: 5 } }),
      ].join('\n'),
    );
    const first = await captureCli(['import', file, '--data-dir', dataDir, '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({ applied: 2, quarantined: 3, droppedForbiddenFields: 1 });
    const statsAfterFirst = (await captureCli(['stats', '--data-dir', dataDir, '--json'])).json<Record<string, unknown>>();
    await captureCli(['import', file, '--data-dir', dataDir, '--json']);
    const statsAfterSecond = (await captureCli(['stats', '--data-dir', dataDir, '--json'])).json<Record<string, unknown>>();
    expect({ ...statsAfterSecond, quarantined: 0 }).toEqual({ ...statsAfterFirst, quarantined: 0 });
    expect(statsAfterSecond).toMatchObject({ supporters: 1, activities: 1 });
  });

  it('explains bad usage on stderr with a non-zero exit', async () => {
    const dataDir = tempDir();
    const unknown = await captureCli(['frobnicate', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const missingFile = await captureCli(['import', path.join(dataDir, 'nope.jsonl'), '--data-dir', dataDir, '--json']);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stdout).toBe('');
    expect(missingFile.stderr).toContain('No such file');
    const badNow = await captureCli(['demo', '--data-dir', dataDir, '--now', 'yesterday']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now needs an ISO-8601 timestamp');
    const badNumber = await captureCli(['demo', '--data-dir', dataDir, '--supporters', 'lots']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--supporters needs a whole number');
    // The benchmark refuses sizes it cannot build before it creates anything.
    const tinyBench = await captureCli(['bench', '--supporters', '5', '--json']);
    expect(tinyBench.code).toBe(2);
    expect(tinyBench.stdout).toBe('');
    expect(tinyBench.stderr).toContain('--supporters must be between 10 and 1000000');
  });
});
