import type { ConversionPotential, Segment } from '../../../../shared/domain/segments';
import type { ScoreBreakdown, SignalValues } from '../../../../shared/domain/supporterProfile';
import type { ActivitySummary } from './activitySummary';
import { classifySegment } from './classifySegment';
import { computeConversionScore } from './computeConversionScore';
import { computePriorityScore } from './computePriorityScore';
import { computeSignals } from './computeSignals';
import { conversionPotentialFor } from './conversionPotentialFor';

export interface SupporterScore {
  supporterId: string;
  segment: Segment;
  signals: SignalValues;
  breakdown: ScoreBreakdown;
  conversionProbability: number;
  conversionPotential: ConversionPotential;
  priorityScore: number;
  summary: ActivitySummary;
}

/** Every score of SPEC §3–5 for one supporter at `now`. */
export function scoreSupporter(
  supporterId: string,
  summary: ActivitySummary,
  fanClubActive: boolean,
  now: number,
): SupporterScore {
  const signals = computeSignals(summary, now);
  const { conversionProbability, breakdown } = computeConversionScore(signals, { online: summary.online, fanClubActive });
  const segment = classifySegment({ ...summary, conversionProbability }, now);
  const priorityScore = computePriorityScore({
    conversionProbability,
    online: summary.online,
    segment,
    liveActivity7d: summary.liveAttendances7d + summary.liveGifts7d > 0,
    gifts7d: summary.gifts7d,
  });
  return {
    supporterId,
    segment,
    signals,
    breakdown,
    conversionProbability,
    conversionPotential: conversionPotentialFor(conversionProbability),
    priorityScore,
    summary,
  };
}
