import type Database from 'better-sqlite3';

/** A supporter found through their notes or tags, and their handle document (to leave out those a handle already found). */
export interface MemoryMatch {
  supporterId: string;
  docId: number;
}

/**
 * The search indexes of migration 011: handles (trigram, and a NOCASE index for prefixes) through
 * `supporter_search_docs`, and one memory document per supporter (notes and tag labels, unicode61,
 * diacritics folded) through `supporter_memory_docs`, whose rowid order is most recently written
 * first. Queries arrive already written in FTS5 syntax and LIKE patterns (memory/searchSupporters.ts).
 */
export class MemorySearchStore {
  private readonly containsCountStatement;
  private readonly containsDocIdsStatement;
  private readonly containsPageStatement;
  private readonly prefixCountStatement;
  private readonly prefixDocIdsStatement;
  private readonly prefixPageStatement;
  private readonly memoryCountStatement;
  private readonly memoryPageStatement;
  private readonly memoryMatchesStatement;
  private readonly hasPendingStatement;
  private readonly refreshStatements: Database.Statement[];

  constructor(private readonly db: Database.Database) {
    this.containsCountStatement = db.prepare<[string], number>('SELECT count(*) FROM supporter_handles_search WHERE supporter_handles_search MATCH ?').pluck();
    this.containsDocIdsStatement = db
      .prepare<[string], number>('SELECT rowid FROM supporter_handles_search WHERE supporter_handles_search MATCH ? ORDER BY rowid')
      .pluck();
    // Handles containing the text but not starting with it (those come first, from the prefix
    // index), in the order the supporters arrived: read in the index's own order, so a broad match
    // costs no sort.
    this.containsPageStatement = db
      .prepare<[string, string, number, number], string>(
        `SELECT d.supporterId FROM supporter_handles_search f JOIN supporter_search_docs d ON d.docId = f.rowid
         WHERE supporter_handles_search MATCH ? AND d.handle NOT LIKE ? ESCAPE '\\'
         ORDER BY f.rowid LIMIT ? OFFSET ?`,
      )
      .pluck();
    this.prefixCountStatement = db.prepare<[string], number>("SELECT count(*) FROM supporter_search_docs WHERE handle LIKE ? ESCAPE '\\'").pluck();
    this.prefixDocIdsStatement = db.prepare<[string], number>("SELECT docId FROM supporter_search_docs WHERE handle LIKE ? ESCAPE '\\'").pluck();
    this.prefixPageStatement = db
      .prepare<[string, number, number], string>(
        "SELECT supporterId FROM supporter_search_docs WHERE handle LIKE ? ESCAPE '\\' ORDER BY handle COLLATE NOCASE, docId LIMIT ? OFFSET ?",
      )
      .pluck();
    this.memoryCountStatement = db.prepare<[string], number>('SELECT count(*) FROM supporter_memory_search WHERE supporter_memory_search MATCH ?').pluck();
    this.memoryPageStatement = db
      .prepare<[string, number, number], string>(
        `SELECT m.supporterId FROM supporter_memory_search f JOIN supporter_memory_docs m ON m.memoryRowid = f.rowid
         WHERE supporter_memory_search MATCH ? ORDER BY f.rowid DESC LIMIT ? OFFSET ?`,
      )
      .pluck();
    this.memoryMatchesStatement = db.prepare<[string], MemoryMatch>(
      `SELECT m.supporterId AS supporterId, m.docId AS docId FROM supporter_memory_search f JOIN supporter_memory_docs m ON m.memoryRowid = f.rowid
       WHERE supporter_memory_search MATCH ? ORDER BY f.rowid DESC`,
    );
    this.hasPendingStatement = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM supporter_search_pending)').pluck();
    // Rebuilding the documents of every supporter marked out of date, a statement per step over
    // all of them: FTS5 takes many rows in one statement far faster than one row per statement.
    const pending = (flag: 'handle' | 'memory') => `SELECT supporterId FROM supporter_search_pending WHERE ${flag} = 1`;
    this.refreshStatements = [
      `DELETE FROM supporter_handles_search WHERE rowid IN (SELECT docId FROM supporter_search_docs WHERE supporterId IN (${pending('handle')}))`,
      `DELETE FROM supporter_memory_search WHERE rowid IN (SELECT memoryRowid FROM supporter_memory_docs WHERE supporterId IN (${pending('memory')}))`,
      `DELETE FROM supporter_memory_docs WHERE supporterId IN (${pending('memory')})`,
      `DELETE FROM supporter_search_docs WHERE supporterId IN (${pending('handle')}) AND supporterId NOT IN (SELECT id FROM supporters)`,
      `INSERT INTO supporter_search_docs (supporterId, handle)
         SELECT s.id, s.handle FROM supporters s WHERE s.id IN (${pending('handle')}) ORDER BY s.id
         ON CONFLICT(supporterId) DO UPDATE SET handle = excluded.handle`,
      `INSERT INTO supporter_handles_search (rowid, handle)
         SELECT docId, handle FROM supporter_search_docs WHERE supporterId IN (${pending('handle')}) ORDER BY docId`,
      // New rowids above every existing one: the most recently written memory reads first.
      `INSERT INTO supporter_memory_docs (supporterId, docId)
         SELECT d.supporterId, d.docId FROM supporter_search_docs d
         WHERE d.supporterId IN (${pending('memory')})
           AND (EXISTS (SELECT 1 FROM supporter_notes n WHERE n.supporterId = d.supporterId AND n.deletedAt IS NULL)
             OR EXISTS (SELECT 1 FROM supporter_tags t WHERE t.supporterId = d.supporterId AND t.deletedAt IS NULL))
         ORDER BY d.supporterId`,
      `INSERT INTO supporter_memory_search (rowid, text)
         SELECT m.memoryRowid, (
           SELECT group_concat(text, char(10)) FROM (
             SELECT n.text AS text FROM supporter_notes n WHERE n.supporterId = m.supporterId AND n.deletedAt IS NULL
             UNION ALL SELECT t.label FROM supporter_tags t WHERE t.supporterId = m.supporterId AND t.deletedAt IS NULL))
         FROM supporter_memory_docs m WHERE m.supporterId IN (${pending('memory')}) ORDER BY m.memoryRowid`,
      'DELETE FROM supporter_search_pending',
    ].map((sql) => db.prepare(sql));
  }

  /**
   * Brings the search documents of every supporter marked out of date up to date (migration 011):
   * after each applied batch, after each memory write, and before a search as a safety net. Cheap
   * when nothing is marked.
   */
  refresh(): void {
    if (this.hasPendingStatement.get() !== 1) return;
    this.db.transaction(() => {
      for (const statement of this.refreshStatements) statement.run();
    }).immediate();
  }

  /** How many handles contain a text (an FTS5 trigram phrase of three characters or more). */
  containsCount(phrase: string): number {
    return this.containsCountStatement.get(phrase) ?? 0;
  }

  /** The doc ids of the handles containing a text, ascending. */
  containsDocIds(phrase: string): number[] {
    return this.containsDocIdsStatement.all(phrase);
  }

  /** A page of supporters whose handle contains the text but does not start with it (`prefixPattern`), in arrival order. */
  containsPage(phrase: string, prefixPattern: string, limit: number, offset: number): string[] {
    return this.containsPageStatement.all(phrase, prefixPattern, limit, offset);
  }

  /** How many handles start with a text (a LIKE pattern `text%`, case-insensitive for ASCII). */
  prefixCount(pattern: string): number {
    return this.prefixCountStatement.get(pattern) ?? 0;
  }

  prefixDocIds(pattern: string): number[] {
    return this.prefixDocIdsStatement.all(pattern);
  }

  /** A page of supporters whose handle starts with the text, by handle (an exact match first). */
  prefixPage(pattern: string, limit: number, offset: number): string[] {
    return this.prefixPageStatement.all(pattern, limit, offset);
  }

  /** How many supporters' notes and tags match an FTS5 query. */
  memoryCount(query: string): number {
    return this.memoryCountStatement.get(query) ?? 0;
  }

  /** A page of the supporters whose notes and tags match, most recently written first. */
  memoryPage(query: string, limit: number, offset: number): string[] {
    return this.memoryPageStatement.all(query, limit, offset);
  }

  /** Every supporter whose notes and tags match, most recently written first, with their handle document. */
  memoryMatches(query: string): MemoryMatch[] {
    return this.memoryMatchesStatement.all(query);
  }

}
