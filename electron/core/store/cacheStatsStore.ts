import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { CacheStats } from '../../../shared/contract/apiTypes';
import { QUARANTINE_DROPPED_KEY } from './quarantineStore';

const HASHED_TABLES = [
  { table: 'supporters', columns: 'id, handle, firstSeenAt, timezone, fanClubTier, fanClubSince, fanClubRenewsAt, fanClubActive' },
  {
    table: 'activities',
    columns: 'id, supporterId, type, at, tokens, conversationId, streamId, minutes, itemId, category, tier, listingId, online',
  },
  { table: 'streams', columns: 'id, title, scheduledAt, startedAt, endedAt' },
  { table: 'listings', columns: 'id, title, startsAt, capacity' },
] as const;

/** Counts and a content hash of the cache: two caches with the same data print the same hash. */
export class CacheStatsStore {
  constructor(private readonly db: Database.Database) {}

  stats(outboxPending: number): CacheStats {
    const count = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      supporters: count('supporters'),
      activities: count('activities'),
      streams: count('streams'),
      listings: count('listings'),
      quarantined: count('quarantine'),
      quarantineDropped: Number((this.db.prepare('SELECT value FROM meta WHERE key = ?').get(QUARANTINE_DROPPED_KEY) as { value: string } | undefined)?.value ?? 0),
      outboxPending,
      contentHash: this.contentHash(),
    };
  }

  /** Hashes rows in id order with stable column order; bookkeeping columns such as `version` are left out. */
  contentHash(): string {
    const hash = createHash('sha256');
    for (const { table, columns } of HASHED_TABLES) {
      hash.update(`#${table}\n`);
      const rows = this.db.prepare(`SELECT ${columns} FROM ${table} ORDER BY id`).raw().iterate() as IterableIterator<unknown[]>;
      for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    }
    return hash.digest('hex');
  }
}
