import type Database from 'better-sqlite3';
import type { SafetyLogEntry } from '../../../shared/contract/apiTypes';

/** The safety log: what was refused or removed, never the values themselves. */
export class SafetyLogStore {
  private readonly insert;
  private readonly recent;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO safety_log (at, kind, detail) VALUES (?, ?, ?)');
    this.recent = db.prepare<[number], { id: number; at: number; kind: string; detail: string }>(
      'SELECT id, at, kind, detail FROM safety_log ORDER BY id DESC LIMIT ?',
    );
  }

  add(at: number, kind: string, detail: string): void {
    this.insert.run(at, kind, detail);
  }

  list(limit: number): SafetyLogEntry[] {
    return this.recent.all(limit).map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }
}
