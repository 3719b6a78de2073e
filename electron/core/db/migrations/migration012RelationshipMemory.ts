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
 * - Search, kept current by triggers so no writer of supporters, notes or tags has to know about it:
 *   - `supporter_search_docs`: one row per supporter, with the handle again (indexed without case,
 *     for "starts with"); its `docId` is the rowid of `supporter_handles_search` (trigram,
 *     diacritics folded), which finds any part of a handle of three characters or more.
 *   - `supporter_memory_search` (words and word starts, diacritics folded): one document per
 *     supporter with their live notes and tag labels, contentless, so no second copy of a note's
 *     text exists. Every write of a supporter's notes or tags rebuilds their document under a new,
 *     higher rowid (`supporter_memory_docs`), so rowid order is "most recently written first" and
 *     a page of a broad match is read in order straight from the index.
 */
/**
 * Statements (for a trigger body) that rebuild one supporter's memory document from their live
 * notes and tags: the old document goes, and a new one is written under a new, highest rowid —
 * or none, when they have no notes or tags left or are no longer a supporter.
 */
function rebuildMemoryDocument(supporterId: string): string {
  return `
        DELETE FROM supporter_memory_search WHERE rowid = (SELECT memoryRowid FROM supporter_memory_docs WHERE supporterId = ${supporterId});
        DELETE FROM supporter_memory_docs WHERE supporterId = ${supporterId};
        INSERT INTO supporter_memory_docs (supporterId, docId)
          SELECT d.supporterId, d.docId FROM supporter_search_docs d WHERE d.supporterId = ${supporterId}
            AND (EXISTS (SELECT 1 FROM supporter_notes WHERE supporterId = ${supporterId} AND deletedAt IS NULL)
              OR EXISTS (SELECT 1 FROM supporter_tags WHERE supporterId = ${supporterId} AND deletedAt IS NULL));
        INSERT INTO supporter_memory_search (rowid, text)
          SELECT m.memoryRowid, (
            SELECT group_concat(text, char(10)) FROM (
              SELECT text FROM supporter_notes WHERE supporterId = ${supporterId} AND deletedAt IS NULL
              UNION ALL SELECT label FROM supporter_tags WHERE supporterId = ${supporterId} AND deletedAt IS NULL))
          FROM supporter_memory_docs m WHERE m.supporterId = ${supporterId};`;
}

export const migration012RelationshipMemory: Migration = {
  version: 12,
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

      CREATE TRIGGER supporters_search_insert AFTER INSERT ON supporters
      BEGIN
        DELETE FROM supporter_handles_search WHERE rowid = (SELECT docId FROM supporter_search_docs WHERE supporterId = new.id);
        INSERT INTO supporter_search_docs (supporterId, handle) VALUES (new.id, new.handle)
          ON CONFLICT(supporterId) DO UPDATE SET handle = excluded.handle;
        INSERT INTO supporter_handles_search (rowid, handle) SELECT docId, new.handle FROM supporter_search_docs WHERE supporterId = new.id;
        ${rebuildMemoryDocument('new.id')}
      END;
      CREATE TRIGGER supporters_search_update AFTER UPDATE OF handle ON supporters WHEN old.handle IS NOT new.handle
      BEGIN
        DELETE FROM supporter_handles_search WHERE rowid = (SELECT docId FROM supporter_search_docs WHERE supporterId = old.id);
        UPDATE supporter_search_docs SET handle = new.handle WHERE supporterId = new.id;
        INSERT INTO supporter_handles_search (rowid, handle) SELECT docId, new.handle FROM supporter_search_docs WHERE supporterId = new.id;
      END;
      CREATE TRIGGER supporters_search_delete AFTER DELETE ON supporters
      BEGIN
        DELETE FROM supporter_handles_search WHERE rowid = (SELECT docId FROM supporter_search_docs WHERE supporterId = old.id);
        DELETE FROM supporter_search_docs WHERE supporterId = old.id;
        ${rebuildMemoryDocument('old.id')}
      END;

      CREATE TRIGGER supporter_notes_search_insert AFTER INSERT ON supporter_notes
      BEGIN
        ${rebuildMemoryDocument('new.supporterId')}
      END;
      CREATE TRIGGER supporter_notes_search_update AFTER UPDATE OF text, deletedAt ON supporter_notes
      BEGIN
        ${rebuildMemoryDocument('new.supporterId')}
      END;
      CREATE TRIGGER supporter_notes_search_delete AFTER DELETE ON supporter_notes
      BEGIN
        ${rebuildMemoryDocument('old.supporterId')}
      END;
      CREATE TRIGGER supporter_tags_search_insert AFTER INSERT ON supporter_tags
      BEGIN
        ${rebuildMemoryDocument('new.supporterId')}
      END;
      CREATE TRIGGER supporter_tags_search_update AFTER UPDATE OF label, deletedAt ON supporter_tags
      BEGIN
        ${rebuildMemoryDocument('new.supporterId')}
      END;
      CREATE TRIGGER supporter_tags_search_delete AFTER DELETE ON supporter_tags
      BEGIN
        ${rebuildMemoryDocument('old.supporterId')}
      END;
    `);
  },
};
