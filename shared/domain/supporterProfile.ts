import type { FanClubTier } from './fanClubTiers';
import type { ConversionPotential, RetentionRisk, Segment, Trend } from './segments';

export interface SignalValues {
  chatActivity: number;
  gifting: number;
  profileViews: number;
  liveEngagement: number;
  recentMatch: number;
  likesWithoutChat: number;
}

export type SignalName = keyof SignalValues;
export type PreferredFeature = 'chat' | 'live' | 'ppv' | 'fan_club' | 'events';

export interface BestContactTime {
  /** 0–6, Sunday = 0. */
  day: number;
  hour: number;
  confidence: number;
  timezone: string;
}

/** The full supporter profile (SPEC §6 and §10 `Profile`). Timestamps are ISO-8601 UTC strings or null. */
export interface SupporterProfile {
  supporterId: string;
  handle: string;
  segment: Segment;
  conversionProbability: number;
  conversionPotential: ConversionPotential;
  priorityScore: number;
  online: boolean;
  signals: SignalValues;
  spending: {
    lifetimeTokens: number;
    monthlyTokens: number;
    weeklyTokens: number;
    avgTokensPerMonth: number;
    byMonth: { month: string; tokens: number }[];
  };
  chat: { messagesSent: number; tokensSpent: number; avgResponseMinutes: number | null; lastChatAt: string | null };
  live: {
    streamsAttended: number;
    giftsSent: number;
    tokensSpent: number;
    avgWatchMinutes: number | null;
    lastAttendedAt: string | null;
  };
  ppv: { itemsPurchased: number; tokensSpent: number; categories: string[]; lastPurchaseAt: string | null };
  fanClub: { member: boolean; tier: FanClubTier | null; joinedAt: string | null; months: number; tokensSpent: number };
  events: { registered: number; attended: number; tokensSpent: number; lastEventAt: string | null };
  engagement: {
    liveAttendanceRate: number | null;
    dmResponseRate: number | null;
    avgDmResponseMinutes: number | null;
    conversationStarters: number;
  };
  bestContactTime: BestContactTime | null;
  patterns: {
    preferredFeatures: PreferredFeature[];
    spendingTrend: Trend;
    engagementTrend: Trend;
    retentionRisk: RetentionRisk;
    likelyToUpgradeFanClub: boolean;
  };
}
