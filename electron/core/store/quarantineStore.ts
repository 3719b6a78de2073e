import type Database from 'better-sqlite3';
import type { QuarantineSummary } from '../../../shared/contract/apiTypes';

export interface QuarantinedRecord {
  receivedAt: number;
  source: string;
  position: number;
  /** The stored record's length; for text that was not read as JSON, the text's own length. */
  length: number;
  reason: string;
  /** The record cut down to the contract's fields, or null when nothing of it may be kept. */
  record: string | null;
}

/** How large the quarantine may grow (SPEC §1 v1.1); past either limit the oldest entries go. */
export interface QuarantineLimits {
  maxEntries: number;
  /** Characters of stored records, summed (each record is small: contract fields, strings ≤ 1,000). */
  maxRecordChars: number;
}

/**
 * 10,000 entries or 8 Mi characters of records, whichever comes first: enough to see what went
 * wrong with a bad file or feed, and a cache that a flood of bad lines grows by at most a few MB.
 */
export const DEFAULT_QUARANTINE_LIMITS: QuarantineLimits = { maxEntries: 10_000, maxRecordChars: 8 * 1024 * 1024 };

/** Where the count of entries dropped to keep the quarantine bounded is kept (the `meta` table). */
export const QUARANTINE_DROPPED_KEY = 'quarantine.dropped';

/**
 * The quarantine: records that could not be applied, with their reasons. Bounded as a whole; the
 * oldest entries make room for new ones and are counted, so the creator sees that some were dropped.
 */
export class QuarantineStore {
  private readonly insert;
  private readonly summaryQuery;
  private readonly countQuery;
  private readonly sizeQuery;
  private readonly cutoffQuery;
  private readonly deleteUpTo;
  private readonly droppedQuery;
  private readonly addDropped;
  /** Added since the last trim: a batch of thousands of bad records is trimmed as it goes, not after. */
  private pendingEntries = 0;
  private pendingChars = 0;

  constructor(
    db: Database.Database,
    private readonly limits: QuarantineLimits = DEFAULT_QUARANTINE_LIMITS,
  ) {
    this.insert = db.prepare(
      'INSERT INTO quarantine (receivedAt, source, position, length, reason, record) VALUES (@receivedAt, @source, @position, @length, @reason, @record)',
    );
    this.summaryQuery = db.prepare<[], { reason: string; count: number }>(
      'SELECT reason, count(*) AS count FROM quarantine GROUP BY reason ORDER BY count DESC, reason LIMIT 100',
    );
    this.countQuery = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');
    // `length` is the stored record's length whenever a record is stored, so the size is read
    // without touching the records themselves.
    this.sizeQuery = db.prepare<[], { entries: number; chars: number }>(
      'SELECT count(*) AS entries, coalesce(sum(CASE WHEN record IS NULL THEN 0 ELSE length END), 0) AS chars FROM quarantine',
    );
    // The newest entry that has to go: everything up to it is past one of the limits.
    this.cutoffQuery = db.prepare<{ maxEntries: number; maxRecordChars: number }, { id: number }>(`
      SELECT id FROM (
        SELECT id,
               row_number() OVER newestFirst AS entriesFromNewest,
               sum(CASE WHEN record IS NULL THEN 0 ELSE length END) OVER newestFirst AS charsFromNewest
        FROM quarantine
        WINDOW newestFirst AS (ORDER BY id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      )
      WHERE entriesFromNewest > @maxEntries OR charsFromNewest > @maxRecordChars
      ORDER BY id DESC LIMIT 1`);
    this.deleteUpTo = db.prepare<[number]>('DELETE FROM quarantine WHERE id <= ?');
    this.droppedQuery = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.addDropped = db.prepare<{ key: string; count: number }>(
      'INSERT INTO meta (key, value) VALUES (@key, @count) ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + @count AS TEXT)',
    );
  }

  add(record: QuarantinedRecord): void {
    this.insert.run(record);
    this.pendingEntries += 1;
    this.pendingChars += record.record === null ? 0 : record.length;
    if (this.pendingEntries > this.limits.maxEntries / 10 || this.pendingChars > this.limits.maxRecordChars / 10) this.trim();
  }

  /**
   * Drops the oldest entries until the quarantine is within its limits, and counts them. Runs in
   * the caller's transaction: ingest calls it at the end of every batch that quarantined anything.
   */
  trim(): number {
    this.pendingEntries = 0;
    this.pendingChars = 0;
    const size = this.sizeQuery.get();
    if (size === undefined || (size.entries <= this.limits.maxEntries && size.chars <= this.limits.maxRecordChars)) return 0;
    const cutoff = this.cutoffQuery.get(this.limits)?.id;
    if (cutoff === undefined) return 0;
    const dropped = this.deleteUpTo.run(cutoff).changes;
    if (dropped > 0) this.addDropped.run({ key: QUARANTINE_DROPPED_KEY, count: dropped });
    return dropped;
  }

  count(): number {
    return this.countQuery.get()?.n ?? 0;
  }

  /** Entries dropped so far to keep the quarantine bounded. */
  droppedCount(): number {
    return Number(this.droppedQuery.get(QUARANTINE_DROPPED_KEY)?.value ?? 0);
  }

  summary(): QuarantineSummary {
    return { total: this.count(), dropped: this.droppedCount(), byReason: this.summaryQuery.all() };
  }
}
