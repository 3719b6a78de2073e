import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertPageFilters } from '../../../shared/domain/alertPage';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import type { OpenAlertTally } from '../store/alertStore';
import { countAlertChoices } from './countAlertChoices';

const tallyArbitrary: fc.Arbitrary<OpenAlertTally[]> = fc.uniqueArray(
  fc.record({ type: fc.constantFrom(...ALERT_TYPES), priority: fc.constantFrom(...ALERT_PRIORITIES), unread: fc.boolean(), count: fc.integer({ min: 1, max: 500 }) }),
  { maxLength: 72, selector: (group) => `${group.type}/${group.priority}/${group.unread}` },
);

const filtersArbitrary: fc.Arbitrary<AlertPageFilters> = fc.record({
  show: fc.constantFrom('all' as const, 'unread' as const),
  type: fc.constantFrom('all' as const, ...ALERT_TYPES),
  priority: fc.constantFrom('all' as const, ...ALERT_PRIORITIES),
});

describe('the Alerts page’s counts add up (property)', () => {
  it('each filter’s "all" is the sum of its choices, the chosen one of each is what the filters match, and Unread ≤ All', () => {
    fc.assert(
      fc.property(tallyArbitrary, filtersArbitrary, (tally, filters) => {
        const counts = countAlertChoices(tally, filters);
        const matching = tally
          .filter((group) => (filters.show === 'all' || group.unread) && (filters.type === 'all' || group.type === filters.type) && (filters.priority === 'all' || group.priority === filters.priority))
          .reduce((sum, group) => sum + group.count, 0);
        expect(counts.type.all).toBe(ALERT_TYPES.reduce((sum, type) => sum + counts.type[type], 0));
        expect(counts.priority.all).toBe(ALERT_PRIORITIES.reduce((sum, priority) => sum + counts.priority[priority], 0));
        expect(counts.type[filters.type]).toBe(matching);
        expect(counts.priority[filters.priority]).toBe(matching);
        expect(counts.show[filters.show]).toBe(matching);
        expect(counts.show.unread).toBeLessThanOrEqual(counts.show.all);
        // With no type or priority chosen, "Unread" is every unread open alert (the sidebar badge).
        if (filters.type === 'all' && filters.priority === 'all') expect(counts.show.unread).toBe(tally.filter((group) => group.unread).reduce((sum, group) => sum + group.count, 0));
      }),
      { numRuns: 400 },
    );
  });
});
