import type Database from 'better-sqlite3';

/**
 * The open cache (better-sqlite3). Only `store/` and `db/` import better-sqlite3 or prepare SQL
 * (an ESLint rule holds it); the rest of the core names the handle by this type and hands it to
 * the stores.
 */
export type CacheDatabase = Database.Database;
