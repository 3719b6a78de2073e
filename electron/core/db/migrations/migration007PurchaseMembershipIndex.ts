import type { Migration } from '../migration';

/**
 * The CLV pages' All-tab membership index keyed on a column that almost never changes (issue 8).
 *
 * `scores_with_spend` (step 5) was partial on `lifetimeTokens > 0`. SQLite rewrites a partial
 * index's entry whenever a column of its condition is assigned, so every purchase moved it, one of
 * about three index entries each incremental score write moves. `firstPurchaseAt IS NOT NULL` is
 * the same set of supporters — lifetime tokens are a sum of purchases that are never negative, and
 * the first purchase is the first with tokens — and is assigned only when a supporter's first
 * purchase changes.
 */
export const migration007PurchaseMembershipIndex: Migration = {
  version: 7,
  name: 'purchase membership index',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS scores_with_spend;
      CREATE INDEX scores_with_purchase ON supporter_scores(supporterId) WHERE firstPurchaseAt IS NOT NULL;
    `);
  },
};
