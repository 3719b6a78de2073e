import type { SignalName } from '../../../../shared/domain/supporterProfile';

/**
 * Signal weights of SPEC §3 in hundredths, so the weighted sum is computed on integers times
 * signal values and divided once, which keeps boundary scores such as 69.5 exact.
 */
export const SIGNAL_WEIGHT_HUNDREDTHS: Readonly<Record<SignalName, number>> = {
  chatActivity: 30,
  gifting: 30,
  profileViews: 15,
  liveEngagement: 15,
  recentMatch: 7,
  likesWithoutChat: 3,
};

/** Display order of the signals (SPEC §3 table order). */
export const SIGNAL_NAMES: readonly SignalName[] = [
  'chatActivity',
  'gifting',
  'profileViews',
  'liveEngagement',
  'recentMatch',
  'likesWithoutChat',
];
