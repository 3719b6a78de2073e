import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { INBOX_TABS } from '../../../../shared/domain/segments';
import { InboxStore } from '../../store/inboxStore';
import { ScoreStore } from '../../store/scoreStore';
import { openEngineCore, type EngineTestCore } from '../testing/engineTestKit';

let testCore: EngineTestCore | null = null;
afterEach(() => testCore?.close());

/**
 * The SQL text of every statement a store prepares as it is built, captured on its way to SQLite:
 * the plans below are those of the store's own statements, so a change to a store's SQL is what
 * the test checks, never a copy of it kept here.
 */
function statementsPreparedBy(db: Database.Database, build: (db: Database.Database) => unknown): string[] {
  const sources: string[] = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (source: string) => {
          sources.push(source);
          return target.prepare(source);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  build(recording);
  return sources;
}

/** Every named parameter a tab statement may take; SQLite ignores those a statement does not use. */
const TAB_PARAMS = { now: 0, newSince: 0, limit: 50, offset: 0, pattern: '%a%' };

/** The plan of a statement, given its named parameters (an object) or its positional ones (a list). */
function planOf(db: Database.Database, source: string, params: object | unknown[] = TAB_PARAMS): string[] {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${source}`);
  const rows = (Array.isArray(params) ? statement.all(...params) : statement.all(params)) as { detail: string }[];
  return rows.map((row) => row.detail);
}

describe('inbox queries', () => {
  it.each(INBOX_TABS)('read a %s page from the tab\'s covering index, then its rows by key: no table scan, no sort', (tab) => {
    testCore = openEngineCore();
    const plain = testCore.core.stores.inbox.explainPage(tab);
    expect(plain.ids, plain.ids.join('\n')).toEqual([expect.stringMatching(/^(SCAN|SEARCH) sc USING COVERING INDEX scores_\w+_tab\b/)]);
    expect(plain.rows.join('\n')).toMatch(/SEARCH sc USING INDEX sqlite_autoindex_supporter_state_1 \(supporterId=\?\)/);
    for (const detail of plain.rows) expect(detail).not.toMatch(/^SCAN (sc|su|fl)\b|TEMP B-TREE/);

    const searched = testCore.core.stores.inbox.explainPage(tab, true);
    const joined = searched.ids.join('\n');
    expect(joined).toMatch(new RegExp(`(SCAN|SEARCH) sc USING (COVERING )?INDEX scores_${tab}_tab`));
    expect(joined).toMatch(/SEARCH su USING INDEX sqlite_autoindex_supporters_1 \(id=\?\)/);
    expect(joined).not.toMatch(/TEMP B-TREE/);
  });

  it('reads the Now queue from its index, from the top and from a key group: no table scan, no sort', () => {
    testCore = openEngineCore();
    const plan = testCore.core.stores.nowQueue.explainPage();
    for (const details of [plan.top, plan.deep]) {
      const joined = details.join('\n');
      expect(joined).toMatch(/(SCAN|SEARCH) sc USING (COVERING )?INDEX scores_now_tab/);
      expect(joined).not.toMatch(/TEMP B-TREE|SCAN sc\b(?! USING)/);
    }
    // A search narrows the same walk of the index.
    expect(testCore.core.stores.nowQueue.explainPage({ search: 'a' }).top.join('\n')).toMatch(/scores_now_tab/);
  });

  it('counts each tab from its covering index alone, as the store counts it', () => {
    testCore = openEngineCore();
    const { db } = testCore.core;
    const counts = statementsPreparedBy(db, (recording) => new InboxStore(recording)).filter((source) => /count\(\*\)/i.test(source) && !/\bJOIN\b/i.test(source));
    expect(counts).toHaveLength(INBOX_TABS.length);
    for (const tab of INBOX_TABS) {
      const source = counts.find((candidate) => candidate.includes(`scores_${tab}_tab`));
      expect(source, `the store's count of the ${tab} tab`).toBeDefined();
      expect(planOf(db, source ?? ''), source).toEqual([expect.stringMatching(new RegExp(`^(SCAN|SEARCH) sc USING COVERING INDEX scores_${tab}_tab\\b`))]);
    }
  });

  it('never scans a table in any statement the inbox store prepares, and sorts only what one page names', () => {
    testCore = openEngineCore();
    const { db } = testCore.core;
    const sources = statementsPreparedBy(db, (recording) => new InboxStore(recording));
    expect(sources.length).toBeGreaterThanOrEqual(INBOX_TABS.length * 4 + 1);
    for (const source of sources) {
      // A statement over one page's ids (at most 100, from json_each) may order what it found, such
      // as the tags of a page's rows; a tab's own walk never sorts.
      const ofOnePage = source.includes('json_each(?)');
      const plan = planOf(db, source, ofOnePage ? ['[]'] : TAB_PARAMS);
      for (const detail of plan) expect(detail, source).not.toMatch(ofOnePage ? /^SCAN (sc|su|fl|supporter_state|supporters|t|s)$/ : /^SCAN (sc|su|fl|supporter_state|supporters)$|TEMP B-TREE/);
    }
  });

  it('finds due edges and the next edge through the edge index, as the score store asks', () => {
    testCore = openEngineCore();
    const { db } = testCore.core;
    const edgeReads = statementsPreparedBy(db, (recording) => new ScoreStore(recording)).filter((source) => /^\s*SELECT\b/i.test(source) && /\b(WHERE|AND)\s+edgeAt\b|\(edgeAt\)/.test(source));
    expect(edgeReads).toHaveLength(2);
    for (const source of edgeReads) {
      const params = source.includes('?') ? [0] : [];
      expect(planOf(db, source, params).join('\n'), source).toMatch(/^SEARCH supporter_state USING (COVERING )?INDEX scores_by_edge \(edgeAt/);
    }
  });
});
