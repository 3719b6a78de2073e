import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { CrmCore } from '../crmCore';
import { ALL_MIGRATIONS, LATEST_SCHEMA_VERSION } from './allMigrations';
import { readSchemaVersion, runMigrations } from './runMigrations';

/**
 * Every step upgrades a cache made by the schema before it: for each step n, a cache is built at
 * n − 1 and filled with representative rows in every table it has (two per table, one in a
 * single-row table), then step n runs. The file must pass SQLite's integrity checks, every row of a
 * table that exists before and after must keep its values in the columns both schemas have, and
 * the supporters with a score or a rollup must all still have one, whichever table holds it. Each
 * step's own test checks what the step itself changes.
 */

type Row = Record<string, unknown>;
interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
}

/** What a step changes in an existing table's rows on purpose (its own test checks how). */
const REWRITTEN_BY_STEP: Record<number, readonly string[]> = {
  // Supporters owning an activity at a freed rowid are queued for a rebuild.
  10: ['engine_pending'],
};

/**
 * Ordinary tables only: full-text indexes (virtual tables and the shadow tables SQLite keeps for
 * them) are derived from other tables and written through their own interface.
 */
function tables(db: Database.Database): string[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
  const virtual = all.filter((table) => /^CREATE VIRTUAL TABLE/i.test(table.sql)).map((table) => table.name);
  return all.map((table) => table.name).filter((name) => !virtual.some((owner) => name === owner || name.startsWith(`${owner}_`)));
}

function columns(db: Database.Database, table: string): ColumnInfo[] {
  return db.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[];
}

/** Whether a table holds at most one row (`CHECK (id = 1)`). */
function singleRow(db: Database.Database, table: string): boolean {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  return /CHECK \(id = 1\)/.test(sql);
}

/** A plausible value for a column of row `n` (1 or 2), meeting every CHECK the schema has had. */
function valueFor(column: ColumnInfo, n: number): unknown {
  const { name, type } = column;
  const byName: Record<string, unknown> = {
    id: column.pk > 0 && type === 'INTEGER' ? n : `r${n}`,
    supporterId: `r${n}`,
    segment: n === 1 ? 'vip' : 'active',
    status: 'executed',
    lastOutcome: 'ok',
    needsReconnect: 0,
    type: 'gift',
    online: 1,
    rollupOnline: 1,
    // Live memory rows (a deleted one has no text).
    deletedAt: null,
    // A step-8 rollup's entries, and a step-9 rollup's blob (eleven doubles, then entries).
    recent: Buffer.from(new Float64Array([8 * n, n]).buffer),
    rollup: Buffer.from(new Float64Array(13).fill(n).buffer),
  };
  if (name in byName) return byName[name];
  if (/ListingIds$|^params$|^detail$|^backtest$|^parameters$|^hotLeadPrecision$|^result$/.test(name)) return name === 'backtest' || name === 'params' ? '{}' : '[]';
  if (type === 'INTEGER') return /At$/.test(name) ? 1_000 * n : n;
  if (type === 'REAL') return n + 0.5;
  if (type === 'BLOB') return Buffer.from([n]);
  return `${name}-${n}`;
}

function fill(db: Database.Database): void {
  for (const table of tables(db)) {
    const info = columns(db, table);
    const names = info.map((column) => column.name);
    const insert = db.prepare(`INSERT OR REPLACE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
    for (const n of singleRow(db, table) ? [1] : [1, 2]) insert.run(...info.map((column) => valueFor(column, n)));
  }
}

function snapshot(db: Database.Database): Map<string, { columns: string[]; rows: Row[] }> {
  const result = new Map<string, { columns: string[]; rows: Row[] }>();
  for (const table of tables(db)) {
    const names = columns(db, table).map((column) => column.name);
    result.set(table, { columns: names, rows: db.prepare(`SELECT * FROM ${table}`).all() as Row[] });
  }
  return result;
}

/** Rows reduced to some columns, in a stable order. */
function project(rows: readonly Row[], keep: readonly string[]): string[] {
  return rows.map((row) => JSON.stringify(keep.map((column) => (Buffer.isBuffer(row[column]) ? (row[column] as Buffer).toString('hex') : row[column])))).sort();
}

/** Supporters with a score and with a rollup, wherever the schema of the moment keeps them. */
function derivedSupporters(db: Database.Database): { scored: string[]; rolledUp: string[] } {
  const names = new Set(tables(db));
  const ids = (sql: string) => (db.prepare(sql).pluck().all() as string[]).sort();
  if (names.has('supporter_state')) {
    return {
      scored: ids('SELECT supporterId FROM supporter_state WHERE segment IS NOT NULL'),
      rolledUp: ids('SELECT supporterId FROM supporter_state WHERE rollupVersion IS NOT NULL'),
    };
  }
  return {
    scored: names.has('supporter_scores') ? ids('SELECT supporterId FROM supporter_scores') : [],
    rolledUp: names.has('supporter_rollups') ? ids('SELECT supporterId FROM supporter_rollups') : [],
  };
}

describe('every migration upgrades a cache made by the schema before it', () => {
  for (const step of ALL_MIGRATIONS) {
    it(`step ${step.version} (${step.name})`, () => {
      const db = new Database(':memory:');
      runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version < step.version));
      fill(db);
      const before = snapshot(db);
      const derivedBefore = derivedSupporters(db);

      expect(runMigrations(db, ALL_MIGRATIONS.filter((migration) => migration.version <= step.version))).toEqual({ from: step.version - 1, to: step.version });
      expect(readSchemaVersion(db)).toBe(step.version);
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

      const after = snapshot(db);
      for (const [table, { columns: beforeColumns, rows }] of before) {
        const now = after.get(table);
        if (now === undefined || (REWRITTEN_BY_STEP[step.version] ?? []).includes(table)) continue;
        const common = beforeColumns.filter((column) => now.columns.includes(column));
        expect(project(now.rows, common), `${table} after step ${step.version}`).toEqual(project(rows, common));
      }
      expect(derivedSupporters(db)).toEqual(derivedBefore);
    });
  }

  it('the app opens a cache upgraded through every step, its stores preparing every statement', () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'cache.sqlite'));
    runMigrations(db, ALL_MIGRATIONS.slice(0, 1));
    fill(db);
    db.close();
    const core = CrmCore.open({ dataDir });
    expect(readSchemaVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(core.stores.workspace.supporterCount()).toBe(2);
    expect(core.stores.stats.stats(0).activities).toBe(2);
    core.close();
    expect(fs.existsSync(path.join(dataDir, 'cache.sqlite'))).toBe(true);
  });
});
