import { afterEach, describe, expect, it } from 'vitest';
import { INBOX_TABS } from '../../../../shared/domain/segments';
import { openEngineCore, type EngineTestCore } from '../testing/engineTestKit';

let testCore: EngineTestCore | null = null;
afterEach(() => testCore?.close());

describe('inbox queries', () => {
  it.each(INBOX_TABS)('read a %s page from the tab\'s covering index, then its rows by key: no table scan, no sort', (tab) => {
    testCore = openEngineCore();
    const plain = testCore.core.stores.inbox.explainPage(tab);
    expect(plain.ids, plain.ids.join('\n')).toEqual([expect.stringMatching(/^(SCAN|SEARCH) sc USING COVERING INDEX scores_\w+_tab\b/)]);
    expect(plain.rows.join('\n')).toMatch(/SEARCH sc USING INDEX sqlite_autoindex_supporter_state_1 \(supporterId=\?\)/);
    for (const detail of plain.rows) expect(detail).not.toMatch(/^SCAN (sc|su|fl)\b|TEMP B-TREE/);

    const searched = testCore.core.stores.inbox.explainPage(tab, true);
    const joined = searched.ids.join('\n');
    expect(joined).toMatch(new RegExp(`(SCAN|SEARCH) sc USING (COVERING )?INDEX scores_${tab === 'hot_leads' ? 'hot_leads' : tab}_tab`));
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

  it('counts a tab from its index alone', () => {
    testCore = openEngineCore();
    for (const [tab, where] of [
      ['vip', "segment = 'vip'"],
      ['all', 'firstPurchaseAt IS NOT NULL'],
      ['dormant', "segment = 'dormant'"],
    ] as const) {
      const plan = testCore.core.db
        .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM supporter_state INDEXED BY scores_${tab}_tab WHERE ${where}`)
        .all() as { detail: string }[];
      expect(plan.map((row) => row.detail)).toEqual([`SCAN supporter_state USING COVERING INDEX scores_${tab}_tab`]);
    }
  });

  it('finds due edges through the edge index', () => {
    testCore = openEngineCore();
    const plan = testCore.core.db
      .prepare('EXPLAIN QUERY PLAN SELECT supporterId FROM supporter_state INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL AND edgeAt <= ?')
      .all(0) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/SEARCH .*scores_by_edge/);
  });
});
