import { describe, expect, it } from 'vitest';
import { INBOX_TABS } from '../../../shared/domain/segments';
import { runBenchmark } from './runBenchmark';

/** A small-size smoke of `crm bench`: proves the command runs end to end; no timing is asserted. */
describe('crm bench (smoke)', () => {
  it('builds a fresh workspace and reports every figure beside its yardstick', async () => {
    const result = await runBenchmark({
      supporters: 150,
      activities: 6000,
      seed: 3,
      alertLatencySamples: 2,
      workerPath: new URL('../worker/coreWorkerFromSource.mjs', import.meta.url),
    });
    expect(result.supporters).toBe(150);
    expect(result.activities).toBeGreaterThan(1000);
    for (const figure of [result.ingestPerSec, result.rawInsertPerSec, result.fullSegmentationMs, result.rawScanMs, result.incrementalMs, result.incrementalRawMs, result.incrementalAlertsMs, result.incrementalApplyMs, result.profileP95Ms, result.pingDuringSegmentationMaxMs, result.peakRssMb]) {
      expect(Number.isFinite(figure) && figure >= 0).toBe(true);
    }
    // The recompute and the alert evaluation are parts of the apply (medians keep that order run by run).
    expect(result.incrementalMs).toBeLessThanOrEqual(result.incrementalApplyMs);
    expect(result.incrementalAlertsMs).toBeLessThanOrEqual(result.incrementalApplyMs);
    expect(Object.keys(result.inboxP95Ms).sort()).toEqual([...INBOX_TABS].sort());
    expect(result.clvFitMs === null || result.clvFitMs >= 0).toBe(true);
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.alertLatencyMs === null || result.alertLatencyMs.p50 <= result.alertLatencyMs.p95).toBe(true);
  }, 180_000);
});
