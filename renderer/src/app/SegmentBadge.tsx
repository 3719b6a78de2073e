import type { Segment } from '../../../shared/domain/segments';
import { SEGMENT_ICONS, SEGMENT_LABELS } from './labels';

export function SegmentBadge({ segment }: { segment: Segment }) {
  return (
    <span className={`badge segment segment-${segment}`} data-testid="segment-badge">
      <span aria-hidden="true">{SEGMENT_ICONS[segment]} </span>
      {SEGMENT_LABELS[segment]}
    </span>
  );
}
