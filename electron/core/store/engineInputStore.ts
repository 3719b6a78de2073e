import type Database from 'better-sqlite3';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { EngineListing, EngineStream, EngineSupporter, ProfileActivity } from '../engine/engineInputs';
import type { RollupActivity } from '../engine/rollup/supporterRollup';

/** A raw activity row as the rollup scan reads it: the sequence number and supporter, then the columns `copyRawActivity` reads. */
export type ActivityScanRow = [number, string, ActivityType, number, number, number | null, number | null, string | null, string | null];

/** A raw activity row as a rebuild's range read reads it: the supporter, then the columns `copyRawActivity` reads. */
export type RangeActivityRow = [string, ActivityType, number, number, number | null, number | null, string | null, string | null];

const ROLLUP_FIELDS = "CASE WHEN type = 'presence' THEN id END AS id, type, at, tokens, minutes, online, listingId";

/** Reads of raw data (activities, supporters, streams, listings) on the engine's behalf. */
export class EngineInputStore {
  private readonly maxSeqStatement;
  private readonly anyBetweenStatement;
  private readonly scanStatement;
  private readonly rangeFromStatement;
  private readonly rangeBetweenStatement;
  private readonly activitiesOfStatement;
  private readonly chatsAfterStatement;
  private readonly profileActivitiesStatement;
  private readonly supporterStatement;
  private readonly fanClubFlagsStatement;
  private readonly fanClubFlagsAfterStatement;
  private readonly fanClubFlagsBetweenStatement;
  private readonly fanClubFlagsFromStatement;
  private readonly rebuildIdsStatement;
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
    // The supporter-time index holds every column a rollup reads (migration 17) and the seq (the
    // rowid), so a range is read from the index alone, already in supporter order.
    const rangeRows = (upTo: string) =>
      `SELECT supporterId, type, at, tokens, minutes, online, listingId, CASE WHEN type = 'presence' THEN id END
       FROM activities INDEXED BY activities_by_supporter_time
       WHERE supporterId > ? ${upTo} AND seq <= ? ORDER BY supporterId, at LIMIT ?`;
    this.rangeFromStatement = db.prepare<[string, number, number], RangeActivityRow>(rangeRows('')).raw();
    this.rangeBetweenStatement = db.prepare<[string, string, number, number], RangeActivityRow>(rangeRows('AND supporterId <= ?')).raw();
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
    this.fanClubFlagsBetweenStatement = db
      .prepare<[string, string], [string, number | null]>('SELECT id, fanClubActive FROM supporters WHERE id > ? AND id <= ? ORDER BY id')
      .raw();
    this.fanClubFlagsFromStatement = db.prepare<[string], [string, number | null]>('SELECT id, fanClubActive FROM supporters WHERE id > ? ORDER BY id').raw();
    // Two index walks that stop after `limit` ids each (a supporter's activity rows lie together in
    // the supporter index); the union's first `limit` ids are among them.
    this.rebuildIdsStatement = db
      .prepare<{ after: string; limit: number }, string>(
        `SELECT id FROM (SELECT id FROM supporters WHERE id > :after ORDER BY id LIMIT :limit)
         UNION SELECT supporterId FROM (SELECT DISTINCT supporterId FROM activities WHERE supporterId > :after ORDER BY supporterId LIMIT :limit)
         ORDER BY 1 LIMIT :limit`,
      )
      .pluck();
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

  /**
   * Up to `limit` activity rows (every row with `limit` null) with seq ≤ upToSeq of the supporters
   * with id in (after, upTo] (above `after` when `upTo` is null), by supporter and time.
   */
  rangeActivities(after: string, upTo: string | null, upToSeq: number, limit: number | null): RangeActivityRow[] {
    // SQLite reads a negative LIMIT as none.
    const rows = limit ?? -1;
    return upTo === null ? this.rangeFromStatement.all(after, upToSeq, rows) : this.rangeBetweenStatement.all(after, upTo, upToSeq, rows);
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

  /**
   * The next `limit` ids after `after`, in id order, of everyone a rebuild writes a row for: the
   * supporters, and whoever has activity (the platform may send activity before its supporter).
   */
  rebuildIdsAfter(after: string, limit: number): string[] {
    return this.rebuildIdsStatement.all({ after, limit });
  }

  /** The supporters with id in (after, upTo] (above `after` when `upTo` is null), each with whether their fan club is active, in id order. */
  fanClubActiveBetween(after: string, upTo: string | null): Map<string, boolean> {
    const flags = new Map<string, boolean>();
    const rows = upTo === null ? this.fanClubFlagsFromStatement.all(after) : this.fanClubFlagsBetweenStatement.all(after, upTo);
    for (const [id, active] of rows) flags.set(id, active === 1);
    return flags;
  }

  streams(): EngineStream[] {
    return this.streamsStatement.all();
  }

  listings(): EngineListing[] {
    return this.listingsStatement.all();
  }
}
