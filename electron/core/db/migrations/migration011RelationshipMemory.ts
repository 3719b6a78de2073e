import type { Migration } from '../migration';

/**
 * Relationship memory (SPEC §13): the creator's private notes, tags, follow-ups and snoozes per
 * supporter, and the search indexes over them and over handles.
 *
 * Every memory row is ready for the sync wave (docs/sync-protocol.md, "Relationship memory"): a
 * stable `id` shared across machines, a `version` that grows by one with each write, `updatedAt`,
 * and `deletedAt` — a removal keeps its row as a tombstone (without its text) so the deletion can
 * be sent to the platform and win over an older copy that arrives later.
 *
 * - `supporter_notes`: `seq` is the row's local number (an INTEGER PRIMARY KEY, so VACUUM never
 *   renumbers it); `text` is NULL once deleted.
 * - `supporter_tags`: one row per supporter and tag. A tag's identity is its `tagKey` (case and
 *   spacing folded, memory/normaliseTag.ts); `label` is how it is shown. The row's id is derived
 *   from (supporterId, tagKey), so two machines that add the same tag to the same supporter write
 *   the same row. `tag_summary` counts supporters per live tag (kept by triggers), so the tag list
 *   never scans every assignment.
 * - `follow_ups`: "remind me about this supporter at dueAt"; a cancelled one is a tombstone.
 * - `supporter_snoozes`: at most one per supporter (id derived from it): hidden from the Now queue
 *   and notifications held from `snoozedAt` until `until`.
 * - Search:
 *   - `supporter_search_docs`: one row per supporter, with the handle again (indexed without case,
 *     for "starts with"); its `docId` is the rowid of `supporter_handles_search` (trigram,
 *     diacritics folded), which finds any part of a handle of three characters or more.
 *   - `supporter_memory_search` (words and word starts, diacritics folded): one document per
 *     supporter with their live notes and tag labels, contentless, so no second copy of a note's
 *     text exists. A document is rebuilt under a new, higher rowid (`supporter_memory_docs`) when
 *     the supporter's notes or tags change, so rowid order is "most recently written first" and a
 *     page of a broad match is read in order straight from the index.
 *   - `supporter_search_pending`: which supporters' handle or memory documents are out of date.
 *     Triggers only note the supporter here (so no writer of supporters, notes or tags has to know
 *     about search, and an import pays a few microseconds per supporter); the documents are
 *     rebuilt in bulk once per applied batch or write (store/memorySearchStore.ts `refresh`).
 *     Writing FTS5 rows from a trigger instead, one row per statement, cost about ten times more
 *     per new supporter: FTS5 flushes its pending terms at every statement's savepoint.
 */
/** Triggers that mark a supporter's memory document out of date when a row of `table` changes. */
function memoryChangedTriggers(table: string, columns: string): string {
  const mark = (row: 'new' | 'old') =>
    `INSERT INTO supporter_search_pending (supporterId, memory) VALUES (${row}.supporterId, 1) ON CONFLICT(supporterId) DO UPDATE SET memory = 1;`;
  return `
      CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${table} BEGIN ${mark('new')} END;
      CREATE TRIGGER ${table}_search_update AFTER UPDATE OF ${columns} ON ${table} BEGIN ${mark('new')} END;
      CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${table} BEGIN ${mark('old')} END;`;
}

export const migration011RelationshipMemory: Migration = {
  version: 11,
  name: 'relationship memory',
  up(db) {
    db.exec(`
      CREATE TABLE supporter_notes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        supporterId TEXT NOT NULL,
        text TEXT,
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL,
        version INTEGER NOT NULL,
        deletedAt INTEGER,
        CHECK ((deletedAt IS NULL) = (text IS NOT NULL))
      );
      CREATE INDEX supporter_notes_by_supporter ON supporter_notes(supporterId, createdAt DESC, seq DESC) WHERE deletedAt IS NULL;

      CREATE TABLE supporter_tags (
        id TEXT PRIMARY KEY,
        supporterId TEXT NOT NULL,
        tagKey TEXT NOT NULL,
        label TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL,
        version INTEGER NOT NULL,
        deletedAt INTEGER
      );
      CREATE UNIQUE INDEX supporter_tags_by_supporter ON supporter_tags(supporterId, tagKey) WHERE deletedAt IS NULL;
      CREATE INDEX supporter_tags_by_tag ON supporter_tags(tagKey, supporterId) WHERE deletedAt IS NULL;

      CREATE TABLE tag_summary (
        tagKey TEXT PRIMARY KEY,
        -- The spelling of the latest assignment written, so a rename shows at once.
        label TEXT NOT NULL,
        supporters INTEGER NOT NULL
      );
      CREATE TRIGGER supporter_tags_count_insert AFTER INSERT ON supporter_tags WHEN new.deletedAt IS NULL
      BEGIN
        INSERT INTO tag_summary (tagKey, label, supporters) VALUES (new.tagKey, new.label, 1)
          ON CONFLICT(tagKey) DO UPDATE SET supporters = supporters + 1, label = excluded.label;
      END;
      CREATE TRIGGER supporter_tags_count_update AFTER UPDATE OF tagKey, label, deletedAt ON supporter_tags
      BEGIN
        UPDATE tag_summary SET supporters = supporters - 1 WHERE old.deletedAt IS NULL AND tagKey = old.tagKey;
        INSERT INTO tag_summary (tagKey, label, supporters) SELECT new.tagKey, new.label, 1 WHERE new.deletedAt IS NULL
          ON CONFLICT(tagKey) DO UPDATE SET supporters = supporters + 1, label = excluded.label;
        DELETE FROM tag_summary WHERE tagKey IN (old.tagKey, new.tagKey) AND supporters <= 0;
      END;
      CREATE TRIGGER supporter_tags_count_delete AFTER DELETE ON supporter_tags WHEN old.deletedAt IS NULL
      BEGIN
        UPDATE tag_summary SET supporters = supporters - 1 WHERE tagKey = old.tagKey;
        DELETE FROM tag_summary WHERE tagKey = old.tagKey AND supporters <= 0;
      END;

      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        supporterId TEXT NOT NULL,
        dueAt INTEGER NOT NULL,
        -- Private like a note; NULL when none was given or once cancelled.
        text TEXT,
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL,
        version INTEGER NOT NULL,
        deletedAt INTEGER
      );
      CREATE INDEX follow_ups_by_due ON follow_ups(dueAt, id) WHERE deletedAt IS NULL;
      CREATE INDEX follow_ups_by_supporter ON follow_ups(supporterId, dueAt) WHERE deletedAt IS NULL;

      CREATE TABLE supporter_snoozes (
        id TEXT PRIMARY KEY,
        supporterId TEXT NOT NULL UNIQUE,
        snoozedAt INTEGER NOT NULL,
        until INTEGER NOT NULL,
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL,
        version INTEGER NOT NULL,
        deletedAt INTEGER
      );
      CREATE INDEX supporter_snoozes_by_until ON supporter_snoozes(until) WHERE deletedAt IS NULL;

      CREATE TABLE supporter_search_docs (
        docId INTEGER PRIMARY KEY,
        supporterId TEXT NOT NULL UNIQUE,
        handle TEXT NOT NULL
      );
      CREATE INDEX supporter_search_docs_by_handle ON supporter_search_docs(handle COLLATE NOCASE, docId);
      CREATE VIRTUAL TABLE supporter_handles_search USING fts5(handle, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
      INSERT INTO supporter_search_docs (supporterId, handle) SELECT id, handle FROM supporters ORDER BY id;
      INSERT INTO supporter_handles_search (rowid, handle) SELECT docId, handle FROM supporter_search_docs ORDER BY docId;

      CREATE TABLE supporter_memory_docs (
        memoryRowid INTEGER PRIMARY KEY,
        supporterId TEXT NOT NULL UNIQUE,
        docId INTEGER NOT NULL
      );
      CREATE VIRTUAL TABLE supporter_memory_search USING fts5(
        text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );

      CREATE TABLE supporter_search_pending (
        supporterId TEXT PRIMARY KEY,
        handle INTEGER NOT NULL DEFAULT 0,
        memory INTEGER NOT NULL DEFAULT 0
      );
      CREATE TRIGGER supporters_search_insert AFTER INSERT ON supporters
      BEGIN
        INSERT INTO supporter_search_pending (supporterId, handle, memory) VALUES (new.id, 1, 1)
          ON CONFLICT(supporterId) DO UPDATE SET handle = 1, memory = 1;
      END;
      CREATE TRIGGER supporters_search_update AFTER UPDATE OF handle ON supporters WHEN old.handle IS NOT new.handle
      BEGIN
        INSERT INTO supporter_search_pending (supporterId, handle) VALUES (new.id, 1) ON CONFLICT(supporterId) DO UPDATE SET handle = 1;
      END;
      CREATE TRIGGER supporters_search_delete AFTER DELETE ON supporters
      BEGIN
        INSERT INTO supporter_search_pending (supporterId, handle, memory) VALUES (old.id, 1, 1)
          ON CONFLICT(supporterId) DO UPDATE SET handle = 1, memory = 1;
      END;
      ${memoryChangedTriggers('supporter_notes', 'text, deletedAt')}
      ${memoryChangedTriggers('supporter_tags', 'label, deletedAt')}
    `);
  },
};
