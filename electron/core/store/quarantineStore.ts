import type Database from 'better-sqlite3';
import type { QuarantineSummary } from '../../../shared/contract/apiTypes';

export interface QuarantinedRecord {
  receivedAt: number;
  source: string;
  position: number;
  length: number;
  reason: string;
  /** JSON with forbidden fields removed, or null when the text was not JSON. */
  record: string | null;
}

export class QuarantineStore {
  private readonly insert;
  private readonly summaryQuery;
  private readonly countQuery;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO quarantine (receivedAt, source, position, length, reason, record) VALUES (@receivedAt, @source, @position, @length, @reason, @record)',
    );
    this.summaryQuery = db.prepare<[], { reason: string; count: number }>(
      'SELECT reason, count(*) AS count FROM quarantine GROUP BY reason ORDER BY count DESC, reason LIMIT 100',
    );
    this.countQuery = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');
  }

  add(record: QuarantinedRecord): void {
    this.insert.run(record);
  }

  count(): number {
    return this.countQuery.get()?.n ?? 0;
  }

  summary(): QuarantineSummary {
    return { total: this.count(), byReason: this.summaryQuery.all() };
  }
}
