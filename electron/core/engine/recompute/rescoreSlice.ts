import { storedAsOf } from '../../store/scoreLayout';
import type { EngineStores } from '../engineStores';
import { buildScoreRow } from '../score/buildScoreRow';

export interface SliceResult {
  /** Where the next slice starts, or null after the last one. */
  next: string | null;
  /** Supporters scored in this slice (written or found unchanged). */
  scored: number;
}

/**
 * One slice of a full run: the next `limit` supporters after `after` in id order rescored at `now`
 * from their stored rows (a supporter with no rollup has no activity: cold). A score is written
 * only when a value differs from the stored one, compared value by value, or when it was computed
 * at a later `now` (a backtest); untouched rows keep their tab index entries. Scores of
 * supporters that no longer exist are deleted. A score found ahead of `now` is left as it is when
 * `keepAhead` says so (written meanwhile with newer data, see `SegmentationService.runFullInSlices`).
 */
export function rescoreSlice(
  stores: EngineStores,
  now: number,
  after: string,
  limit: number,
  keepAhead: (supporterId: string) => boolean,
): SliceResult {
  const { scores, engineInput } = stores;
  const fanClubActive = engineInput.fanClubActiveAfter(after, limit);
  // A short slice is the last: its range is open-ended, so it also meets orphan scores past the last supporter.
  const upTo = fanClubActive.size < limit ? null : ([...fanClubActive.keys()].at(-1) ?? null);
  const states = scores.statesBetween(after, upTo);
  const rawActivityOf = (supporterId: string) => engineInput.activitiesOf(supporterId);
  for (const [supporterId, active] of fanClubActive) {
    const state = states.get(supporterId);
    const previous = state?.score ?? null;
    const ahead = previous !== null && storedAsOf(previous) > now;
    if (ahead && keepAhead(supporterId)) continue;
    const row = buildScoreRow(supporterId, active, state?.rollup ?? null, now, rawActivityOf);
    if (previous === null || ahead) scores.write(row, previous);
    else scores.writeIfChanged(row, previous);
  }
  for (const state of states.values()) {
    if (state.score !== null && !fanClubActive.has(state.supporterId)) scores.delete(state.supporterId);
  }
  return { next: upTo, scored: fanClubActive.size };
}
