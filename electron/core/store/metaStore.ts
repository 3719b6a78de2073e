import type Database from 'better-sqlite3';

/** Small key/value facts about the workspace (demo flag, last runs, sync cursor). */
export class MetaStore {
  private readonly getStatement;
  private readonly setStatement;
  private readonly deleteStatement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStatement = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.deleteStatement = db.prepare('DELETE FROM meta WHERE key = ?');
  }

  get(key: string): string | null {
    return this.getStatement.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStatement.run(key, value);
  }

  delete(key: string): void {
    this.deleteStatement.run(key);
  }
}
