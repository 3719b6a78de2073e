import { describe, expect, it } from 'vitest';
import { ALERTS_OBSERVER } from '../alerts/alertService';
import { SEARCH_INDEX_OBSERVER } from '../memory/installSearchIndex';
import { contractInboxViews } from './contractInboxViews';
import { runBenchmark } from './runBenchmark';

/**
 * A small-size smoke of `crm bench` (CI runs only this; the benchmark itself is a command): proves
 * the command runs end to end and reports every figure; no timing is asserted.
 */
describe('crm bench (smoke)', () => {
  it('builds a workspace by a first sync and reports every figure beside its yardstick', async () => {
    const result = await runBenchmark({
      supporters: 150,
      activities: 6000,
      seed: 3,
      repeats: { rebuilds: 1, refits: 1, pages: 3, inboxRequestsPerTab: 10, inboxWarmUpPerTab: 2, firstPageRequestsPerTab: 5, coldOpens: 1, alertLatencySamples: 2, searchQueries: 20 },
    });
    expect(result.supporters).toBe(150);
    expect(result.activities).toBeGreaterThan(1000);
    expect(result.firstSync.reused).toBe(false);
    expect(result.firstSync.records).toBeGreaterThan(result.activities);
    const figures = [
      result.firstSyncPerSec,
      result.rawInsertPerSec,
      result.rebuildMs,
      result.rebuildYardstickMs,
      result.noopRescoreMs,
      result.pageApplyMs.p50,
      result.pageApplyMs.p95,
      result.pageApplyRawMs.p50,
      result.pageApplyRawMs.p95,
      result.coldOpenMs,
      result.coldOpenYardstickMs,
      result.clvRefitMs,
      result.peakRssMb,
      result.pingDuringRebuildMaxMs,
    ];
    for (const figure of figures) expect(Number.isFinite(figure) && figure >= 0).toBe(true);
    expect(result.pageApplyMs.p50).toBeLessThanOrEqual(result.pageApplyMs.p95);
    expect(result.pingDuringRebuild.pings).toBeGreaterThan(0);
    // Every observer the composition root installs is timed apart from the rest of the apply, in the first sync too.
    expect(Object.keys(result.pageApplyPartsMs).sort()).toEqual(['segmentation', ALERTS_OBSERVER, SEARCH_INDEX_OBSERVER, 'validation, cache writes and commit'].sort());
    expect(Object.keys(result.firstSync.observerSeconds ?? {}).sort()).toEqual(['segmentation', ALERTS_OBSERVER, SEARCH_INDEX_OBSERVER].sort());
    // Every list the contract's `inbox.page` accepts (the Now queue too, once it has it), its last page included.
    expect(Object.keys(result.inboxP95Ms).sort()).toEqual([...contractInboxViews()].sort());
    for (const last of Object.values(result.inboxLastPage)) expect(last.offset).toBe(last.total === 0 ? 0 : Math.floor((last.total - 1) / 50) * 50);
    expect(result.inboxLastPage.all?.total).toBeGreaterThan(50);
    expect(Object.keys(result.inboxFirstPageP95Ms).sort()).toEqual([...contractInboxViews()].sort());
    expect(result.searchP95Ms).not.toBeNull();
    expect(result.alertLatencyMs === null || result.alertLatencyMs.p50 <= result.alertLatencyMs.p95).toBe(true);
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.goals.map((verdict) => verdict.goal)).toHaveLength(12);
  }, 240_000);
});
