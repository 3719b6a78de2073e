import type Database from 'better-sqlite3';

/** One schema step. Steps are never edited once released; a change is a new step. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
