import type { Segment } from '../../../shared/domain/segments';

const SEGMENT_LABELS: Record<Segment, string> = {
  vip: '💎 VIP',
  hot_lead: '🔥 Hot lead',
  active: '⭐ Active',
  dormant: '🌙 Dormant',
  cold: '❄️ Cold',
};

export function SegmentBadge({ segment }: { segment: Segment }) {
  return (
    <span className={`badge segment-${segment}`} data-testid="segment-badge">
      {SEGMENT_LABELS[segment]}
    </span>
  );
}
