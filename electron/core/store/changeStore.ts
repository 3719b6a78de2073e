import type Database from 'better-sqlite3';
import type { Activity, ValidChange } from '../../../shared/domain/entities';
import type { InsertedActivities } from '../ingest/insertedActivities';

const ACTIVITY_COLUMNS = 14;
/**
 * Activities per multi-row INSERT. One statement for 50 rows instead of 50 statements wrote the
 * demo's activities 1.39–1.43× as fast (249k–258k against 179k–181k activities/s at 20,000
 * supporters: scripts/activityInsertBenchmark.ts). 50 × 14 parameters stay far below SQLite's limit.
 */
export const ACTIVITY_INSERT_GROUP = 50;

/**
 * Writes validated change records. Upserts are idempotent and ignore a record whose `version`
 * is older than the stored one (SPEC §1), so replaying a page changes nothing.
 */
export class ChangeStore {
  private readonly insertActivity;
  private readonly updateActivity;
  private readonly upsertSupporter;
  private readonly upsertCreator;
  private readonly upsertStream;
  private readonly upsertListing;
  private readonly deleteStatements;
  private readonly deleteActivitiesOfSupporter;
  private readonly supporterOfActivity;
  private readonly insertActivityGroup;
  private readonly activitySequence;
  private readonly activitiesAfterSeq;
  private readonly activityParams: (string | number | null)[] = new Array<string | number | null>(ACTIVITY_COLUMNS).fill(null);
  private readonly groupParams: (string | number | null)[] = new Array<string | number | null>(ACTIVITY_COLUMNS * ACTIVITY_INSERT_GROUP).fill(null);

  constructor(db: Database.Database) {
    const newerOrUnversioned = (table: string) =>
      `WHERE excluded.version IS NULL OR ${table}.version IS NULL OR excluded.version >= ${table}.version`;
    // A new activity is a plain insert; only an id already present falls through to the version-guarded update.
    const insertActivities = (rows: number) => `
      INSERT INTO activities (id, supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online, version)
      VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT(id) DO NOTHING`;
    this.insertActivity = db.prepare(insertActivities(1));
    this.insertActivityGroup = db.prepare(insertActivities(ACTIVITY_INSERT_GROUP));
    // The last change sequence number handed out (AUTOINCREMENT keeps it, deleted rows and all).
    this.activitySequence = db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'activities'").pluck();
    this.activitiesAfterSeq = db.prepare<[number], [number, string]>('SELECT seq, id FROM activities WHERE seq > ? ORDER BY seq').raw();
    this.updateActivity = db.prepare(`
      UPDATE activities SET supporterId = ?, type = ?, at = ?, tokens = ?, conversationId = ?, streamId = ?, minutes = ?,
        itemId = ?, category = ?, tier = ?, listingId = ?, online = ?, version = ?
      WHERE id = ? AND (? IS NULL OR version IS NULL OR ? >= version)`);
    this.upsertSupporter = db.prepare(`
      INSERT INTO supporters (id, handle, firstSeenAt, timezone, fanClubTier, fanClubSince, fanClubRenewsAt, fanClubActive, version)
      VALUES (@id, @handle, @firstSeenAt, @timezone, @fanClubTier, @fanClubSince, @fanClubRenewsAt, @fanClubActive, @version)
      ON CONFLICT(id) DO UPDATE SET handle = excluded.handle, firstSeenAt = excluded.firstSeenAt, timezone = excluded.timezone,
        fanClubTier = excluded.fanClubTier, fanClubSince = excluded.fanClubSince, fanClubRenewsAt = excluded.fanClubRenewsAt,
        fanClubActive = excluded.fanClubActive, version = excluded.version
      ${newerOrUnversioned('supporters')}`);
    this.upsertCreator = db.prepare(`
      INSERT INTO creator (id, handle, earnOn, timezone, level, version) VALUES (@id, @handle, @earnOn, @timezone, @level, @version)
      ON CONFLICT(id) DO UPDATE SET handle = excluded.handle, earnOn = excluded.earnOn, timezone = excluded.timezone,
        level = excluded.level, version = excluded.version
      ${newerOrUnversioned('creator')}`);
    this.upsertStream = db.prepare(`
      INSERT INTO streams (id, title, scheduledAt, startedAt, endedAt, version) VALUES (@id, @title, @scheduledAt, @startedAt, @endedAt, @version)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, scheduledAt = excluded.scheduledAt, startedAt = excluded.startedAt,
        endedAt = excluded.endedAt, version = excluded.version
      ${newerOrUnversioned('streams')}`);
    this.upsertListing = db.prepare(`
      INSERT INTO listings (id, title, startsAt, capacity, version) VALUES (@id, @title, @startsAt, @capacity, @version)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, startsAt = excluded.startsAt, capacity = excluded.capacity,
        version = excluded.version
      ${newerOrUnversioned('listings')}`);
    this.deleteStatements = {
      creator: db.prepare('DELETE FROM creator WHERE id = ?'),
      supporter: db.prepare('DELETE FROM supporters WHERE id = ?'),
      activity: db.prepare('DELETE FROM activities WHERE id = ?'),
      stream: db.prepare('DELETE FROM streams WHERE id = ?'),
      listing: db.prepare('DELETE FROM listings WHERE id = ?'),
    } as const;
    this.deleteActivitiesOfSupporter = db.prepare('DELETE FROM activities WHERE supporterId = ?');
    this.supporterOfActivity = db.prepare<[string], { supporterId: string }>('SELECT supporterId FROM activities WHERE id = ?');
  }

  /**
   * Applies a batch's valid changes in order and returns the supporters whose derived data they
   * may change (for the incremental recompute). Newly inserted activities are added to `inserted`.
   *
   * New activities are the bulk of every import and sync, so they are written in multi-row groups.
   * Writes to other tables do not depend on the activities table, so only a delete (which may
   * remove an activity still waiting in the group) writes the group out first.
   */
  applyAll(changes: Iterable<ValidChange>, inserted: InsertedActivities): Set<string> {
    const touched = new Set<string>();
    const group: Activity[] = [];
    for (const change of changes) {
      if (change.op === 'upsert' && change.entity === 'activity') {
        group.push(change.data);
        touched.add(change.data.supporterId);
        if (group.length === ACTIVITY_INSERT_GROUP) this.writeActivities(group.splice(0), inserted);
        continue;
      }
      if (change.op === 'delete' && group.length > 0) this.writeActivities(group.splice(0), inserted);
      const supporterId = this.applyOther(change);
      if (supporterId !== null) touched.add(supporterId);
    }
    if (group.length > 0) this.writeActivities(group, inserted);
    return touched;
  }

  /** Inserts activities (an id already stored falls through to the version-guarded update), in order. */
  private writeActivities(activities: readonly Activity[], inserted: InsertedActivities): void {
    if (activities.length < ACTIVITY_INSERT_GROUP) {
      for (const activity of activities) this.writeActivity(activity, inserted);
      return;
    }
    // Each new row takes the next number of the change sequence (`activities.seq`, AUTOINCREMENT),
    // so a group that inserted every row holds exactly the numbers after the one handed out before it.
    const seqBefore = this.activitySequence.get() ?? 0;
    const params = this.groupParams;
    activities.forEach((activity, index) => fillActivityRow(params, index * ACTIVITY_COLUMNS, activity));
    const result = this.insertActivityGroup.run(params);
    if (result.changes === activities.length && Number(result.lastInsertRowid) === seqBefore + activities.length) {
      activities.forEach((activity, index) => inserted.add(activity, seqBefore + 1 + index));
      return;
    }
    // Some ids were stored already (a page sent again, or an id twice in the group): the rows above
    // that number are the ones this group inserted, in order; every other record is an update.
    const insertedSeqs = new Map<string, number>();
    for (const [seq, id] of this.activitiesAfterSeq.all(seqBefore)) insertedSeqs.set(id, seq);
    for (const activity of activities) {
      const seq = insertedSeqs.get(activity.id);
      if (seq === undefined) {
        this.updateStoredActivity(activity);
      } else {
        // A later record with the same id in this group updates the row the first one inserted.
        insertedSeqs.delete(activity.id);
        inserted.add(activity, seq);
      }
    }
  }

  private writeActivity(activity: Activity, inserted: InsertedActivities): void {
    const row = this.activityParams;
    fillActivityRow(row, 0, activity);
    const insert = this.insertActivity.run(row);
    if (insert.changes === 0) this.updateStoredActivity(activity);
    else inserted.add(activity, Number(insert.lastInsertRowid));
  }

  private updateStoredActivity(activity: Activity): void {
    const row = this.activityParams;
    fillActivityRow(row, 0, activity);
    this.updateActivity.run(...row.slice(1), activity.id, activity.version, activity.version);
  }

  /** Applies a change other than an activity upsert; returns the supporter whose derived data it may change, or null. */
  private applyOther(change: Exclude<ValidChange, { entity: 'activity'; op: 'upsert' }>): string | null {
    if (change.op === 'delete') {
      const { id } = change.data;
      if (change.entity === 'activity') {
        const owner = this.supporterOfActivity.get(id)?.supporterId ?? null;
        this.deleteStatements.activity.run(id);
        return owner;
      }
      if (change.entity === 'supporter') {
        // A supporter removed by the platform takes their activity with them: nothing of theirs stays cached.
        this.deleteActivitiesOfSupporter.run(id);
      }
      this.deleteStatements[change.entity].run(id);
      return change.entity === 'supporter' ? id : null;
    }
    switch (change.entity) {
      case 'supporter': {
        const s = change.data;
        this.upsertSupporter.run({
          id: s.id,
          handle: s.handle,
          firstSeenAt: s.firstSeenAt,
          timezone: s.timezone,
          fanClubTier: s.fanClub?.tier ?? null,
          fanClubSince: s.fanClub?.since ?? null,
          fanClubRenewsAt: s.fanClub?.renewsAt ?? null,
          fanClubActive: s.fanClub === null ? null : s.fanClub.active ? 1 : 0,
          version: s.version,
        });
        return s.id;
      }
      case 'creator':
        this.upsertCreator.run({ ...change.data, earnOn: change.data.earnOn ? 1 : 0 });
        return null;
      case 'stream':
        this.upsertStream.run(change.data);
        return null;
      case 'listing':
        this.upsertListing.run(change.data);
        return null;
    }
  }
}

/** Writes an activity's columns into a statement's parameters at `offset`, in the INSERT's column order. */
function fillActivityRow(params: (string | number | null)[], offset: number, activity: Activity): void {
  params[offset] = activity.id;
  params[offset + 1] = activity.supporterId;
  params[offset + 2] = activity.type;
  params[offset + 3] = activity.at;
  params[offset + 4] = activity.tokens;
  params[offset + 5] = activity.conversationId;
  params[offset + 6] = activity.streamId;
  params[offset + 7] = activity.minutes;
  params[offset + 8] = activity.itemId;
  params[offset + 9] = activity.category;
  params[offset + 10] = activity.tier;
  params[offset + 11] = activity.listingId;
  params[offset + 12] = activity.online === null ? null : activity.online ? 1 : 0;
  params[offset + 13] = activity.version;
}
