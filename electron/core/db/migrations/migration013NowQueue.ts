import type { Migration } from '../migration';

/**
 * The Now queue (SPEC §11, issue 17) and Dormant's new order.
 *
 * 1. `supporter_state.nowKey`, a VIRTUAL generated column: the part of a supporter's `nowScore`
 *    that one index can keep in order — priorityScore + 25 if online + min(unreadCount, 5) × 4 +
 *    15 while an open alert names them (`nowAlertBonus`). It is NULL for everyone outside the
 *    queue (no score, or neither a purchase nor an open alert), so the partial index
 *    `scores_now_tab` holds exactly the queue's members in its order, and a page reads ids from it
 *    as the tabs do. Being generated, it can never disagree with the score it is computed from:
 *    the engine's writer does not know it exists (but assigns `priorityScore`, `online` and
 *    `unreadCount` only when they change, as it does for every indexed column).
 * 2. `supporter_state.nowAlertBonus` (0 or 15): whether an unexpired, undismissed alert named the
 *    supporter at the moment the Now queue was last brought up to date (meta
 *    `nowQueueAlertsAsOf`). Alerts come and go with time, so the queue's reader refreshes it
 *    before each read, for the few supporters whose alerts changed (`now_queue_pending`, filled by
 *    the triggers below) or whose alert was created or expired between that moment and the read's
 *    (`alerts_by_expiry`, `alerts_by_time`). A new `supporter_state` row (the engine's rebuild
 *    deletes and re-inserts them) of a supporter with alerts is queued there too.
 *    The other time-dependent terms — a follow-up due, an action in the last 24 hours, a snooze —
 *    concern few supporters at a time and are merged in when a page is read.
 * 3. `now_queue_groups`: how many entries of `scores_now_tab` hold each `nowKey` value (a couple
 *    of hundred values), kept by triggers whenever a row's key changes, is inserted or deleted. The
 *    queue's total is their sum, and a page at any offset finds its key group from the running
 *    sums and skips only within that group, instead of counting or skipping the index from the top.
 * 4. Dormant lists the most valuable reactivations first: lifetimeTokens desc, then lastActivityAt
 *    desc (docs/engine-rules.md); its index is rebuilt for that order.
 *
 * Self-contained SQL: no application code.
 */
export const migration013NowQueue: Migration = {
  version: 13,
  name: 'now queue',
  up(db) {
    db.exec(`
      ALTER TABLE supporter_state ADD COLUMN nowAlertBonus INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE supporter_state ADD COLUMN nowKey INTEGER GENERATED ALWAYS AS (
        CASE WHEN segment IS NOT NULL AND (firstPurchaseAt IS NOT NULL OR nowAlertBonus > 0)
          THEN priorityScore + 25 * online + 4 * min(unreadCount, 5) + nowAlertBonus END
      ) VIRTUAL;
      CREATE INDEX scores_now_tab ON supporter_state(nowKey DESC, priorityScore DESC, supporterId) WHERE nowKey IS NOT NULL;

      -- Inside a trigger fired by an upsert's DO UPDATE (the engine's score writer), an OR IGNORE
      -- yields to the outer statement's conflict policy and fails instead, so each insert below
      -- checks for the row itself.
      CREATE TABLE now_queue_groups (nowKey INTEGER PRIMARY KEY, size INTEGER NOT NULL);
      INSERT INTO now_queue_groups (nowKey, size) SELECT nowKey, count(*) FROM supporter_state WHERE nowKey IS NOT NULL GROUP BY nowKey;
      CREATE TRIGGER now_queue_member_inserted AFTER INSERT ON supporter_state WHEN new.nowKey IS NOT NULL
      BEGIN
        INSERT INTO now_queue_groups (nowKey, size) SELECT new.nowKey, 0 WHERE NOT EXISTS (SELECT 1 FROM now_queue_groups WHERE nowKey = new.nowKey);
        UPDATE now_queue_groups SET size = size + 1 WHERE nowKey = new.nowKey;
      END;
      CREATE TRIGGER now_queue_member_deleted AFTER DELETE ON supporter_state WHEN old.nowKey IS NOT NULL
      BEGIN
        UPDATE now_queue_groups SET size = size - 1 WHERE nowKey = old.nowKey;
      END;
      CREATE TRIGGER now_queue_key_changed AFTER UPDATE OF segment, firstPurchaseAt, nowAlertBonus, priorityScore, online, unreadCount ON supporter_state
      WHEN old.nowKey IS NOT new.nowKey
      BEGIN
        UPDATE now_queue_groups SET size = size - 1 WHERE nowKey = old.nowKey;
        INSERT INTO now_queue_groups (nowKey, size) SELECT new.nowKey, 0
          WHERE new.nowKey IS NOT NULL AND NOT EXISTS (SELECT 1 FROM now_queue_groups WHERE nowKey = new.nowKey);
        UPDATE now_queue_groups SET size = size + 1 WHERE nowKey = new.nowKey;
      END;

      DROP INDEX scores_dormant_tab;
      CREATE INDEX scores_dormant_tab ON supporter_state(lifetimeTokens DESC, lastActivityAt DESC, supporterId) WHERE segment = 'dormant';

      CREATE INDEX alerts_by_expiry ON alerts(expiresAt) WHERE expiresAt IS NOT NULL;

      CREATE TABLE now_queue_pending (supporterId TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TRIGGER now_queue_alert_inserted AFTER INSERT ON alerts
      BEGIN
        INSERT INTO now_queue_pending (supporterId) SELECT new.supporterId WHERE NOT EXISTS (SELECT 1 FROM now_queue_pending WHERE supporterId = new.supporterId);
      END;
      CREATE TRIGGER now_queue_alert_changed AFTER UPDATE OF supporterId, createdAt, expiresAt, dismissedAt ON alerts
      BEGIN
        INSERT INTO now_queue_pending (supporterId) SELECT old.supporterId WHERE NOT EXISTS (SELECT 1 FROM now_queue_pending WHERE supporterId = old.supporterId);
        INSERT INTO now_queue_pending (supporterId) SELECT new.supporterId WHERE NOT EXISTS (SELECT 1 FROM now_queue_pending WHERE supporterId = new.supporterId);
      END;
      CREATE TRIGGER now_queue_alert_deleted AFTER DELETE ON alerts
      BEGIN
        INSERT INTO now_queue_pending (supporterId) SELECT old.supporterId WHERE NOT EXISTS (SELECT 1 FROM now_queue_pending WHERE supporterId = old.supporterId);
      END;
      CREATE TRIGGER now_queue_state_inserted AFTER INSERT ON supporter_state
      WHEN EXISTS (SELECT 1 FROM alerts WHERE supporterId = new.supporterId)
      BEGIN
        INSERT INTO now_queue_pending (supporterId) SELECT new.supporterId WHERE NOT EXISTS (SELECT 1 FROM now_queue_pending WHERE supporterId = new.supporterId);
      END;
    `);
  },
};
