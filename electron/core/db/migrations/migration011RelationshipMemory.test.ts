import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemorySearchStore } from '../../store/memorySearchStore';
import { ALL_MIGRATIONS } from '../allMigrations';
import { runMigrations } from '../runMigrations';
import { migration011RelationshipMemory } from './migration011RelationshipMemory';

const BEFORE = ALL_MIGRATIONS.filter((migration) => migration.version < migration011RelationshipMemory.version);
const UP_TO = ALL_MIGRATIONS.filter((migration) => migration.version <= migration011RelationshipMemory.version);

/** The documents are rebuilt by the search store, from what the triggers marked out of date. */
function handleMatches(db: Database.Database, text: string): string[] {
  new MemorySearchStore(db).refresh();
  return db
    .prepare(
      `SELECT d.supporterId FROM supporter_handles_search f JOIN supporter_search_docs d ON d.docId = f.rowid
       WHERE supporter_handles_search MATCH ? ORDER BY d.supporterId`,
    )
    .pluck()
    .all(`"${text}"`) as string[];
}

describe('migration 011: relationship memory', () => {
  it('makes the supporters already in the cache searchable by handle, and marks later changes for the index', () => {
    const db = new Database(':memory:');
    runMigrations(db, BEFORE);
    const insert = db.prepare("INSERT INTO supporters (id, handle, firstSeenAt) VALUES (?, ?, 0)");
    insert.run('s1', 'Zoë_Müller');
    insert.run('s2', 'kalomi_12');
    runMigrations(db, UP_TO);

    expect(db.prepare('SELECT count(*) FROM supporter_search_pending').pluck().get()).toBe(0);
    expect(handleMatches(db, 'zoe')).toEqual(['s1']);
    expect(handleMatches(db, 'mi_1')).toEqual(['s2']);
    insert.run('s3', 'kalomi_99');
    expect(db.prepare('SELECT supporterId, handle, memory FROM supporter_search_pending').all()).toEqual([{ supporterId: 's3', handle: 1, memory: 1 }]);
    // An upsert that leaves the handle as it was marks nothing.
    db.prepare("UPDATE supporters SET handle = 'Zoë_Müller', firstSeenAt = 5 WHERE id = 's1'").run();
    expect(db.prepare('SELECT supporterId FROM supporter_search_pending').pluck().all()).toEqual(['s3']);
    expect(handleMatches(db, 'kalomi')).toEqual(['s2', 's3']);
    db.prepare("UPDATE supporters SET handle = 'renamed_fan' WHERE id = 's2'").run();
    expect(handleMatches(db, 'kalomi')).toEqual(['s3']);
    expect(handleMatches(db, 'renamed')).toEqual(['s2']);
    db.prepare("DELETE FROM supporters WHERE id = 's3'").run();
    expect(handleMatches(db, 'kalomi')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM supporter_search_docs').pluck().get()).toBe(2);
  });

  it('keeps one memory document per supporter with notes or tags, under a new rowid at every rebuild, and tag counts', () => {
    const db = new Database(':memory:');
    runMigrations(db, UP_TO);
    db.prepare("INSERT INTO supporters (id, handle, firstSeenAt) VALUES ('s1', 'anna', 0), ('s2', 'bob', 0)").run();
    const note = db.prepare('INSERT INTO supporter_notes (id, supporterId, text, createdAt, updatedAt, version) VALUES (?, ?, ?, 0, 0, 1)');
    const memory = (text: string) => {
      new MemorySearchStore(db).refresh();
      return db
        .prepare(
          `SELECT m.supporterId FROM supporter_memory_search f JOIN supporter_memory_docs m ON m.memoryRowid = f.rowid
           WHERE supporter_memory_search MATCH ? ORDER BY f.rowid DESC`,
        )
        .pluck()
        .all(text);
    };
    note.run('n1', 's1', 'Loves crème brûlée');
    note.run('n2', 's2', 'Creme fan too');
    expect(memory('"creme"')).toEqual(['s2', 's1']);
    note.run('n3', 's1', 'Guitar');
    expect(memory('"creme"')).toEqual(['s1', 's2']);
    db.prepare("UPDATE supporter_notes SET text = NULL, deletedAt = 1, version = 2 WHERE id IN ('n1', 'n3')").run();
    expect(memory('"creme"')).toEqual(['s2']);
    expect(db.prepare("SELECT count(*) FROM supporter_memory_docs WHERE supporterId = 's1'").pluck().get()).toBe(0);

    const tag = db.prepare('INSERT INTO supporter_tags (id, supporterId, tagKey, label, createdAt, updatedAt, version) VALUES (?, ?, ?, ?, 0, 0, 1)');
    tag.run('t1', 's1', 'big spender', 'Big spender');
    tag.run('t2', 's2', 'big spender', 'Big spender');
    expect(memory('"spender"')).toEqual(['s2', 's1']);
    expect(db.prepare('SELECT tagKey, label, supporters FROM tag_summary').all()).toEqual([{ tagKey: 'big spender', label: 'Big spender', supporters: 2 }]);
    db.prepare("UPDATE supporter_tags SET deletedAt = 1 WHERE id = 't1'").run();
    db.prepare("UPDATE supporter_tags SET label = 'BIG SPENDER' WHERE id = 't2'").run();
    expect(db.prepare('SELECT tagKey, label, supporters FROM tag_summary').all()).toEqual([{ tagKey: 'big spender', label: 'BIG SPENDER', supporters: 1 }]);
    db.prepare("DELETE FROM supporter_tags WHERE id = 't2'").run();
    expect(db.prepare('SELECT count(*) FROM tag_summary').pluck().get()).toBe(0);
    expect(memory('"spender"')).toEqual([]);
  });
});
