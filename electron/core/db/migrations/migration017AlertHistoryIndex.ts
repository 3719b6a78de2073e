import type { Migration } from '../migration';

/**
 * A supporter's records read from one index (issue 19): `activities_by_supporter_time` also holds
 * every column alert evaluation reads of a record.
 *
 * Alert evaluation reads a supporter's history by (supporterId, at) — the 32 days before a late
 * record, the records judged since a judging state was written, the aggregates of older history —
 * and a record's columns sat in the table, where a supporter's records lie wherever the change
 * sequence put them: one table page per record, each a page-cache miss on a creator's workspace.
 * With the columns in the index entry, a supporter's records lie together, in time order, in a page
 * or two. The index keeps its name and its leading columns, so every query that used it (the
 * engine's, the models') still does; a record costs the same one index insert as before, only a
 * longer entry (a second index instead made every activity insert cost one more).
 */
export const migration017AlertHistoryIndex: Migration = {
  version: 17,
  name: 'alert history columns in the supporter-time index',
  up(db) {
    db.exec(`
      DROP INDEX activities_by_supporter_time;
      CREATE INDEX activities_by_supporter_time ON activities(supporterId, at, type, tokens, minutes, online, listingId, id);
    `);
  },
};
