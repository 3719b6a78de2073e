/** Fan club tiers from lowest to highest (SPEC §1); the order matters for upgrades. */
export const FAN_CLUB_TIERS = ['silver', 'gold', 'diamond', 'royal_elite'] as const;
export type FanClubTier = (typeof FAN_CLUB_TIERS)[number];

export function nextFanClubTier(tier: FanClubTier | null): FanClubTier | null {
  if (tier === null) return FAN_CLUB_TIERS[0];
  const index = FAN_CLUB_TIERS.indexOf(tier);
  return FAN_CLUB_TIERS[index + 1] ?? null;
}
