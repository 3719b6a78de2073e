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
 * The Hot Lead check also needs, for the few supporters their last week leaves undecided, three
 * facts of their whole history: lifetime gifts, the latest presence record and the latest match.
 * Gifts with tokens are purchases, already in the index above (its type column says which); the
 * small `activities_rare_scoring` index holds the rest — presence records, matches and gifts
 * without tokens, few in any workspace — so every one of those facts comes from indexes alone.
 * An index of every gift instead made raw activity inserts about half as costly again.
 */
export const migration015PurchaseIndex: Migration = {
  version: 15,
  name: 'purchase and rare-scoring indexes for the customer-base models',
  up(db) {
    db.exec(`
      CREATE INDEX activities_purchases ON activities(supporterId, at, tokens, type)
        WHERE tokens > 0 AND type NOT IN ('creator_message', 'presence');
      CREATE INDEX activities_rare_scoring ON activities(supporterId, type, at, id, online, tokens)
        WHERE type IN ('presence', 'match') OR (type IN ('gift', 'live_gift') AND coalesce(tokens, 0) <= 0);
    `);
  },
};
