import type { Segment } from '../../../shared/domain/segments';
import { SEGMENT_LABELS } from './labels';

export function SegmentBadge({ segment }: { segment: Segment }) {
  return (
    <span className={`badge segment segment-${segment}`} data-testid="segment-badge">
      {SEGMENT_LABELS[segment]}
    </span>
  );
}
