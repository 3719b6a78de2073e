import type { Activity } from '../../../../shared/domain/entities';
import type { EngineStores } from '../engineStores';
import { buildSupporterRollup } from '../rollup/buildSupporterRollup';
import { blankRollupActivity, copyRawActivity } from '../rollup/copyRawActivity';
import { SupporterRollupBuilder } from '../rollup/supporterRollupBuilder';
import type { EngineWorkSet } from './engineWorkSet';

export interface FoldOptions {
  /**
   * Inside an applied batch: give up, having written nothing, once more than this many supporters
   * would be folded (the backlog then waits for a read or tick). Null outside a batch: the fold
   * always finishes, and writes rollups out whenever it holds more than `heldRollupsMax`.
   */
  giveUpAbove: number | null;
  scanPageRows: number;
  heldRollupsMax: number;
}

/**
 * The fold step: extends the rollups of the supporters with new activity by the work's new rows
 * (in hand, or read in pages of the change sequence), then rebuilds the queued supporters' rollups
 * from all their raw activity. Finished rollups are held in the work set for the rescore. Returns
 * false when it gave up (see `giveUpAbove`); nothing was written then.
 */
export function foldNewActivity(work: EngineWorkSet, stores: EngineStores, options: FoldOptions): boolean {
  const fold = new Fold(work, stores, options);
  if (!(work.rowsInHand === null ? fold.scan() : fold.inHand(work.rowsInHand))) return false;
  rebuildFromRawActivity(work, stores);
  if (options.giveUpAbove === null && work.heldRollups.size > options.heldRollupsMax) work.writeHeldRollups(stores.rollups);
  return true;
}

class Fold {
  private readonly builders = new Map<string, SupporterRollupBuilder>();

  constructor(
    private readonly work: EngineWorkSet,
    private readonly stores: EngineStores,
    private readonly options: FoldOptions,
  ) {}

  /** A batch's own rows, in sequence order: each supporter's stored row is read once, for the fold and the rescore after it. */
  inHand(rows: readonly Activity[]): boolean {
    const { rebuild } = this.work;
    const supporterIds = new Set<string>();
    for (const row of rows) if (!rebuild.has(row.supporterId)) supporterIds.add(row.supporterId);
    if (this.givesUp(supporterIds.size)) return false;
    this.startBuilders(supporterIds);
    for (const row of rows) this.builders.get(row.supporterId)?.add(row);
    this.finishBuilders(this.work.upToSeq);
    return true;
  }

  /** The new rows read back in pages of the change sequence. */
  scan(): boolean {
    const { work, stores, options } = this;
    // One object reused for every row: this loop runs millions of times on a rebuild.
    const activity = blankRollupActivity();
    let cursor = work.afterSeq;
    while (cursor < work.upToSeq) {
      const rows = stores.engineInput.scanActivities(cursor, work.upToSeq, options.scanPageRows);
      if (rows.length === 0) break;
      const newcomers = new Set<string>();
      for (const row of rows) if (!this.builders.has(row[1]) && !work.rebuild.has(row[1])) newcomers.add(row[1]);
      if (this.givesUp(this.builders.size + newcomers.size)) return false;
      this.startBuilders(newcomers);
      for (const row of rows) {
        const builder = this.builders.get(row[1]);
        if (builder === undefined) continue; // rebuilt from raw instead
        builder.add(copyRawActivity(activity, row, 2));
      }
      cursor = (rows.at(-1) as (typeof rows)[number])[0];
      // Bounds memory on a long backlog: these rollups are written now, and extended from storage if met again.
      if (options.giveUpAbove === null && this.builders.size >= options.heldRollupsMax) {
        this.finishBuilders(cursor);
        work.writeHeldRollups(stores.rollups);
      }
    }
    this.finishBuilders(work.upToSeq);
    return true;
  }

  private givesUp(supporters: number): boolean {
    return this.options.giveUpAbove !== null && supporters > this.options.giveUpAbove;
  }

  /** Builders for these supporters, each on top of their current rollup: held, read earlier, or read now. */
  private startBuilders(supporterIds: ReadonlySet<string>): void {
    const { work, stores } = this;
    const toRead: string[] = [];
    for (const supporterId of supporterIds) {
      if (!work.heldRollups.has(supporterId) && !work.storedStates.has(supporterId)) toRead.push(supporterId);
    }
    for (const [supporterId, state] of stores.scores.states(toRead)) work.storedStates.set(supporterId, state);
    for (const supporterId of supporterIds) {
      const base = work.heldRollups.get(supporterId) ?? work.storedStates.get(supporterId)?.rollup ?? undefined;
      this.builders.set(supporterId, new SupporterRollupBuilder(supporterId, base));
    }
  }

  /** Finishes every builder into a held rollup; `foldedUpToSeq` is the last row any of them has seen. */
  private finishBuilders(foldedUpToSeq: number): void {
    const { engineInput } = this.stores;
    for (const [supporterId, builder] of this.builders) {
      const lastCreatorMessageAt = builder.latestCreatorMessageAt;
      // The unread count after a creator message that arrived late is counted among the rows folded so far.
      const recount =
        builder.needsUnreadRecount && lastCreatorMessageAt !== null ? engineInput.countChatsAfter(supporterId, lastCreatorMessageAt, foldedUpToSeq) : undefined;
      this.work.hold(builder.finish(recount));
    }
    this.builders.clear();
  }
}

/** The queued rebuilds: each supporter's rollup from all their raw activity, or none when it is all gone. */
function rebuildFromRawActivity(work: EngineWorkSet, stores: EngineStores): void {
  for (const supporterId of work.rebuild) {
    const activities = stores.engineInput.activitiesOf(supporterId);
    if (activities.length === 0) work.dropRollup(supporterId, stores.rollups);
    else work.hold(buildSupporterRollup(supporterId, activities));
  }
}
