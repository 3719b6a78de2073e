import type { Migration } from '../migration';

/**
 * Relationship memory goes through the outbox too (SPEC §13, docs/sync-protocol.md §9): an entry of
 * type `memory` whose params are the change record. A newer write of the same record replaces a
 * pending one, found through this index on the record's id, so an edit made offline ten times is
 * sent once and an edited-away or deleted text never leaves the machine. An index only: the
 * table's columns stay those the outbox salvage reads back.
 */
export const outboxMigration002MemoryChanges: Migration = {
  version: 2,
  name: 'memory changes',
  up(db) {
    db.exec(`
      CREATE INDEX outbox_pending_memory ON outbox(json_extract(params, '$.data.id')) WHERE type = 'memory' AND status = 'pending';
    `);
  },
};
