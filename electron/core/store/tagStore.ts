import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { TagMemoryRecord } from '../../../shared/domain/memoryRecords';

/** A tag and how many supporters carry it. */
export interface TagSummary {
  tagKey: string;
  label: string;
  supporters: number;
}

/**
 * The id of "supporter S carries tag K": derived from both, so two machines that add the same tag
 * to the same supporter write the same row and converge (last writer wins per id).
 */
export function supporterTagId(supporterId: string, tagKey: string): string {
  return `tag_${createHash('sha256').update(supporterId).update('\u0000').update(tagKey).digest('base64url').slice(0, 32)}`;
}

const RECORD_COLUMNS = 'id, supporterId, tagKey, label, createdAt, updatedAt, version, deletedAt IS NOT NULL AS deleted, writer';

type TagRow = Omit<TagMemoryRecord, 'entity' | 'deleted'> & { deleted: 0 | 1 };

function toRecord(row: TagRow): TagMemoryRecord {
  return { ...row, entity: 'supporter_tag', deleted: row.deleted === 1 };
}

/**
 * Tags on supporters (SPEC §13, migrations 011 and 013). A tag is identified by its key
 * (memory/normaliseTag.ts) and shown by the label in `tag_summary`, which triggers keep counted
 * and labelled (the label of its live assignment written last). Removing a tag from a supporter
 * leaves a tombstone with its version raised. Every write is a whole record (`put`), made by the
 * tag commands or received from the platform.
 */
export class TagStore {
  private readonly assignStatement;
  private readonly recordStatement;
  private readonly putStatement;
  private readonly labelsOfStatement;
  private readonly summaryStatement;
  private readonly listStatement;
  private readonly totalStatement;
  private readonly supporterIdsStatement;
  private readonly liveOfTagStatement;
  private readonly unsentStatement;
  private readonly afterStatement;

  constructor(db: Database.Database) {
    this.assignStatement = db.prepare(`
      INSERT INTO supporter_tags (id, supporterId, tagKey, label, createdAt, updatedAt, version)
      VALUES (@id, @supporterId, @tagKey, @label, @at, @at, 1)
      ON CONFLICT(id) DO UPDATE SET deletedAt = NULL, label = excluded.label, updatedAt = excluded.updatedAt, version = version + 1
        WHERE deletedAt IS NOT NULL`);
    this.recordStatement = db.prepare<[string], TagRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_tags WHERE id = ?`);
    this.putStatement = db.prepare(`
      INSERT INTO supporter_tags (id, supporterId, tagKey, label, createdAt, updatedAt, version, deletedAt, writer)
      VALUES (@id, @supporterId, @tagKey, @label, @createdAt, @updatedAt, @version, @deletedAt, @writer)
      ON CONFLICT(id) DO UPDATE SET supporterId = excluded.supporterId, tagKey = excluded.tagKey, label = excluded.label,
        createdAt = excluded.createdAt, updatedAt = excluded.updatedAt, version = excluded.version, deletedAt = excluded.deletedAt,
        writer = excluded.writer`);
    this.labelsOfStatement = db
      .prepare<[string], string>(
        `SELECT s.label FROM supporter_tags t JOIN tag_summary s ON s.tagKey = t.tagKey
         WHERE t.supporterId = ? AND t.deletedAt IS NULL ORDER BY s.label COLLATE NOCASE, s.tagKey`,
      )
      .pluck();
    this.summaryStatement = db.prepare<[string], TagSummary>('SELECT tagKey, label, supporters FROM tag_summary WHERE tagKey = ?');
    this.listStatement = db.prepare<[number, number], TagSummary>(
      'SELECT tagKey, label, supporters FROM tag_summary ORDER BY supporters DESC, label COLLATE NOCASE, tagKey LIMIT ? OFFSET ?',
    );
    this.totalStatement = db.prepare<[], number>('SELECT count(*) FROM tag_summary').pluck();
    this.supporterIdsStatement = db
      .prepare<[string], string>('SELECT supporterId FROM supporter_tags WHERE tagKey = ? AND deletedAt IS NULL ORDER BY supporterId')
      .pluck();
    this.liveOfTagStatement = db.prepare<[string], TagRow>(
      `SELECT ${RECORD_COLUMNS} FROM supporter_tags WHERE tagKey = ? AND deletedAt IS NULL ORDER BY supporterId`,
    );
    this.unsentStatement = db.prepare<[number], TagRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_tags WHERE writer = '' LIMIT ?`);
    this.afterStatement = db.prepare<[string, number], TagRow>(`SELECT ${RECORD_COLUMNS} FROM supporter_tags WHERE id > ? ORDER BY id LIMIT ?`);
  }

  /** Adds a tag outside the tag commands (the search benchmark's seeded tags): never queued for the platform. False when already carried. */
  assign(supporterId: string, tagKey: string, label: string, at: number): boolean {
    return this.assignStatement.run({ id: supporterTagId(supporterId, tagKey), supporterId, tagKey, label, at }).changes === 1;
  }

  /** The assignment as a memory record, tombstone included. */
  record(id: string): TagMemoryRecord | null {
    const row = this.recordStatement.get(id);
    return row === undefined ? null : toRecord(row);
  }

  /** Writes a whole record over whatever the row held (the caller decided it wins). */
  put(record: TagMemoryRecord): void {
    const { id, supporterId, tagKey, label, createdAt, updatedAt, version, writer } = record;
    this.putStatement.run({ id, supporterId, tagKey, label, createdAt, updatedAt, version, writer, deletedAt: record.deleted ? updatedAt : null });
  }

  /** Every live assignment of a tag, by supporter: what a rename or delete rewrites. */
  liveAssignments(tagKey: string): TagMemoryRecord[] {
    return this.liveOfTagStatement.all(tagKey).map(toRecord);
  }

  /** The labels of a supporter's tags, alphabetically. */
  labelsOf(supporterId: string): string[] {
    return this.labelsOfStatement.all(supporterId);
  }

  summary(tagKey: string): TagSummary | null {
    return this.summaryStatement.get(tagKey) ?? null;
  }

  /** A page of every tag in use, most used first. */
  list(limit: number, offset = 0): TagSummary[] {
    return this.listStatement.all(limit, offset);
  }

  total(): number {
    return this.totalStatement.get() ?? 0;
  }

  /** The supporters carrying a tag, by id: what filtering a tab by tag will read. */
  supporterIdsWithTag(tagKey: string): string[] {
    return this.supporterIdsStatement.all(tagKey);
  }

  /** Rows never queued for the platform (written before memory synced, or by `assign`). */
  unsent(limit: number): TagMemoryRecord[] {
    return this.unsentStatement.all(limit).map(toRecord);
  }

  /** Every row, tombstones included, by id after `afterId`: for sending the whole memory again. */
  recordsAfter(afterId: string, limit: number): TagMemoryRecord[] {
    return this.afterStatement.all(afterId, limit).map(toRecord);
  }
}
