import type { ConversionPotential, Segment } from '../../../../shared/domain/segments';
import type { SignalValues } from '../../../../shared/domain/supporterProfile';
import type { ActivitySummary } from './activitySummary';
import { classifySegment } from './classifySegment';
import { computeConversionProbability } from './computeConversionProbability';
import { computePriorityScore } from './computePriorityScore';
import { computeSignals } from './computeSignals';
import { conversionPotentialFor } from './conversionPotentialFor';

export interface SupporterScore {
  segment: Segment;
  signals: SignalValues;
  conversionProbability: number;
  conversionPotential: ConversionPotential;
  priorityScore: number;
}

/** Every score of SPEC §3–5 for one supporter at `now`. Runs for every supporter in a full re-segmentation, so it allocates little. */
export function scoreSupporter(summary: ActivitySummary, fanClubActive: boolean, now: number): SupporterScore {
  const signals = computeSignals(summary, now);
  const conversionProbability = computeConversionProbability(signals, { online: summary.online, fanClubActive });
  const segment = classifySegment(
    { lifetimeTokens: summary.lifetimeTokens, lastActivityAt: summary.lastActivityAt, conversionProbability },
    now,
  );
  const priorityScore = computePriorityScore({
    conversionProbability,
    online: summary.online,
    segment,
    liveActivity7d: summary.liveAttendances7d + summary.liveGifts7d > 0,
    gifts7d: summary.gifts7d,
  });
  return { segment, signals, conversionProbability, conversionPotential: conversionPotentialFor(conversionProbability), priorityScore };
}
