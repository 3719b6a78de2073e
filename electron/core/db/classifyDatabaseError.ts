export type DatabaseFault = 'damaged' | 'outbox_damaged' | 'locked' | 'disk_full' | 'no_access' | 'io_error' | 'write_undone' | null;

/**
 * Sorts SQLite failures into what the creator can act on. better-sqlite3 throws `SqliteError` with
 * SQLite's extended result code in `code` (SQLITE_CORRUPT_INDEX, SQLITE_IOERR_SHORT_READ, …).
 */
export function classifyDatabaseError(error: unknown): DatabaseFault {
  // First: the outbox is another file, and moving the cache aside would not mend it.
  if (error instanceof OutboxDamagedError) return 'outbox_damaged';
  if (error instanceof CacheDamagedError) return 'damaged';
  if (error instanceof TransactionUndoneError) return 'write_undone';
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'no_access';
  if (code.startsWith('SQLITE_IOERR')) return 'io_error';
  return null;
}

export class CacheDamagedError extends Error {
  constructor(readonly detail: string) {
    super(`The local cache is damaged (${detail}).`);
    this.name = 'CacheDamagedError';
  }
}

/** `outbox.sqlite` (the queued actions), not the cache, is damaged: it is salvaged, never rebuilt. */
export class OutboxDamagedError extends Error {
  constructor(readonly detail: string, options?: ErrorOptions) {
    super(`The file of queued actions (outbox.sqlite) is damaged (${detail}).`, options);
    this.name = 'OutboxDamagedError';
  }
}

/**
 * A write transaction that SQLite undid part-way: it does so on a full disk, an I/O error or a
 * lock it could not get, and a caught error inside (an observer's savepoint) does not bring it
 * back. Which of them it was is not known here; the work is undone, nothing is half-written.
 */
export class TransactionUndoneError extends Error {
  constructor(readonly during: string) {
    super(`A write to the local cache failed during ${during} and SQLite undid the whole batch`);
    this.name = 'TransactionUndoneError';
  }
}

/** What the console says: it moves a damaged cache aside and rebuilds it, and salvages a damaged outbox (coreRuntime). */
export const FAULT_MESSAGES: Record<Exclude<DatabaseFault, null>, string> = {
  damaged: 'The local cache was damaged. It has been moved aside and is being rebuilt; queued actions are kept in a separate file, which this does not touch.',
  outbox_damaged:
    'The file of queued actions (the outbox) is damaged, so nothing was changed. It is being recovered now: the actions that can be read back are kept, and the console will say how many could not be.',
  locked: 'The local cache is in use by another copy of Supporter CRM. Close the other copy and try again.',
  disk_full: 'The disk is full, so nothing was changed. Free some space and try again.',
  no_access: 'Supporter CRM cannot write to its workspace folder. Check the folder\'s permissions.',
  io_error: 'The disk reported a read or write error; nothing was changed. Try again, and check the disk if it keeps happening.',
  write_undone: 'A write to the local cache failed and was undone, so nothing was changed. The disk may be full: free some space and try again.',
};
