import type { BenchmarkResult } from './runBenchmark';

/** One goal of issue 19 judged against a run's figures. */
export interface GoalVerdict {
  /** The goal as issue 19 states it, e.g. `pageApplyMs.p95 ≤ 50 ms`. */
  goal: string;
  /** The run's figure for it, as a reader compares it with the goal. */
  measured: string;
  /** Null when the figure was not measured in this run (its log says why). */
  met: boolean | null;
  /** For a goal missed: the part of the work that takes the most, as far as the run's figures tell. */
  dominatedBy?: string;
}

type Figures = Omit<BenchmarkResult, 'goals'>;

/**
 * Issue 19's goals (100,000 supporters / 5,000,000 activities on a 2-core machine) judged against
 * one run's figures, each yardstick taken in the same run. A smaller data set is judged by the same
 * limits: the verdicts then say little, the figures still compare with their yardsticks.
 */
export function evaluateGoals(figures: Figures): GoalVerdict[] {
  const ratio = (value: number, yardstick: number) => (yardstick > 0 ? value / yardstick : Number.POSITIVE_INFINITY);
  const times = (value: number) => `${value.toFixed(2)}×`;
  const verdicts: GoalVerdict[] = [];
  const judge = (goal: string, measured: string, met: boolean | null, dominatedBy?: string) =>
    verdicts.push({ goal, measured, met, ...(met === false && dominatedBy !== undefined ? { dominatedBy } : {}) });

  const rebuildRatio = ratio(figures.rebuildMs, figures.rebuildYardstickMs);
  judge('rebuildMs ≤ 2 × rebuildYardstickMs', `${figures.rebuildMs} ms = ${times(rebuildRatio)} the yardstick's ${figures.rebuildYardstickMs} ms`, rebuildRatio <= 2);

  const largestPart = Object.entries(figures.pageApplyPartsMs).sort(([, a], [, b]) => b - a)[0];
  const pageDominant = largestPart === undefined ? undefined : `${largestPart[0]}: ${largestPart[1]} ms of the median page`;
  judge('pageApplyMs.p95 ≤ 50 ms', `${figures.pageApplyMs.p95} ms`, figures.pageApplyMs.p95 <= 50, pageDominant);
  const pageRatio = ratio(figures.pageApplyMs.p95, figures.pageApplyRawMs.p95);
  judge('pageApplyMs.p95 ≤ 4 × pageApplyRawMs', `${times(pageRatio)} the raw page's p95 ${figures.pageApplyRawMs.p95} ms`, pageRatio <= 4, pageDominant);

  const inbox = Object.entries(figures.inboxP95Ms);
  const slowest = inbox.sort(([, a], [, b]) => b - a)[0];
  const slowestLast = slowest === undefined ? undefined : figures.inboxLastPage[slowest[0]];
  const slowestRequest = slowest === undefined ? undefined : figures.inboxSlowest[slowest[0]];
  judge(
    'every inboxP95Ms ≤ 5 ms at any offset',
    slowest === undefined ? 'no tab' : `slowest ${slowest[0]} ${slowest[1]} ms`,
    slowest === undefined ? null : slowest[1] <= 5,
    slowest === undefined || slowestLast === undefined || slowestRequest === undefined
      ? undefined
      : `${slowest[0]}: its slowest request ${slowestRequest.ms} ms at offset ${slowestRequest.offset}; its last page (offset ${slowestLast.offset} of ${slowestLast.total}) ${slowestLast.ms} ms at the median`,
  );

  const nowFirstPage = figures.inboxFirstPageP95Ms.now;
  judge(
    'the Now queue’s first page p95 ≤ 5 ms',
    nowFirstPage === undefined ? 'not measured' : `${nowFirstPage} ms`,
    nowFirstPage === undefined ? null : nowFirstPage <= 5,
  );

  judge('searchP95Ms ≤ 20 ms', figures.searchP95Ms === null ? 'not measured' : `${figures.searchP95Ms} ms`, figures.searchP95Ms === null ? null : figures.searchP95Ms <= 20);

  const stages = figures.coldOpen.breakdownMs;
  const coldStages: [string, number][] = [
    ['loading the modules', stages.modulesLoaded],
    ['starting the core runtime (cache, services, start-up catch-up)', stages.runtimeStarted - stages.modulesLoaded],
    [`the first ${figures.coldOpen.tab} page`, stages.firstPage - stages.runtimeStarted],
  ];
  const coldDominant = coldStages.sort(([, a], [, b]) => b - a)[0];
  judge(
    'coldOpenMs ≤ 700 ms',
    `${figures.coldOpenMs} ms (a bare open and read ${figures.coldOpenYardstickMs} ms)`,
    figures.coldOpenMs <= 700,
    coldDominant === undefined ? undefined : `${coldDominant[0]}: ${Math.round(coldDominant[1])} ms`,
  );

  judge('clvRefitMs ≤ 1,000 ms', `${figures.clvRefitMs} ms`, figures.clvRefitMs <= 1000);

  const syncRatio = figures.rawInsertPerSec > 0 ? figures.firstSyncPerSec / figures.rawInsertPerSec : 0;
  const syncObservers = Object.entries(figures.firstSync.observerSeconds ?? {}).sort(([, a], [, b]) => b - a);
  const syncRest = figures.firstSync.seconds - syncObservers.reduce((sum, [, seconds]) => sum + seconds, 0);
  const syncDominant = [...syncObservers, ['HTTP, parsing, validation, cache writes and commits', syncRest] as const].sort(([, a], [, b]) => b - a)[0];
  judge(
    'firstSyncPerSec ≥ 0.4 × rawInsertPerSec',
    `${figures.firstSyncPerSec}/s = ${times(syncRatio)} raw insert's ${figures.rawInsertPerSec}/s`,
    syncRatio >= 0.4,
    syncObservers.length === 0 || syncDominant === undefined ? undefined : `${syncDominant[0]}: ${syncDominant[1].toFixed(1)} s of ${figures.firstSync.seconds} s`,
  );

  judge(
    'alertLatencyMs.p95 ≤ 1,000 ms',
    figures.alertLatencyMs === null ? 'not measured' : `${figures.alertLatencyMs.p95} ms`,
    figures.alertLatencyMs === null ? null : figures.alertLatencyMs.p95 <= 1000,
  );

  const rssParts: Record<keyof Figures['peakRssPartsMb'], string> = {
    firstSync: 'the first sync',
    inboxRebuildRefitPages: 'the rebuilds, refits and sync pages in one process',
    coldOpen: 'a cold open',
    rebuildWithPings: 'a rebuild in a process of its own',
  };
  const largestRss = (Object.entries(figures.peakRssPartsMb) as [keyof Figures['peakRssPartsMb'], number][]).sort(([, a], [, b]) => b - a)[0];
  judge('peakRssMb ≤ 400', `${figures.peakRssMb} MB`, figures.peakRssMb <= 400, largestRss === undefined ? undefined : `${rssParts[largestRss[0]]}: ${largestRss[1]} MB`);

  judge(
    'pingDuringRebuildMaxMs ≤ 100 ms',
    `${figures.pingDuringRebuildMaxMs} ms`,
    figures.pingDuringRebuildMaxMs <= 100,
    `the rebuild's longest step without a pause (the whole rebuild took ${figures.pingDuringRebuild.rebuildMs} ms)`,
  );
  return verdicts;
}
