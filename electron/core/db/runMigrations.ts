import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This cache was written by a newer version of Supporter CRM (schema ${fileVersion}; this app knows up to ${supportedVersion}). ` +
        'Update the app to open it. The file was left untouched.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending step and the new `user_version` in one transaction, so a crash midway
 * leaves the previous schema intact rather than a half-migrated file.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = readSchemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return { from: current, to: current };
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from: current, to: latest };
}
