import type Database from 'better-sqlite3';
import type { Creator } from '../../../shared/domain/entities';

type CreatorRow = { id: string; handle: string; earnOn: number; timezone: string; level: number | null; version: number | null };

/** Workspace-level reads: the creator record and simple counts. */
export class WorkspaceStore {
  private readonly creatorQuery;
  private readonly supporterCountQuery;

  constructor(db: Database.Database) {
    this.creatorQuery = db.prepare<[], CreatorRow>('SELECT id, handle, earnOn, timezone, level, version FROM creator ORDER BY id LIMIT 1');
    this.supporterCountQuery = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM supporters');
  }

  creator(): Creator | null {
    const row = this.creatorQuery.get();
    return row ? { ...row, earnOn: row.earnOn === 1 } : null;
  }

  supporterCount(): number {
    return this.supporterCountQuery.get()?.n ?? 0;
  }
}
