import type { CrmActionType } from './crmActions';
import type { FanClubTier } from './fanClubTiers';
import type { ConversionPotential, InboxTab, Segment } from './segments';

/** One row of an inbox tab (SPEC §10 `Entry`). Timestamps are ISO-8601 UTC strings or null. */
export interface InboxEntry {
  supporterId: string;
  handle: string;
  segment: Segment;
  online: boolean;
  lifetimeTokens: number;
  monthlyTokens: number;
  lastActivityAt: string | null;
  unreadCount: number;
  conversionProbability: number;
  conversionPotential: ConversionPotential;
  priorityScore: number;
  fanClubTier: FanClubTier | null;
  hasUpcomingEvent: boolean;
  flags: { dmReminder: boolean; priorityReply: boolean };
  quickActions: CrmActionType[];
}

export interface InboxPage {
  tab: InboxTab;
  total: number;
  entries: InboxEntry[];
}

export type SegmentCounts = Record<Segment, number>;
export type TabCounts = Record<InboxTab, number>;
