import type { SupporterProfile } from '../../../shared/domain/supporterProfile';

/** SPEC §5: conversion probability + these bonuses, capped at 150. */
export const PRIORITY_TERMS = { online: 20, vip: 15, live7d: 10, gifts7d: 10 } as const;
export const PRIORITY_CAP = 150;

export interface PriorityTerm {
  label: string;
  /** Points this term adds. */
  points: number;
  applies: boolean;
}

export interface PriorityExplanation {
  terms: PriorityTerm[];
  /** The sum before the cap. */
  rawTotal: number;
  capped: boolean;
  score: number;
}

/**
 * The priority score's terms, rebuilt from the profile (the engine does not send them one by one):
 * probability, online and VIP are on the profile; live activity in the last 7 days is exactly
 * "the live engagement signal is above 0" (it counts attendances, watch minutes and live gifts of
 * the last 7 days); gifts in the last 7 days are what is left of the score. Under the cap that
 * remainder is exact; at the cap the gift bonus must have applied, because every other term
 * together reaches at most 100 + 20 + 15 + 10 = 145.
 */
export function explainPriorityScore(profile: Pick<SupporterProfile, 'conversionProbability' | 'online' | 'segment' | 'priorityScore' | 'signals'>): PriorityExplanation {
  const online = profile.online;
  const vip = profile.segment === 'vip';
  const live = profile.signals.liveEngagement > 0;
  const withoutGifts = profile.conversionProbability + (online ? PRIORITY_TERMS.online : 0) + (vip ? PRIORITY_TERMS.vip : 0) + (live ? PRIORITY_TERMS.live7d : 0);
  const gifts = profile.priorityScore >= PRIORITY_CAP || profile.priorityScore - withoutGifts >= PRIORITY_TERMS.gifts7d;
  const rawTotal = withoutGifts + (gifts ? PRIORITY_TERMS.gifts7d : 0);
  return {
    terms: [
      { label: 'Conversion probability', points: profile.conversionProbability, applies: true },
      { label: 'Online now', points: online ? PRIORITY_TERMS.online : 0, applies: online },
      { label: 'VIP', points: vip ? PRIORITY_TERMS.vip : 0, applies: vip },
      { label: 'Watched or gifted in a live stream in the last 7 days', points: live ? PRIORITY_TERMS.live7d : 0, applies: live },
      { label: 'Sent a gift in the last 7 days', points: gifts ? PRIORITY_TERMS.gifts7d : 0, applies: gifts },
    ],
    rawTotal,
    capped: rawTotal > PRIORITY_CAP,
    score: profile.priorityScore,
  };
}
