import type { ScoreBreakdown, SignalValues } from '../../../../shared/domain/supporterProfile';
import { FAN_CLUB_BONUS, ONLINE_BONUS, rawConversionScore, type ScoreBonuses } from './computeConversionProbability';
import { SIGNAL_NAMES, SIGNAL_WEIGHT_HUNDREDTHS } from './signalWeights';
import { roundTo } from './snapNumber';

/**
 * "Why this score" (SPEC §6): each signal's value, weight and weighted contribution, the bonuses,
 * and the score before and after the cap of 100. Display values are rounded to 2 decimals.
 */
export function explainConversionScore(signals: SignalValues, bonuses: ScoreBonuses): ScoreBreakdown {
  const rawScore = rawConversionScore(signals, bonuses);
  return {
    signals: SIGNAL_NAMES.map((name) => {
      const weight = SIGNAL_WEIGHT_HUNDREDTHS[name];
      return { name, value: roundTo(signals[name], 2), weight: weight / 100, contribution: roundTo((weight * signals[name]) / 100, 2) };
    }),
    onlineBonus: bonuses.online ? ONLINE_BONUS : 0,
    fanClubBonus: bonuses.fanClubActive ? FAN_CLUB_BONUS : 0,
    rawScore: roundTo(rawScore, 2),
    cappedScore: roundTo(Math.min(100, rawScore), 2),
  };
}
