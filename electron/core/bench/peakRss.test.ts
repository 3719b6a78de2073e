import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { peakRssMb } from './peakRss';

const REPO = path.resolve(__dirname, '../../..');

describe('peakRssMb', () => {
  it.runIf(process.platform === 'linux')("reports a child's own peak, not the resident size its parent had when it forked it", () => {
    // The parent (this test) holds 400 MB of touched memory while it starts a child that holds
    // almost nothing; the kernel's getrusage would report the parent's size for that child.
    const held = Buffer.alloc(400 * 1024 * 1024, 1);
    const ownPeak = peakRssMb();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', "import { peakRssMb } from './electron/core/bench/peakRss.ts'; process.stdout.write(String(peakRssMb()));"],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    const childPeak = Number(child.stdout);
    expect(held.at(-1)).toBe(1);
    expect(ownPeak).toBeGreaterThanOrEqual(400);
    expect(childPeak).toBeGreaterThan(0);
    // A bare Node with tsx loaded stays well under 200 MB.
    expect(childPeak).toBeLessThan(200);
  });
});
