import { describe, expect, it } from 'vitest';
import { evaluateGoals } from './benchmarkGoals';
import type { BenchmarkResult } from './runBenchmark';

const MET: Omit<BenchmarkResult, 'goals'> = {
  supporters: 100_000,
  activities: 5_000_000,
  firstSyncPerSec: 40_000,
  rawInsertPerSec: 80_000,
  firstSync: { records: 5_100_000, seconds: 127.5, perSec: 40_000, rawInsertPerSec: 80_000, peakRssMb: 300, loadAverage: [1, 1, 1], measuredAt: '2025-12-03T10:00:00Z', reused: false },
  rebuildMs: 1900,
  rebuildYardstickMs: 1000,
  noopRescoreMs: 400,
  pageApplyMs: { p50: 30, p95: 40 },
  pageApplyRawMs: { p50: 10, p95: 12 },
  pageApplyPartsMs: { segmentation: 10, alerts: 12, 'validation, cache writes and commit': 8 },
  inboxP95Ms: { all: 3, vip: 1 },
  inboxLastPage: { all: { ms: 2, offset: 99_950, total: 100_000 }, vip: { ms: 1, offset: 0, total: 40 } },
  inboxSlowest: { all: { ms: 4, offset: 99_950 }, vip: { ms: 1, offset: 0 } },
  searchP95Ms: 12,
  coldOpenMs: 600,
  coldOpenYardstickMs: 80,
  coldOpen: { tab: 'now', breakdownMs: { modulesLoaded: 200, runtimeStarted: 500, firstPage: 560 } },
  clvRefitMs: 900,
  alertLatencyMs: { p50: 30, p95: 200 },
  pingDuringRebuildMaxMs: 80,
  pingDuringRebuild: { pings: 300, rebuildMs: 3000 },
  peakRssMb: 350,
  peakRssPartsMb: { firstSync: 350, inboxRebuildRefitPages: 300, coldOpen: 150, rebuildWithPings: 250 },
  machine: { cores: 2, cpu: 'test', memoryGb: 8, platform: 'linux x64', node: 'v22', loadAverage: { start: [1, 1, 1], end: [1, 1, 1] } },
};

describe('evaluateGoals', () => {
  it('judges every goal of issue 19 met when each figure is within its limit', () => {
    const verdicts = evaluateGoals(MET);
    expect(verdicts).toHaveLength(11);
    expect(verdicts.filter((verdict) => verdict.met !== true)).toEqual([]);
    expect(verdicts.every((verdict) => verdict.dominatedBy === undefined)).toBe(true);
  });

  it('names a missed goal with what dominates it, and a figure not measured as neither', () => {
    const verdicts = evaluateGoals({
      ...MET,
      rebuildMs: 2100,
      pageApplyMs: { p50: 45, p95: 60 },
      inboxP95Ms: { all: 7, vip: 1 },
      inboxSlowest: { all: { ms: 9, offset: 99_950 }, vip: { ms: 1, offset: 0 } },
      firstSyncPerSec: 30_000,
      alertLatencyMs: null,
      searchP95Ms: null,
      peakRssMb: 450,
      peakRssPartsMb: { ...MET.peakRssPartsMb, inboxRebuildRefitPages: 450 },
    });
    const byGoal = new Map(verdicts.map((verdict) => [verdict.goal, verdict]));
    expect(byGoal.get('rebuildMs ≤ 2 × rebuildYardstickMs')?.met).toBe(false);
    expect(byGoal.get('pageApplyMs.p95 ≤ 50 ms')).toMatchObject({ met: false, dominatedBy: 'alerts: 12 ms of the median page' });
    expect(byGoal.get('pageApplyMs.p95 ≤ 4 × pageApplyRawMs')?.met).toBe(false);
    expect(byGoal.get('every inboxP95Ms ≤ 5 ms at any offset')?.dominatedBy).toContain('slowest request 9 ms at offset 99950');
    expect(byGoal.get('firstSyncPerSec ≥ 0.4 × rawInsertPerSec')?.met).toBe(false);
    expect(byGoal.get('alertLatencyMs.p95 ≤ 1,000 ms')).toMatchObject({ met: null, measured: 'not measured' });
    expect(byGoal.get('searchP95Ms ≤ 20 ms')?.met).toBeNull();
    expect(byGoal.get('peakRssMb ≤ 400')?.dominatedBy).toBe('the rebuilds, refits and sync pages in one process: 450 MB');
    expect(byGoal.get('coldOpenMs ≤ 700 ms')?.met).toBe(true);
  });
});
