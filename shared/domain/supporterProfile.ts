import type { ActivityType } from './activityTypes';
import type { FanClubTier } from './fanClubTiers';
import type { NowScoreExplanation } from './inboxEntry';
import type { ConversionPotential, RetentionRisk, Segment, Trend } from './segments';
import type { SupporterMemory } from './supporterMemory';

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

/** One signal's part in the conversion score: value 0–100, its weight, and weight × value. */
export interface SignalContribution {
  name: SignalName;
  value: number;
  weight: number;
  contribution: number;
}

/**
 * "Why this score" (SPEC §6): every signal's contribution and the bonuses. `rawScore` is the sum
 * before the cap of 100; `cappedScore` after it. Display values are rounded to 2 decimals; the
 * probability is `Math.round` of the exact capped score.
 */
export interface ScoreBreakdown {
  signals: SignalContribution[];
  onlineBonus: number;
  fanClubBonus: number;
  rawScore: number;
  cappedScore: number;
}

/** One of the supporter's own recent activities, for the profile's timeline. */
export interface RecentActivityItem {
  type: ActivityType;
  at: string;
  tokens: number;
}

/**
 * The customer-base model's outlook for one supporter (BG/NBD + gamma-gamma, refitted daily on the
 * creator's own supporters). `notEnoughData` when this supporter has fewer than 2 purchase days;
 * the whole field is null on the profile when no model could be fitted for the workspace.
 */
export type SupporterClv =
  | {
      /** 0–1: the chance they are still an active buyer. */
      chanceActive: number;
      /** Expected purchase days in the 30 days after the model's fit. */
      expectedPurchases30d: number;
      expectedTokens30d: number;
      /** A short plain-language sentence saying what the figures are based on. */
      explanation: string;
      /** When the model behind these figures was fitted (ISO-8601 UTC). */
      fittedAt: string;
    }
  | { notEnoughData: true; explanation: string; fittedAt: string };

/** The full supporter profile (SPEC §6, §10 `Profile` and §13's memory fields). Timestamps are ISO-8601 UTC strings or null. */
export interface SupporterProfile extends SupporterMemory {
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
  whyThisScore: ScoreBreakdown;
  /** The latest 30 supporter-initiated activities, newest first. */
  recentActivity: RecentActivityItem[];
  /** 7 × 24 counts of supporter-initiated activity over the last 90 days, weekday (Sunday = 0) × hour, in the zone best contact time uses (the supporter's, else the creator's). */
  activityHeatmap: number[][];
  /** The customer-base model's outlook; null when no model could be fitted on this workspace's supporters. */
  clv: SupporterClv | null;
  /** "Why this score?" for the Now queue (SPEC §11): the Now score's terms at the moment the profile was read. */
  nowQueue: NowScoreExplanation;
}

/** The profile as the supporter engine builds it: everything but the customer-base model's outlook, the creator's memory and the Now queue's view. */
export type EngineSupporterProfile = Omit<SupporterProfile, 'clv' | 'nowQueue' | keyof SupporterMemory>;
