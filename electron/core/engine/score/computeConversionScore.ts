import type { ScoreBreakdown, SignalValues } from '../../../../shared/domain/supporterProfile';
import { computeConversionProbability, type ScoreBonuses } from './computeConversionProbability';
import { explainConversionScore } from './explainConversionScore';

export interface ConversionScore {
  /** An integer 0–100; thresholds use this (SPEC §3). */
  conversionProbability: number;
  breakdown: ScoreBreakdown;
}

/** The probability together with its explanation; hot paths that need only the number call `computeConversionProbability`. */
export function computeConversionScore(signals: SignalValues, bonuses: ScoreBonuses): ConversionScore {
  return { conversionProbability: computeConversionProbability(signals, bonuses), breakdown: explainConversionScore(signals, bonuses) };
}
