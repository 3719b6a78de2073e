import type { Migration } from '../migration';

/**
 * Alerts find new activity by rowid instead of through a queue filled by a trigger (issue 8).
 *
 * The insert trigger of step 4 wrote a second B-tree entry for every activity and evaluation then
 * deleted it again: about 40 % of the cost of applying a batch. Now:
 *
 * - `alert_watermark.evaluatedRowid`: every activity with a rowid at or below it has been seen by
 *   alert evaluation. New rows get `max(rowid) + 1`, so everything inserted since is above it.
 * - SQLite hands out a rowid again only when the newest rows were deleted; the delete trigger then
 *   lowers the watermark to the new maximum, so a row inserted later can never hide below it.
 * - `alert_pending_activities` keeps only what was seen but could not be judged yet: activity
 *   dated after the evaluation's `now`, or of a supporter the platform has not sent yet.
 *
 * Existing queue entries stay in that table and are judged by the next evaluation.
 */
export const migration006AlertWatermark: Migration = {
  version: 6,
  name: 'alert evaluation watermark',
  up(db) {
    db.exec(`
      DROP TRIGGER activities_queue_for_alerts;

      CREATE TABLE alert_watermark (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        evaluatedRowid INTEGER NOT NULL
      );
      INSERT INTO alert_watermark (id, evaluatedRowid) VALUES (1, coalesce((SELECT max(rowid) FROM activities), 0));

      CREATE TRIGGER activities_deleted_lower_alert_watermark AFTER DELETE ON activities
      WHEN OLD.rowid > coalesce((SELECT max(rowid) FROM activities), 0)
      BEGIN
        UPDATE alert_watermark SET evaluatedRowid = coalesce((SELECT max(rowid) FROM activities), 0)
        WHERE evaluatedRowid > coalesce((SELECT max(rowid) FROM activities), 0);
      END;
    `);
  },
};
