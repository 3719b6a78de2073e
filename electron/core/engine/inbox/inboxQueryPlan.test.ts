import { afterEach, describe, expect, it } from 'vitest';
import { INBOX_TABS } from '../../../../shared/domain/segments';
import { openEngineCore, type EngineTestCore } from '../testing/engineTestKit';

let testCore: EngineTestCore | null = null;
afterEach(() => testCore?.close());

describe('inbox queries', () => {
  it.each(INBOX_TABS)('walk the %s tab in index order: no table scan, no sort', (tab) => {
    testCore = openEngineCore();
    for (const withSearch of [false, true]) {
      const plan = testCore.core.stores.scores.explainPage(tab, withSearch);
      const scoreStep = plan.find((detail) => detail.includes('sc'));
      expect(scoreStep, plan.join('\n')).toMatch(/USING (COVERING )?INDEX scores_/);
      expect(plan.join('\n')).not.toMatch(/SCAN sc(?! USING)|TEMP B-TREE/);
      // The joined supporter and flags are looked up by primary key, one row each.
      expect(plan.filter((detail) => /^SCAN/.test(detail) && !detail.includes('USING'))).toEqual([]);
    }
  });

  it('finds due edges through the edge index', () => {
    testCore = openEngineCore();
    const plan = testCore.core.db
      .prepare('EXPLAIN QUERY PLAN SELECT supporterId FROM supporter_scores INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL AND edgeAt <= ?')
      .all(0) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/SEARCH .*scores_by_edge/);
  });
});
