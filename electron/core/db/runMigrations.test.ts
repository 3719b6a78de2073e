import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { ALL_MIGRATIONS, LATEST_SCHEMA_VERSION } from './allMigrations';
import type { Migration } from './migration';
import { openCacheDatabase } from './openCacheDatabase';
import { DatabaseTooNewError, readSchemaVersion, runMigrations } from './runMigrations';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('bring a new cache to the latest version in WAL mode, readable by the user only', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const db = openCacheDatabase(file);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('sorts in temporary files while migrating (an index over millions of rows), and in memory afterwards', () => {
    const seen: unknown[] = [];
    const recordTempStore: Migration = {
      version: 1,
      name: 'an index over a table',
      up: (db) => {
        seen.push(db.pragma('temp_store', { simple: true }));
        db.exec('CREATE TABLE rows (value INTEGER); CREATE INDEX rows_by_value ON rows(value);');
      },
    };
    const db = openCacheDatabase(path.join(tempDir(), 'cache.sqlite'), { migrations: [recordTempStore] });
    // SQLite's numbering: 1 is FILE, 2 is MEMORY.
    expect(seen).toEqual([1]);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('numbers steps 1, 2, 3… without gaps', () => {
    const last = ALL_MIGRATIONS.at(-1)?.version ?? 0;
    const expected = Array.from({ length: last }, (_, index) => index + 1);
    expect(ALL_MIGRATIONS.map((migration) => migration.version)).toEqual(expected);
  });

  it('refuses a database from a newer version with a clear message and leaves the file untouched', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE future_thing (id INTEGER)');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const before = sha256(file);
    const siblingsBefore = fs.readdirSync(path.dirname(file)).sort();
    expect(() => openCacheDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openCacheDatabase(file)).toThrow(/newer version of Supporter CRM.*left untouched/s);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblingsBefore);
  });

  it('apply all pending steps in one transaction: a failing step leaves the previous schema', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (id INTEGER)') },
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE two (id INTEGER)') },
      {
        version: 3,
        name: 'broken',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => runMigrations(db, steps)).toThrow('boom');
    expect(readSchemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });

  it('run only the pending steps of an older cache', () => {
    const db = new Database(':memory:');
    const first = ALL_MIGRATIONS.slice(0, 1);
    expect(runMigrations(db, first)).toEqual({ from: 0, to: 1 });
    expect(runMigrations(db, ALL_MIGRATIONS)).toEqual({ from: 1, to: LATEST_SCHEMA_VERSION });
    expect(runMigrations(db, ALL_MIGRATIONS)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });
});

describe('migration 001: initial schema', () => {
  it('creates every entity table of the data contract and no column for a forbidden field', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS.slice(0, 1));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['activities', 'creator', 'listings', 'meta', 'quarantine', 'safety_log', 'settings', 'streams', 'supporters']));
    const columns = tables.flatMap((table) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name));
    for (const forbidden of ['realName', 'phoneNumber', 'email', 'socialMediaHandles', 'location', 'city', 'country', 'ipAddress', 'deviceInfo']) {
      expect(columns).not.toContain(forbidden);
    }
  });
});
