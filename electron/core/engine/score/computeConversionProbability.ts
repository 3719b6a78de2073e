import type { SignalValues } from '../../../../shared/domain/supporterProfile';
import { SIGNAL_NAMES, SIGNAL_WEIGHT_HUNDREDTHS } from './signalWeights';
import { snapNumber } from './snapNumber';

export const ONLINE_BONUS = 10;
export const FAN_CLUB_BONUS = 10;

export interface ScoreBonuses {
  online: boolean;
  fanClubActive: boolean;
}

/** Σ weight × signal, +10 if online, +10 for an active fan club membership, before the cap (SPEC §3). */
export function rawConversionScore(signals: SignalValues, bonuses: ScoreBonuses): number {
  let weightedHundredths = 0;
  for (const name of SIGNAL_NAMES) weightedHundredths += SIGNAL_WEIGHT_HUNDREDTHS[name] * signals[name];
  return snapNumber(weightedHundredths / 100 + (bonuses.online ? ONLINE_BONUS : 0) + (bonuses.fanClubActive ? FAN_CLUB_BONUS : 0));
}

/** `Math.round` of the score capped at 100: an integer 0–100, which every threshold uses (SPEC §3). */
export function computeConversionProbability(signals: SignalValues, bonuses: ScoreBonuses): number {
  return Math.round(Math.min(100, rawConversionScore(signals, bonuses)));
}
