import type { Migration } from '../migration';

/**
 * Alerts that do not depend on page boundaries or arrival order (SPEC §8 v1.1, issue 16 item 6),
 * judged without replaying each supporter's history on every page (issue 19).
 *
 * - `alert_judging_state`: per supporter, what judging their next record needs, as it stood after
 *   the latest record judged (`frontierAt`, `frontierId`: its position in (`at`, `id`) order), with
 *   the fan club flag it was judged with (dropped by a trigger when that changes): the
 *   aggregates of their history, the windowed records the rules read (spend of the last 32 days,
 *   what the scores count of the last 7) and the time of their latest alert of each type (the
 *   cooldown). A record after the
 *   frontier — the live case — is judged from this row alone; an older one takes the exact path,
 *   which re-judges the supporter from that record on and rewrites the row. Derived data: a missing
 *   row is rebuilt from raw activity the next time the supporter is judged.
 * - `alert_rejudge`: supporters whose judged history changed under them — an activity deleted, or
 *   updated in a field the rules read — and the earliest time that changed. Filled by triggers, so
 *   no writer of `activities` needs to know about alerts; the next evaluation re-judges them from
 *   there and drops the entry. A record sent again unchanged queues nothing.
 * - `alerts.detachedAt`: an alert the records no longer raise (a late or deleted record changed
 *   the history), kept only because the creator acted on it. It is out of the cooldown and never
 *   matched again; its `dedupeKey` is renamed so the trigger can raise a fresh alert later.
 * - `alerts.estimatedRevenue` goes: the estimate is worked out when an alert is shown
 *   (`alertEstimatedRevenue`). It reads 90 days of the supporter's records, which, done for every
 *   alert a sync page raised, cost more than the rest of that page's alert evaluation.
 *
 * The new tables start empty: each supporter's row is built the first time they are judged after
 * the upgrade, and alerts stored before it are reconciled from that record on.
 */
export const migration012AlertJudgingState: Migration = {
  version: 12,
  name: 'alert judging state',
  up(db) {
    db.exec(`
      -- WITHOUT ROWID: a page's thousand reads and the writes find a state in one B-tree, not an
      -- index and then the table (a state is a few hundred bytes: well inside a page's cell).
      CREATE TABLE alert_judging_state (
        supporterId TEXT PRIMARY KEY,
        frontierAt INTEGER NOT NULL,
        frontierId TEXT NOT NULL,
        fanClubActive INTEGER NOT NULL,
        state BLOB NOT NULL
      ) WITHOUT ROWID;

      -- A state is judged with the supporter's fan club flag (the +10 of SPEC §3); it goes when the
      -- flag changes or the supporter does, so a state on hand always speaks for a supporter as they are.
      CREATE TRIGGER supporters_fan_club_changed_drop_alert_state AFTER UPDATE OF fanClubActive ON supporters
      WHEN old.fanClubActive IS NOT new.fanClubActive
      BEGIN
        DELETE FROM alert_judging_state WHERE supporterId = new.id;
      END;

      CREATE TRIGGER supporters_deleted_drop_alert_state AFTER DELETE ON supporters
      BEGIN
        DELETE FROM alert_judging_state WHERE supporterId = old.id;
      END;

      CREATE TABLE alert_rejudge (
        supporterId TEXT PRIMARY KEY,
        fromAt INTEGER NOT NULL
      ) WITHOUT ROWID;

      ALTER TABLE alerts ADD COLUMN detachedAt INTEGER;
      ALTER TABLE alerts DROP COLUMN estimatedRevenue;

      CREATE TRIGGER activities_deleted_rejudge_alerts AFTER DELETE ON activities
      BEGIN
        INSERT INTO alert_rejudge (supporterId, fromAt) VALUES (old.supporterId, old.at)
        ON CONFLICT (supporterId) DO UPDATE SET fromAt = min(fromAt, excluded.fromAt);
      END;

      CREATE TRIGGER activities_updated_rejudge_alerts AFTER UPDATE ON activities
      WHEN old.supporterId IS NOT new.supporterId OR old.type IS NOT new.type OR old.at IS NOT new.at
        OR old.tokens IS NOT new.tokens OR old.minutes IS NOT new.minutes OR old.online IS NOT new.online
        OR old.listingId IS NOT new.listingId
      BEGIN
        INSERT INTO alert_rejudge (supporterId, fromAt) VALUES (old.supporterId, min(old.at, new.at))
        ON CONFLICT (supporterId) DO UPDATE SET fromAt = min(fromAt, excluded.fromAt);
        INSERT INTO alert_rejudge (supporterId, fromAt) VALUES (new.supporterId, min(old.at, new.at))
        ON CONFLICT (supporterId) DO UPDATE SET fromAt = min(fromAt, excluded.fromAt);
      END;
    `);
  },
};
