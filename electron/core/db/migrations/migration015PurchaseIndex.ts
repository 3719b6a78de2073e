import type { Migration } from '../migration';

/**
 * Every purchase kept in supporter and time order for the customer-base models (issue 19).
 *
 * A refit needs each supporter's purchases (spend with tokens > 0, SPEC §2) in time order, about
 * one activity in nine. Before this step it read the whole activity table in change-sequence order
 * and sorted the purchases by supporter itself. This partial index holds only the purchases, with
 * their tokens (and type: SQLite still checks the condition's columns of each row it reads, and
 * from the index they cost no visit to the table), so a refit reads them in the order it folds them
 * and never visits another row. SQLite keeps it up to date on every insert, late insert, update and
 * delete (a removed supporter's activities included), so there is nothing to rebuild. Its condition
 * is `ClvStore`'s `PURCHASE`, word for word: SQLite uses a partial index only for a query whose
 * condition implies the index's.
 *
 * A second partial index, of gifts, presence records and matches, for the Hot Lead check's lifetime
 * facts was tried and left out: it made raw activity inserts about half as costly again and saved
 * a refit little (those facts are read for a few supporters only).
 */
export const migration015PurchaseIndex: Migration = {
  version: 15,
  name: 'purchase index for the customer-base models',
  up(db) {
    db.exec(`
      CREATE INDEX activities_purchases ON activities(supporterId, at, tokens, type)
        WHERE tokens > 0 AND type NOT IN ('creator_message', 'presence');
    `);
  },
};
