import type { Activity } from '../../../../shared/domain/entities';
import type { RollupStore } from '../../store/rollupStore';
import type { StoredSupporterState } from '../../store/scoreStore';
import { ENGINE_VERSION } from '../engineVersion';
import type { SupporterRollup } from '../rollup/supporterRollup';

/**
 * What one catch-up brings up to date, built before it starts: the new activity to fold (a range of
 * the change sequence, or the applied batch's rows in hand), the supporters the triggers queued,
 * and — filled by the fold, consumed by the rescore — every supporter to rescore with what the fold
 * learned about them. The two steps share nothing else.
 */
export class EngineWorkSet {
  /** Supporters whose rollup is rebuilt from all their raw activity (a record of theirs changed or went); the fold skips them. */
  readonly rebuild = new Set<string>();
  /** Supporters the triggers queued: their supporter record changed, so the rescore reads their fan club flag afresh. */
  readonly queued = new Set<string>();
  /** Every supporter whose score this work may change. */
  readonly supporters = new Set<string>();
  /** New rollups not written yet: the rescore writes each in the same statement as its supporter's score. */
  readonly heldRollups = new Map<string, SupporterRollup>();
  /** Supporters whose activity is all gone (their rollup was deleted): scored as having none. */
  readonly withoutActivity = new Set<string>();
  /**
   * Stored rows the fold read (rollup and score), so the rescore reads each supporter once. A row is
   * forgotten as soon as this work writes that supporter's rollup: it no longer says what is stored.
   */
  readonly storedStates = new Map<string, StoredSupporterState>();

  constructor(
    /** The new activity to fold: every row with a change sequence number in (afterSeq, upToSeq]. */
    readonly afterSeq: number,
    readonly upToSeq: number,
    /** The applied batch's inserted rows when they are exactly those rows (nothing to read back), else null. */
    readonly rowsInHand: readonly Activity[] | null,
  ) {}

  /** A work set that only rescores (edges passed, an earlier `now`): no activity to fold. */
  static rescoreOnly(supporterIds: Iterable<string>): EngineWorkSet {
    const work = new EngineWorkSet(0, 0, null);
    for (const supporterId of supporterIds) work.supporters.add(supporterId);
    return work;
  }

  /** A supporter the triggers queued (`engine_pending`). */
  queue(supporterId: string, rebuild: boolean): void {
    this.queued.add(supporterId);
    this.supporters.add(supporterId);
    if (rebuild) this.rebuild.add(supporterId);
  }

  /** A rollup the fold finished: held until the rescore writes it with the score. */
  hold(rollup: SupporterRollup): void {
    this.heldRollups.set(rollup.supporterId, rollup);
    this.withoutActivity.delete(rollup.supporterId);
    this.supporters.add(rollup.supporterId);
  }

  /** A supporter whose activity is all gone: their rollup is deleted now. */
  dropRollup(supporterId: string, rollups: RollupStore): void {
    rollups.delete(supporterId);
    this.heldRollups.delete(supporterId);
    this.withoutActivity.add(supporterId);
    this.supporters.add(supporterId);
    this.storedStates.delete(supporterId);
  }

  /** Writes every held rollup on its own (a bulk path, before the rescore reads rollups from storage). */
  writeHeldRollups(rollups: RollupStore): void {
    for (const [supporterId, rollup] of this.heldRollups) {
      rollups.upsert(rollup, ENGINE_VERSION);
      this.storedStates.delete(supporterId);
    }
    this.heldRollups.clear();
  }
}
