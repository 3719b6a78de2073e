import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../shared/domain/alertView';
import { groupAlertsByPriority } from './groupAlertsByPriority';

function alert(id: string, priority: AlertView['priority'], createdAt: string, readAt: string | null = null): AlertView {
  return {
    id,
    type: 'vip_online',
    supporterId: `s-${id}`,
    priority,
    message: id,
    suggestedAction: 'dm_reminder',
    actionable: true,
    metadata: { conversionProbability: 50, estimatedRevenue: 10, timeWindow: '2h' },
    createdAt,
    expiresAt: null,
    readAt,
    dismissedAt: null,
  };
}

describe('groupAlertsByPriority', () => {
  it('orders groups urgent → low and leaves out empty ones', () => {
    const groups = groupAlertsByPriority([
      alert('a', 'low', '2025-01-01T00:00:00Z'),
      alert('b', 'urgent', '2025-01-01T00:00:00Z'),
      alert('c', 'medium', '2025-01-01T00:00:00Z'),
    ]);
    expect(groups.map((group) => group.priority)).toEqual(['urgent', 'medium', 'low']);
  });

  it('puts the newest alert first inside a group', () => {
    const [group] = groupAlertsByPriority([
      alert('old', 'high', '2025-01-01T00:00:00Z'),
      alert('new', 'high', '2025-01-02T00:00:00Z'),
    ]);
    expect(group?.alerts.map((item) => item.id)).toEqual(['new', 'old']);
  });
});
