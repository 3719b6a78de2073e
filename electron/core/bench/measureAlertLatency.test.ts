import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrmCore } from '../crmCore';
import { generateDemoRecords } from '../demo/generateDemoRecords';
import { createCoreServices } from '../createCoreServices';
import { measureAlertLatency } from './measureAlertLatency';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A small-size smoke of `alertLatencyMs`: proves the measurement runs end to end. No figure is
 * asserted beyond every sample arriving within 10 s, which only live delivery can do: the
 * periodic pull comes every 15 s.
 */
describe('alertLatencyMs (smoke)', () => {
  it('first-syncs a live platform’s demo world and times VIPs coming online to their notification', async () => {
    const result = await measureAlertLatency({ samples: 3, supporters: 300, seed: 5, settleMs: 200, gapMs: [50, 150], sampleTimeoutMs: 10_000 });
    expect(result).toMatchObject({ samples: 3, misses: 0 });
    expect(result.supporters).toBeGreaterThanOrEqual(300);
    expect(result.raisedP50).toBeLessThanOrEqual(result.p50);
    expect(result.p50).toBeLessThanOrEqual(result.p95);
    expect(result.p95).toBeLessThanOrEqual(result.max);
    expect(result.max).toBeLessThan(10_000);
  }, 120_000);

  it('measures in an existing workspace made for another time, on a clock shifted to it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-alert-latency-test-'));
    dirs.push(dataDir);
    const dataNow = Date.parse('2025-12-03T10:00:00Z');
    const core = CrmCore.open({ dataDir, clock: () => dataNow });
    createCoreServices(core);
    // Imported, not `crm demo`: a demo workspace never syncs, so it could not follow a platform.
    const records = [...generateDemoRecords({ supporters: 300, days: 90, seed: 5, now: dataNow })];
    core.applyBatch(records.map((value, position) => ({ kind: 'value' as const, value, position })), 'import:test');
    core.close();
    const result = await measureAlertLatency({ dataDir, dataNow, samples: 2, settleMs: 200, gapMs: [50, 150], sampleTimeoutMs: 10_000 });
    expect(result).toMatchObject({ samples: 2, misses: 0, supporters: 300 });
  }, 120_000);
});
