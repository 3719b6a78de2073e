import type Database from 'better-sqlite3';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { EngineListing, EngineStream, EngineSupporter, ProfileActivity } from '../engine/engineInputs';
import type { RollupActivity } from '../engine/rollup/supporterRollup';

/** A raw activity row as the rollup scan reads it: the sequence number and supporter, then the columns `copyRawActivity` reads. */
export type ActivityScanRow = [number, string, ActivityType, number, number, number | null, number | null, string | null, string | null];

const ROLLUP_FIELDS = "CASE WHEN type = 'presence' THEN id END AS id, type, at, tokens, minutes, online, listingId";

/** Reads of raw data (activities, supporters, streams, listings) on the engine's behalf. */
export class EngineInputStore {
  private readonly maxSeqStatement;
  private readonly anyBetweenStatement;
  private readonly scanStatement;
  private readonly activitiesOfStatement;
  private readonly chatsAfterStatement;
  private readonly profileActivitiesStatement;
  private readonly supporterStatement;
  private readonly fanClubFlagsStatement;
  private readonly fanClubFlagsAfterStatement;
  private readonly streamsStatement;
  private readonly listingsStatement;

  constructor(db: Database.Database) {
    this.maxSeqStatement = db.prepare<[], number | null>('SELECT max(seq) FROM activities').pluck();
    this.anyBetweenStatement = db.prepare<[number, number], number>('SELECT 1 FROM activities WHERE seq > ? AND seq < ? LIMIT 1').pluck();
    this.scanStatement = db
      .prepare<[number, number, number], ActivityScanRow>(
        `SELECT seq, supporterId, type, at, tokens, minutes, online, listingId, CASE WHEN type = 'presence' THEN id END
         FROM activities WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    this.activitiesOfStatement = db.prepare<[string], Omit<RollupActivity, 'online'> & { online: number | null }>(
      `SELECT ${ROLLUP_FIELDS} FROM activities WHERE supporterId = ?`,
    );
    this.chatsAfterStatement = db
      .prepare<[string, number, number], number>(
        "SELECT count(*) FROM activities WHERE supporterId = ? AND at > ? AND type = 'chat_message' AND seq <= ?",
      )
      .pluck();
    this.profileActivitiesStatement = db.prepare<[string, number], Omit<ProfileActivity, 'online'> & { online: number | null }>(
      `SELECT id, type, at, tokens, streamId, minutes, itemId, category, listingId, online
       FROM activities WHERE supporterId = ? AND at <= ? ORDER BY at, id`,
    );
    this.supporterStatement = db.prepare<
      [string],
      Omit<EngineSupporter, 'fanClubActive'> & { fanClubActive: number | null }
    >('SELECT id, handle, firstSeenAt, timezone, fanClubTier, fanClubSince, fanClubActive FROM supporters WHERE id = ?');
    this.fanClubFlagsStatement = db.prepare<[], [string, number | null]>('SELECT id, fanClubActive FROM supporters').raw();
    this.fanClubFlagsAfterStatement = db
      .prepare<[string, number], [string, number | null]>('SELECT id, fanClubActive FROM supporters WHERE id > ? ORDER BY id LIMIT ?')
      .raw();
    this.streamsStatement = db.prepare<[], EngineStream>('SELECT id, scheduledAt, startedAt, endedAt FROM streams');
    this.listingsStatement = db.prepare<[], EngineListing>('SELECT id, startsAt FROM listings');
  }

  /** The highest change sequence number among stored activities (0 without any). */
  maxActivitySeq(): number {
    return this.maxSeqStatement.get() ?? 0;
  }

  /** Whether any stored activity has a sequence number strictly between these two. */
  hasActivityBetween(afterSeq: number, beforeSeq: number): boolean {
    return beforeSeq - afterSeq > 1 && this.anyBetweenStatement.get(afterSeq, beforeSeq) !== undefined;
  }

  /** Up to `limit` activity rows with seq in (afterSeq, upToSeq], in sequence order. */
  scanActivities(afterSeq: number, upToSeq: number, limit: number): ActivityScanRow[] {
    return this.scanStatement.all(afterSeq, upToSeq, limit);
  }

  activitiesOf(supporterId: string): RollupActivity[] {
    return this.activitiesOfStatement.all(supporterId).map((row) => ({ ...row, online: row.online === null ? null : row.online === 1 }));
  }

  /** Chats later than `at` among rows up to `upToSeq` (the rows a rollup has folded so far). */
  countChatsAfter(supporterId: string, at: number, upToSeq: number): number {
    return this.chatsAfterStatement.get(supporterId, at, upToSeq) ?? 0;
  }

  /** The supporter's activities with `at` ≤ now, oldest first (ties by id, so the order is stable). */
  profileActivities(supporterId: string, now: number): ProfileActivity[] {
    return this.profileActivitiesStatement
      .all(supporterId, now)
      .map((row) => ({ ...row, online: row.online === null ? null : row.online === 1 }));
  }

  supporter(supporterId: string): EngineSupporter | null {
    const row = this.supporterStatement.get(supporterId);
    return row ? { ...row, fanClubActive: row.fanClubActive === 1 } : null;
  }

  /** Every supporter id with whether their fan club membership is active (the only supporter field scores use). */
  fanClubActiveBySupporter(): Map<string, boolean> {
    const flags = new Map<string, boolean>();
    for (const [id, active] of this.fanClubFlagsStatement.all()) flags.set(id, active === 1);
    return flags;
  }

  /**
   * The next `limit` supporters after `after` in id order, each with whether their fan club is
   * active: one slice of a full run. Insertion order is kept, so the last key is the slice's end.
   */
  fanClubActiveAfter(after: string, limit: number): Map<string, boolean> {
    const flags = new Map<string, boolean>();
    for (const [id, active] of this.fanClubFlagsAfterStatement.all(after, limit)) flags.set(id, active === 1);
    return flags;
  }

  streams(): EngineStream[] {
    return this.streamsStatement.all();
  }

  listings(): EngineListing[] {
    return this.listingsStatement.all();
  }
}
