import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

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

/**
 * Tags on supporters (SPEC §13, migration 011). A tag is identified by its key (memory/normaliseTag.ts)
 * and shown by the label in `tag_summary`, which triggers keep counted. Removing a tag from a
 * supporter leaves a tombstone with its version raised, ready for the sync wave.
 */
export class TagStore {
  private readonly assignStatement;
  private readonly unassignStatement;
  private readonly labelsOfStatement;
  private readonly summaryStatement;
  private readonly listStatement;
  private readonly totalStatement;
  private readonly supporterIdsStatement;
  private readonly relabelStatement;
  private readonly deleteTagStatement;

  constructor(private readonly db: Database.Database) {
    this.assignStatement = db.prepare(`
      INSERT INTO supporter_tags (id, supporterId, tagKey, label, createdAt, updatedAt, version)
      VALUES (@id, @supporterId, @tagKey, @label, @at, @at, 1)
      ON CONFLICT(id) DO UPDATE SET deletedAt = NULL, label = excluded.label, updatedAt = excluded.updatedAt, version = version + 1
        WHERE deletedAt IS NOT NULL`);
    this.unassignStatement = db.prepare(
      'UPDATE supporter_tags SET deletedAt = @at, updatedAt = @at, version = version + 1 WHERE id = @id AND deletedAt IS NULL',
    );
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
    this.relabelStatement = db.prepare(
      'UPDATE supporter_tags SET label = @label, updatedAt = @at, version = version + 1 WHERE tagKey = @tagKey AND deletedAt IS NULL',
    );
    this.deleteTagStatement = db.prepare(
      'UPDATE supporter_tags SET deletedAt = @at, updatedAt = @at, version = version + 1 WHERE tagKey = @tagKey AND deletedAt IS NULL',
    );
  }

  /** Adds a tag to a supporter; false when they already carry it. */
  assign(supporterId: string, tagKey: string, label: string, at: number): boolean {
    return this.assignStatement.run({ id: supporterTagId(supporterId, tagKey), supporterId, tagKey, label, at }).changes === 1;
  }

  /** Removes a tag from a supporter; false when they did not carry it. */
  unassign(supporterId: string, tagKey: string, at: number): boolean {
    return this.unassignStatement.run({ id: supporterTagId(supporterId, tagKey), at }).changes === 1;
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

  /**
   * Renames a tag on every supporter carrying it, in one transaction; returns how many. A new key
   * moves each assignment (a tombstone under the old id, a row under the new one), so a rename onto
   * an existing tag merges the two; a change of spelling only (same key) relabels in place.
   */
  rename(fromKey: string, toKey: string, toLabel: string, at: number): number {
    return this.db.transaction(() => {
      const supporterIds = fromKey === toKey ? [] : this.supporterIdsWithTag(fromKey);
      for (const supporterId of supporterIds) {
        this.unassign(supporterId, fromKey, at);
        this.assign(supporterId, toKey, toLabel, at);
      }
      // Every carrier of the tag, old and merged, shows the spelling the creator just chose.
      const relabelled = this.summary(toKey)?.label === toLabel ? 0 : this.relabelStatement.run({ tagKey: toKey, label: toLabel, at }).changes;
      return fromKey === toKey ? relabelled : supporterIds.length;
    }).immediate();
  }

  /** Removes a tag from every supporter carrying it; returns how many. */
  deleteTag(tagKey: string, at: number): number {
    return this.deleteTagStatement.run({ tagKey, at }).changes;
  }
}
