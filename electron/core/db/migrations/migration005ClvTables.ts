import type { Migration } from '../migration';

/**
 * The customer-base models' results (issue 7): the latest fit and each supporter's outlook.
 *
 * - `clv_fit`: one row, the latest fit. Parameters and the backtest are JSON (read whole, never
 *   queried by field). A fit that found too little data keeps its row with NULL parameters and a
 *   `detail`, so the console can say why.
 * - `clv_supporters`: per supporter with at least one purchase day at `fittedAt`, the figures the
 *   profile shows and the All tab sorts by. NULL figures mean "not enough data" (fewer than two
 *   purchase days); SQLite sorts NULL lowest, so a descending walk of the two indexes lists them
 *   last without a sort step.
 *
 * Derived data only: a refit replaces both tables inside one transaction.
 */
export const migration005ClvTables: Migration = {
  version: 5,
  name: 'customer-base model tables',
  up(db) {
    db.exec(`
      CREATE TABLE clv_fit (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fittedAt INTEGER NOT NULL,
        fitMs REAL NOT NULL,
        refitMs REAL NOT NULL,
        supportersFitted INTEGER NOT NULL,
        repeatSupporters INTEGER NOT NULL,
        parameters TEXT,
        detail TEXT,
        backtest TEXT NOT NULL,
        hotLeadPrecision TEXT
      );

      CREATE TABLE clv_supporters (
        supporterId TEXT PRIMARY KEY,
        purchaseDays INTEGER NOT NULL,
        lastPurchaseAt INTEGER NOT NULL,
        chanceActive REAL,
        expectedPurchases30d REAL,
        expectedTokens30d REAL
      ) WITHOUT ROWID;
      CREATE INDEX clv_by_chance_active ON clv_supporters(chanceActive DESC, supporterId);
      CREATE INDEX clv_by_expected_tokens ON clv_supporters(expectedTokens30d DESC, supporterId);

      -- All-tab membership (lifetime tokens > 0) by supporter, index-only: a model-ordered page
      -- checks it for every row it walks past, so this keeps deep pages within the inbox budget.
      CREATE INDEX scores_with_spend ON supporter_scores(supporterId) WHERE lifetimeTokens > 0;
    `);
  },
};
