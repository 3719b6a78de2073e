import type { Migration } from '../migration';

/**
 * The outbox: CRM actions for the platform, each with the idempotency key it is delivered under.
 * It lives in its own file (`outbox.sqlite`) so that rebuilding a damaged cache never loses an
 * action the creator took offline.
 */
export const outboxMigration001Initial: Migration = {
  version: 1,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        idempotencyKey TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        supporterId TEXT NOT NULL,
        -- JSON object; forbidden identity fields are removed before it is written.
        params TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        lastAttemptAt INTEGER,
        lastError TEXT,
        deliveredAt INTEGER,
        -- The platform's answer (JSON, forbidden fields removed), kept so a delivery is never repeated.
        result TEXT
      );
      CREATE INDEX outbox_by_status ON outbox(status, id);
    `);
  },
};
