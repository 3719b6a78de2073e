import type { Migration } from '../migration';

/**
 * The raw cache: every entity of the data contract (SPEC §1), plus quarantine, safety log,
 * settings and key/value metadata. Times are epoch milliseconds (UTC) so windows compare as integers.
 * Forbidden identity fields have no column anywhere: they are stripped before any write.
 */
export const migration001InitialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE creator (
        id TEXT PRIMARY KEY,
        handle TEXT NOT NULL,
        earnOn INTEGER NOT NULL,
        timezone TEXT NOT NULL DEFAULT 'UTC',
        level INTEGER,
        version INTEGER
      );

      CREATE TABLE supporters (
        id TEXT PRIMARY KEY,
        handle TEXT NOT NULL,
        firstSeenAt INTEGER NOT NULL,
        timezone TEXT,
        fanClubTier TEXT,
        fanClubSince INTEGER,
        fanClubRenewsAt INTEGER,
        fanClubActive INTEGER,
        version INTEGER
      );
      CREATE INDEX supporters_by_handle ON supporters(handle COLLATE NOCASE);

      CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        supporterId TEXT NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        tokens INTEGER NOT NULL DEFAULT 0,
        conversationId TEXT,
        streamId TEXT,
        minutes REAL,
        itemId TEXT,
        category TEXT,
        tier TEXT,
        listingId TEXT,
        online INTEGER,
        version INTEGER
      );
      CREATE INDEX activities_by_supporter_time ON activities(supporterId, at);

      CREATE TABLE streams (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        scheduledAt INTEGER NOT NULL,
        startedAt INTEGER,
        endedAt INTEGER,
        version INTEGER
      );

      CREATE TABLE listings (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        startsAt INTEGER NOT NULL,
        capacity INTEGER,
        version INTEGER
      );

      -- A record that could not be applied, kept with its reason. 'record' holds the JSON with
      -- forbidden fields removed, or NULL when the text was not JSON (raw text is never stored).
      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        receivedAt INTEGER NOT NULL,
        source TEXT NOT NULL,
        position INTEGER NOT NULL,
        length INTEGER NOT NULL,
        reason TEXT NOT NULL,
        record TEXT
      );

      -- Only field names and counts, never values.
      CREATE TABLE safety_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL
      );

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
