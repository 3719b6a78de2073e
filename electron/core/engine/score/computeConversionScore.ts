import type { ScoreBreakdown, SignalValues } from '../../../../shared/domain/supporterProfile';
import { SIGNAL_NAMES, SIGNAL_WEIGHT_HUNDREDTHS } from './signalWeights';
import { roundTo, snapNumber } from './snapNumber';

export const ONLINE_BONUS = 10;
export const FAN_CLUB_BONUS = 10;

export interface ConversionScore {
  /** `Math.round` of the capped score: an integer 0–100; thresholds use this (SPEC §3). */
  conversionProbability: number;
  breakdown: ScoreBreakdown;
}

/** Σ weight × signal, +10 if online, +10 for an active fan club membership, capped at 100 (SPEC §3). */
export function computeConversionScore(
  signals: SignalValues,
  bonuses: { online: boolean; fanClubActive: boolean },
): ConversionScore {
  let weightedHundredths = 0;
  const parts: ScoreBreakdown['signals'] = [];
  for (const name of SIGNAL_NAMES) {
    const weight = SIGNAL_WEIGHT_HUNDREDTHS[name];
    const value = signals[name];
    weightedHundredths += weight * value;
    parts.push({ name, value: roundTo(value, 2), weight: weight / 100, contribution: roundTo((weight * value) / 100, 2) });
  }
  const onlineBonus = bonuses.online ? ONLINE_BONUS : 0;
  const fanClubBonus = bonuses.fanClubActive ? FAN_CLUB_BONUS : 0;
  const rawScore = snapNumber(weightedHundredths / 100 + onlineBonus + fanClubBonus);
  const cappedScore = Math.min(100, rawScore);
  return {
    conversionProbability: Math.round(cappedScore),
    breakdown: { signals: parts, onlineBonus, fanClubBonus, rawScore: roundTo(rawScore, 2), cappedScore: roundTo(cappedScore, 2) },
  };
}
