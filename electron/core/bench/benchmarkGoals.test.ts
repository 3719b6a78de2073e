import { describe, expect, it } from 'vitest';
import { evaluateGoals } from './benchmarkGoals';
import { GOALS_MET } from './testing/benchmarkFigures';


describe('evaluateGoals', () => {
  it('judges every goal of issue 19 met when each figure is within its limit', () => {
    const verdicts = evaluateGoals(GOALS_MET);
    expect(verdicts).toHaveLength(12);
    expect(verdicts.filter((verdict) => verdict.met !== true)).toEqual([]);
    expect(verdicts.every((verdict) => verdict.dominatedBy === undefined)).toBe(true);
  });

  it('names a missed goal with what dominates it, and a figure not measured as neither', () => {
    const verdicts = evaluateGoals({
      ...GOALS_MET,
      rebuildMs: 2100,
      pageApplyMs: { p50: 45, p95: 60 },
      inboxP95Ms: { all: 7, vip: 1 },
      inboxSlowest: { all: { ms: 9, offset: 99_950 }, vip: { ms: 1, offset: 0 } },
      inboxFirstPageP95Ms: { all: 2, vip: 1, now: 6 },
      firstSyncPerSec: 30_000,
      firstSync: { ...GOALS_MET.firstSync, seconds: 170, observerSeconds: { segmentation: 20, alerts: 90, 'search index': 1 } },
      alertLatencyMs: null,
      searchP95Ms: null,
      peakRssMb: 450,
      peakRssPartsMb: { ...GOALS_MET.peakRssPartsMb, inboxRebuildRefitPages: 450 },
    });
    const byGoal = new Map(verdicts.map((verdict) => [verdict.goal, verdict]));
    expect(byGoal.get('rebuildMs ≤ 2 × rebuildYardstickMs')?.met).toBe(false);
    expect(byGoal.get('pageApplyMs.p95 ≤ 50 ms')).toMatchObject({ met: false, dominatedBy: 'alerts: 12 ms of the median page' });
    expect(byGoal.get('pageApplyMs.p95 ≤ 4 × pageApplyRawMs')?.met).toBe(false);
    expect(byGoal.get('every inboxP95Ms ≤ 5 ms at any offset')?.dominatedBy).toContain('slowest request 9 ms at offset 99950');
    expect(byGoal.get('the Now queue’s first page p95 ≤ 5 ms')).toMatchObject({ met: false, measured: '6 ms' });
    expect(byGoal.get('firstSyncPerSec ≥ 0.4 × rawInsertPerSec')).toMatchObject({ met: false, dominatedBy: 'alerts: 90.0 s of 170 s' });
    expect(byGoal.get('alertLatencyMs.p95 ≤ 1,000 ms')).toMatchObject({ met: null, measured: 'not measured' });
    expect(byGoal.get('searchP95Ms ≤ 20 ms')?.met).toBeNull();
    expect(byGoal.get('peakRssMb ≤ 400')?.dominatedBy).toBe('the rebuilds, refits and sync pages in one process: 450 MB');
    expect(byGoal.get('coldOpenMs ≤ 700 ms')?.met).toBe(true);
  });
});
