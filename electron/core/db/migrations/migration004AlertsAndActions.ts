import type { Migration } from '../migration';

/**
 * Smart alerts (SPEC §8) and the CRM action log (SPEC §7).
 *
 * - `alerts`: one row per raised alert. `dedupeKey` names the trigger (the activity id, or the
 *   supporter and threshold / renewal date for milestones and renewals), so applying the same page
 *   again can never raise a second alert for it. `notified` is 0 for an alert that was already
 *   expired when it was evaluated (old history): it is kept, but it raised no notification.
 * - `alert_pending_activities`: activities inserted since alerts last looked, filled by a trigger so
 *   no writer of `activities` has to know about alerts. An upsert that only updates an existing
 *   row does not fire an AFTER INSERT trigger, so a replayed page queues nothing.
 * - `crm_actions`: the activity log, one row per requested action with its status, expected impact
 *   and, once the window has closed, the measured outcome.
 */
export const migration004AlertsAndActions: Migration = {
  version: 4,
  name: 'alerts and actions',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        dedupeKey TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        supporterId TEXT NOT NULL,
        priority TEXT NOT NULL,
        suggestedAction TEXT NOT NULL,
        -- JSON facts the message is composed from (tokens, threshold, listing title); never identity values.
        detail TEXT NOT NULL,
        conversionProbability INTEGER NOT NULL,
        estimatedRevenue INTEGER NOT NULL,
        timeWindow TEXT NOT NULL,
        triggerActivityId TEXT,
        createdAt INTEGER NOT NULL,
        expiresAt INTEGER,
        evaluatedAt INTEGER NOT NULL,
        notified INTEGER NOT NULL,
        readAt INTEGER,
        dismissedAt INTEGER,
        actedAt INTEGER,
        actionId TEXT
      );
      CREATE INDEX alerts_by_supporter_type_time ON alerts(supporterId, type, createdAt);
      CREATE INDEX alerts_by_time ON alerts(createdAt);

      CREATE TABLE alert_pending_activities (activityId TEXT PRIMARY KEY);
      CREATE TRIGGER activities_queue_for_alerts AFTER INSERT ON activities
      BEGIN
        INSERT OR IGNORE INTO alert_pending_activities (activityId) VALUES (new.id);
      END;

      CREATE TABLE crm_actions (
        id TEXT PRIMARY KEY,
        supporterId TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'executed', 'failed', 'rejected')),
        reason TEXT,
        requestedAt INTEGER NOT NULL,
        completedAt INTEGER,
        -- JSON: what the action refers to (streamId, listingId, tier); sent to the platform as params.
        params TEXT NOT NULL DEFAULT '{}',
        sourceAlertId TEXT,
        conversionProbability INTEGER,
        estimatedTokens INTEGER,
        timeWindow TEXT,
        windowEndsAt INTEGER,
        outcomeTokens INTEGER,
        outcomeMeasuredAt INTEGER
      );
      CREATE INDEX crm_actions_by_time ON crm_actions(requestedAt);
      CREATE INDEX crm_actions_by_supporter_type ON crm_actions(supporterId, type, requestedAt);
      CREATE INDEX crm_actions_open_windows ON crm_actions(requestedAt) WHERE status = 'executed' AND outcomeMeasuredAt IS NULL;
    `);
  },
};
