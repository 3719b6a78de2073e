import { storedFanClubActive } from '../../store/scoreLayout';
import type { StoredScore } from '../../store/scoreStore';
import type { EngineStores } from '../engineStores';
import { ENGINE_VERSION } from '../engineVersion';
import type { SupporterRollup } from '../rollup/supporterRollup';
import { buildScoreRow } from '../score/buildScoreRow';
import type { EngineWorkSet } from './engineWorkSet';

/**
 * The rescore step: scores every supporter of the work set at `now` and stores each score with the
 * supporter's held rollup, one row write per supporter. What the fold already read is reused; the
 * rest is read in two queries. A supporter the platform has not sent (yet) keeps their rollup and
 * has no score. Returns how many supporters were scored.
 */
export function rescoreWorkSet(work: EngineWorkSet, stores: EngineStores, now: number): number {
  const { scores, rollups, engineInput } = stores;
  const ids = [...work.supporters];
  // A score read with the row carries the fan club flag it was computed with: current unless the
  // supporter was queued (a change of their record queues them). Others are read with their record.
  const scoredBefore = (supporterId: string): StoredScore | null => {
    const score = work.storedStates.get(supporterId)?.score ?? null;
    return score !== null && !work.queued.has(supporterId) ? score : null;
  };
  const records = scores.supportersToScore(ids.filter((supporterId) => scoredBefore(supporterId) === null));
  const rollupKnown = (supporterId: string) =>
    work.heldRollups.has(supporterId) || work.withoutActivity.has(supporterId) || work.storedStates.has(supporterId);
  const stored = rollups.getMany(ids.filter((supporterId) => !rollupKnown(supporterId)));
  const rollupOf = (supporterId: string): SupporterRollup | null => {
    if (work.withoutActivity.has(supporterId)) return null;
    const state = work.storedStates.get(supporterId);
    return work.heldRollups.get(supporterId) ?? (state === undefined ? stored.get(supporterId) : state.rollup) ?? null;
  };
  const rawActivityOf = (supporterId: string) => engineInput.activitiesOf(supporterId);

  let scored = 0;
  for (const supporterId of ids) {
    const held = work.heldRollups.get(supporterId);
    const previous = scoredBefore(supporterId);
    const record = previous === null ? records.get(supporterId) : undefined;
    if (previous === null && record === undefined) {
      // No such supporter (deleted, or not sent yet): their activity's rollup is kept, a score is not.
      if (held !== undefined) rollups.upsert(held, ENGINE_VERSION);
      scores.delete(supporterId);
      continue;
    }
    const fanClubActive = previous !== null ? storedFanClubActive(previous) : (record?.fanClubActive ?? false);
    const row = buildScoreRow(supporterId, fanClubActive, rollupOf(supporterId), now, rawActivityOf);
    scores.write(row, previous ?? record?.score ?? null, held);
    scored += 1;
  }
  // Every held rollup went out with its score (or on its own).
  work.heldRollups.clear();
  return scored;
}
