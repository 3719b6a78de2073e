import type { Migration } from '../migration';

/** Every column of `activities` after its key, as step 1 defined them and in its order. */
const ACTIVITY_COLUMNS = 'supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online, version';

/**
 * An explicit change sequence for activity, and exact change detection for scores (issue 18).
 *
 * 1. `activities.seq INTEGER PRIMARY KEY AUTOINCREMENT`. The engine, alert evaluation and the
 *    customer-base refit find new activity above a watermark. They used the table's implicit rowid,
 *    which SQLite hands out again after the newest rows are deleted (patched with the
 *    `engine_freed_rowids` triggers and the alert watermark's delete trigger) and which VACUUM may
 *    renumber in a table whose key is not an integer. An AUTOINCREMENT key is never reused and
 *    VACUUM keeps it, so a watermark on it needs no patch. `seq` is the rowid itself: a new row still
 *    updates three B-trees (the table, `id`'s unique index, `activities_by_supporter_time`), and a
 *    range of `seq` is still a sequential read.
 *
 *    The table is rebuilt with `seq` = the old rowid, so every stored watermark keeps its meaning.
 *    The sequence starts above every value a watermark may hold (a rowid freed by a delete may
 *    sit below one), and a rowid freed and reused since the last catch-up queues its owner for a
 *    rebuild, as the engine's catch-up did with `engine_freed_rowids`.
 * 2. `supporter_state.signature` goes: a full run compares the stored values themselves (a 52-bit
 *    hash could miss a change and leave a stale score). Reading every value costs a full run more
 *    than one did, so its other read, each supporter's fan club flag in id order, now comes from a
 *    covering index (`supporters_fan_club`) instead of the table.
 *
 * Self-contained SQL: no application code. At 5 M activities the copy takes a while, once.
 */
export const migration010ChangeSequence: Migration = {
  version: 10,
  name: 'activity change sequence',
  up(db) {
    db.exec(`
      -- A rowid freed since the engine's last catch-up may hold another supporter's row by now.
      INSERT INTO engine_pending (supporterId, rebuild)
        SELECT DISTINCT supporterId, 1 FROM activities WHERE rowid IN (SELECT activityRowid FROM engine_freed_rowids)
        ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
      DROP TABLE engine_freed_rowids;

      CREATE TABLE activities_sequenced (
        -- The change sequence: new rows only ever get a higher one (AUTOINCREMENT), and VACUUM keeps it.
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
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
      INSERT INTO activities_sequenced (seq, id, ${ACTIVITY_COLUMNS})
        SELECT rowid, id, ${ACTIVITY_COLUMNS} FROM activities ORDER BY rowid;

      -- Dropping the table drops its triggers: the engine's two (recreated below) and the one that
      -- lowered the alert watermark after a delete (no longer needed).
      DROP TABLE activities;
      ALTER TABLE activities_sequenced RENAME TO activities;
      CREATE INDEX activities_by_supporter_time ON activities(supporterId, at);

      -- Above every rowid in use, freed, or named by a watermark.
      DELETE FROM sqlite_sequence WHERE name = 'activities';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'activities', max(
        coalesce((SELECT max(seq) FROM activities), 0),
        coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'engineActivityWatermark'), 0),
        coalesce((SELECT evaluatedRowid FROM alert_watermark WHERE id = 1), 0));

      ALTER TABLE alert_watermark RENAME COLUMN evaluatedRowid TO evaluatedSeq;

      -- Step 2's triggers, without the freed-rowid bookkeeping.
      CREATE TRIGGER engine_activity_changed AFTER UPDATE ON activities
      WHEN OLD.supporterId IS NOT NEW.supporterId OR OLD.type IS NOT NEW.type OR OLD.at IS NOT NEW.at
        OR OLD.tokens IS NOT NEW.tokens OR OLD.minutes IS NOT NEW.minutes OR OLD.listingId IS NOT NEW.listingId
        OR OLD.online IS NOT NEW.online
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (OLD.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (NEW.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
      END;
      CREATE TRIGGER engine_activity_deleted AFTER DELETE ON activities
      BEGIN
        INSERT INTO engine_pending (supporterId, rebuild) VALUES (OLD.supporterId, 1)
          ON CONFLICT(supporterId) DO UPDATE SET rebuild = 1;
      END;

      ALTER TABLE supporter_state DROP COLUMN signature;
      CREATE INDEX supporters_fan_club ON supporters(id, fanClubActive);
    `);
  },
};
