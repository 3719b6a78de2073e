import type Database from 'better-sqlite3';
import type { ValidChange } from '../../../shared/domain/entities';
import type { InsertedActivities } from '../ingest/insertedActivities';

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
  private readonly activityParams: (string | number | null)[] = new Array<string | number | null>(14).fill(null);

  constructor(private readonly db: Database.Database) {
    const newerOrUnversioned = (table: string) =>
      `WHERE excluded.version IS NULL OR ${table}.version IS NULL OR excluded.version >= ${table}.version`;
    // New activities are the bulk of every import and sync, so the common case is a plain insert;
    // only an id already present falls through to the version-guarded update.
    this.insertActivity = db.prepare(`
      INSERT INTO activities (id, supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`);
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
   * Applies one change and returns the supporter whose derived data it may change (for the
   * incremental recompute), or null. A newly inserted activity is also added to `inserted`.
   */
  apply(change: ValidChange, inserted?: InsertedActivities): string | null {
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
      case 'activity': {
        const a = change.data;
        // One parameter array for every insert (binding copies the values): this runs per record.
        const row = this.activityParams;
        row[0] = a.id;
        row[1] = a.supporterId;
        row[2] = a.type;
        row[3] = a.at;
        row[4] = a.tokens;
        row[5] = a.conversationId;
        row[6] = a.streamId;
        row[7] = a.minutes;
        row[8] = a.itemId;
        row[9] = a.category;
        row[10] = a.tier;
        row[11] = a.listingId;
        row[12] = a.online === null ? null : a.online ? 1 : 0;
        row[13] = a.version;
        const insert = this.insertActivity.run(row);
        if (insert.changes === 0) this.updateActivity.run(...row.slice(1), a.id, a.version, a.version);
        else inserted?.add(a, Number(insert.lastInsertRowid));
        return a.supporterId;
      }
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

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
