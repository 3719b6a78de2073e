import type { Migration } from '../migration';

const MEMORY_TABLES = ['supporter_notes', 'supporter_tags', 'follow_ups', 'supporter_snoozes'] as const;

/** The label `tag_summary` shows for a tag: that of its live assignment written last, ties by id (the same on every machine). */
const LATEST_LABEL = (tagKey: string) =>
  `(SELECT t.label FROM supporter_tags t WHERE t.tagKey = ${tagKey} AND t.deletedAt IS NULL ORDER BY t.updatedAt DESC, t.id DESC LIMIT 1)`;

/**
 * Relationship memory across machines (issue 20 item 5, docs/sync-protocol.md §9).
 *
 * - Every memory row gains `writer`: the id of the workspace that wrote its current version. Last
 *   writer wins per id by (version, updatedAt, writer, then the content itself), so two machines
 *   that apply the same records in any order keep the same row. A row written before this step
 *   has `writer = ''`: it was never queued for the platform, and the sync run queues it (the
 *   partial indexes find those rows without a scan once they are gone).
 * - `tag_summary.label` was the spelling of whichever assignment was written last *on this
 *   machine*, so two machines that applied the same assignments in another order could show a tag
 *   differently. It becomes a function of the rows: the label of the tag's live assignment with
 *   the latest `updatedAt` (ties by id), kept by the count triggers (recreated here) through an
 *   index on (tagKey, updatedAt, id), and recomputed once for the tags already there.
 *
 * Self-contained SQL: no application code.
 */
export const migration014MemorySync: Migration = {
  version: 14,
  name: 'memory sync',
  up(db) {
    db.exec(`
      ${MEMORY_TABLES.map((table) => `ALTER TABLE ${table} ADD COLUMN writer TEXT NOT NULL DEFAULT '';`).join('\n      ')}
      ${MEMORY_TABLES.map((table) => `CREATE INDEX ${table}_unsent ON ${table}(id) WHERE writer = '';`).join('\n      ')}

      CREATE INDEX supporter_tags_latest ON supporter_tags(tagKey, updatedAt DESC, id DESC) WHERE deletedAt IS NULL;
      DROP TRIGGER supporter_tags_count_insert;
      DROP TRIGGER supporter_tags_count_update;
      DROP TRIGGER supporter_tags_count_delete;
      CREATE TRIGGER supporter_tags_count_insert AFTER INSERT ON supporter_tags WHEN new.deletedAt IS NULL
      BEGIN
        INSERT INTO tag_summary (tagKey, label, supporters) VALUES (new.tagKey, new.label, 1)
          ON CONFLICT(tagKey) DO UPDATE SET supporters = supporters + 1;
        UPDATE tag_summary SET label = ${LATEST_LABEL('new.tagKey')} WHERE tagKey = new.tagKey;
      END;
      CREATE TRIGGER supporter_tags_count_update AFTER UPDATE OF tagKey, label, deletedAt, updatedAt ON supporter_tags
      BEGIN
        UPDATE tag_summary SET supporters = supporters - 1 WHERE old.deletedAt IS NULL AND tagKey = old.tagKey;
        INSERT INTO tag_summary (tagKey, label, supporters) SELECT new.tagKey, new.label, 1 WHERE new.deletedAt IS NULL
          ON CONFLICT(tagKey) DO UPDATE SET supporters = supporters + 1;
        DELETE FROM tag_summary WHERE tagKey IN (old.tagKey, new.tagKey) AND supporters <= 0;
        UPDATE tag_summary SET label = coalesce(${LATEST_LABEL('tag_summary.tagKey')}, label) WHERE tagKey IN (old.tagKey, new.tagKey);
      END;
      CREATE TRIGGER supporter_tags_count_delete AFTER DELETE ON supporter_tags WHEN old.deletedAt IS NULL
      BEGIN
        UPDATE tag_summary SET supporters = supporters - 1 WHERE tagKey = old.tagKey;
        DELETE FROM tag_summary WHERE tagKey = old.tagKey AND supporters <= 0;
        UPDATE tag_summary SET label = coalesce(${LATEST_LABEL('tag_summary.tagKey')}, label) WHERE tagKey = old.tagKey;
      END;
      UPDATE tag_summary SET label = coalesce(${LATEST_LABEL('tag_summary.tagKey')}, label);
    `);
  },
};
