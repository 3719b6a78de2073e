import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import type { AlertView } from '../../../shared/domain/alertView';
import { filterAlerts, isFiltered, NO_ALERT_FILTERS, type AlertFilters } from './filterAlerts';
import { groupAlertsByPriority } from './groupAlertsByPriority';

const alertArbitrary: fc.Arbitrary<AlertView> = fc
  .record({ type: fc.constantFrom(...ALERT_TYPES), priority: fc.constantFrom(...ALERT_PRIORITIES), read: fc.boolean(), minute: fc.integer({ min: 0, max: 600 }) })
  .map(({ type, priority, read, minute }) => ({
    id: `al_${type}_${priority}_${minute}_${read}`,
    type,
    supporterId: 's1',
    priority,
    message: `${type} @fan`,
    suggestedAction: 'dm_reminder',
    actionable: true,
    metadata: { conversionProbability: 40, estimatedRevenue: 10, timeWindow: '2h' },
    createdAt: new Date(Date.UTC(2026, 2, 2, 12, minute)).toISOString(),
    expiresAt: null,
    readAt: read ? new Date(Date.UTC(2026, 2, 2, 13)).toISOString() : null,
    dismissedAt: null,
  }));

const filtersArbitrary: fc.Arbitrary<AlertFilters> = fc.record({
  show: fc.constantFrom('all' as const, 'unread' as const),
  type: fc.constantFrom('all' as const, ...ALERT_TYPES),
  priority: fc.constantFrom('all' as const, ...ALERT_PRIORITIES),
});

const uniqueAlerts = fc.uniqueArray(alertArbitrary, { maxLength: 100, selector: (alert) => alert.id });

describe('the alerts panel’s filtering of the loaded alerts (property)', () => {
  it('keeps exactly the alerts matching all three filters, in order; the groups add up to them', () => {
    fc.assert(
      fc.property(uniqueAlerts, filtersArbitrary, (alerts, filters) => {
        const result = filterAlerts(alerts, filters);
        const expected = alerts.filter(
          (alert) => (filters.show === 'all' || alert.readAt === null) && (filters.type === 'all' || alert.type === filters.type) && (filters.priority === 'all' || alert.priority === filters.priority),
        );
        expect(result.visible).toEqual(expected);
        expect(groupAlertsByPriority(result.visible).reduce((sum, group) => sum + group.alerts.length, 0)).toBe(expected.length);
      }),
      { numRuns: 400 },
    );
  });

  it('a filter keeps exactly the alerts it names', () => {
    const alerts = fc.sample(uniqueAlerts, { numRuns: 1, seed: 42 })[0] ?? [];
    const vipUnread = filterAlerts(alerts, { show: 'unread', type: 'vip_online', priority: 'all' }).visible;
    expect(vipUnread).toEqual(alerts.filter((alert) => alert.type === 'vip_online' && alert.readAt === null));
    expect(filterAlerts(alerts, NO_ALERT_FILTERS).visible).toEqual(alerts);
    expect(isFiltered(NO_ALERT_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_ALERT_FILTERS, priority: 'low' })).toBe(true);
  });
});
