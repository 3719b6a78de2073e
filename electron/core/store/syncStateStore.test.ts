import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../db/allMigrations';
import { openCacheDatabase } from '../db/openCacheDatabase';
import { runMigrations } from '../db/runMigrations';
import { SyncStateStore } from './syncStateStore';
import { makeTempDir } from '../sync/syncTestKit';

describe('migration 003 (sync state)', () => {
  it('carries over what an earlier build kept in meta, and leaves no sync keys there', () => {
    const file = path.join(makeTempDir('migration003'), 'cache.sqlite');
    const db = new Database(file);
    runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < 3));
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    insert.run('sync.serverUrl', 'http://127.0.0.1:4000');
    insert.run('sync.cursor', 'abc');
    insert.run('sync.received', '1234');
    insert.run('sync.needsReconnect', '1');
    insert.run('sync.lastError', 'The platform refused the saved token (HTTP 401).');
    insert.run('isDemo', '1');
    runMigrations(db, ALL_MIGRATIONS);
    const state = new SyncStateStore(db);
    expect(state.cursorFor('http://127.0.0.1:4000')).toBe('abc');
    expect(state.receivedFrom('http://127.0.0.1:4000')).toBe(1234);
    expect(state.cursorFor('https://elsewhere.example')).toBeNull();
    expect(state.needsReconnect()).toBe(true);
    expect(state.lastError()).toMatch(/401/);
    expect(db.prepare("SELECT key FROM meta ORDER BY key").all()).toEqual([{ key: 'isDemo' }]);
    db.close();
  });

  it('starts empty on a new cache, and the quarantine summary reads an index', () => {
    const db = openCacheDatabase(path.join(makeTempDir('migration003'), 'cache.sqlite'));
    const state = new SyncStateStore(db);
    expect(state.cursorFor('http://127.0.0.1:1')).toBeNull();
    expect(state.lastOutcome()).toBeNull();
    state.saveCursor('http://127.0.0.1:1', 'c1', 10);
    state.recordFailure('down', false);
    expect(state.receivedFrom('http://127.0.0.1:1')).toBe(10);
    expect(state.lastOutcome()).toBe('failed');
    state.recordSuccess(0);
    expect(state.lastSyncedAt()).toBe('1970-01-01T00:00:00.000Z');
    expect(state.lastError()).toBeNull();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT reason, count(*) AS count FROM quarantine GROUP BY reason').all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/quarantine_by_reason/);
    db.close();
  });
});
