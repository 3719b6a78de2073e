import { describe, expect, it } from 'vitest';
import { evaluateGoals } from '../../core/bench/benchmarkGoals';
import { GOALS_MET } from '../../core/bench/testing/benchmarkFigures';
import { formatBenchmark } from './benchCommand';

describe('crm bench human output', () => {
  it('prints every figure and every verdict in the human output', () => {
    const text = formatBenchmark({ ...GOALS_MET, goals: evaluateGoals({ ...GOALS_MET, clvRefitMs: 1500 }) });
    for (const field of ['firstSyncPerSec', 'rawInsertPerSec', 'rebuildMs', 'rebuildYardstickMs', 'noopRescoreMs', 'pageApplyMs', 'pageApplyRawMs', 'inboxP95Ms', 'searchP95Ms', 'coldOpenMs', 'clvRefitMs', 'alertLatencyMs', 'peakRssMb', 'pingDuringRebuildMaxMs', 'machine']) {
      expect(text).toContain(field);
    }
    expect(text).toContain('MISSED  clvRefitMs ≤ 1,000 ms: 1500 ms');
    expect(text).toContain('met     coldOpenMs ≤ 700 ms');
  });
});
