import type { Migration } from '../migration';

/**
 * A page of the Now queue names each row's open alert (SPEC §11), so every Now page reads the open
 * alerts of its 50 supporters. The supporters at the top of the queue are the ones with the most
 * alerts (up to about a hundred each over 90 days, most of them expired), and the only index by
 * supporter (`alerts_by_supporter_type_time`) made the read visit every one of those rows in the
 * table to check its dismissal and expiry. This partial index holds the undismissed alerts by
 * supporter and expiry, with every column the page shows, so the read seeks straight to the alerts
 * without an expiry and those expiring after `now`, from the index alone (`NowQueueStore`'s
 * `openAlerts`). Its condition is that read's `dismissedAt IS NULL`, word for word: SQLite uses a
 * partial index only for a query whose condition implies the index's; and it holds `dismissedAt`
 * too, since SQLite still checks the condition's column of each entry it reads, from the index
 * rather than the table.
 */
export const migration016OpenAlertIndex: Migration = {
  version: 16,
  name: 'open alerts by supporter and expiry for the Now queue',
  up(db) {
    db.exec(`
      CREATE INDEX alerts_open_by_supporter ON alerts(supporterId, expiresAt, createdAt, type, priority, id, dismissedAt)
        WHERE dismissedAt IS NULL;
    `);
  },
};
