import type { Migration } from '../migration';
import { outboxMigration001Initial } from './outboxMigration001Initial';
import { outboxMigration002MemoryChanges } from './outboxMigration002MemoryChanges';

/** Every schema step of `outbox.sqlite`, in order; independent of the cache's own list. Append only. */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [outboxMigration001Initial, outboxMigration002MemoryChanges];
