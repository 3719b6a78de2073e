import type { CrmActionType } from './crmActions';
import type { FanClubTier } from './fanClubTiers';
import type { ConversionPotential, InboxTab, InboxViewName, Segment } from './segments';

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
  /** The first purchase (SPEC §2), which the New tab is ordered by and shows; null without one. */
  firstPurchaseAt: string | null;
  /** The creator's tags on this supporter (SPEC §13), alphabetically: labels only, never a target of an action. */
  tags: string[];
}

/**
 * A row of the Now queue (SPEC §11): an inbox entry with its `nowScore`, the terms that made it
 * (`nowReasons`, short phrases, largest first; docs/engine-rules.md lists them) and the one action
 * most worth taking now (SPEC §12), or null.
 */
export interface NowQueueEntry extends InboxEntry {
  nowScore: number;
  nowReasons: string[];
  suggestedAction: CrmActionType | null;
}

export interface TabPage {
  tab: InboxTab;
  total: number;
  entries: InboxEntry[];
}

export interface NowQueuePage {
  tab: 'now';
  total: number;
  entries: NowQueueEntry[];
}

/** One page of `inbox.page`: a tab's (SPEC §5) or the Now queue's (SPEC §11). */
export type InboxPage = TabPage | NowQueuePage;

/**
 * The Now score's terms (SPEC §11), in points: priorityScore, then these. A follow-up is due from
 * its time until the creator reaches the supporter (a message or an action at or after it) or
 * cancels it; an action counts while it was requested in the last 24 hours.
 */
export const NOW_SCORE_POINTS = {
  online: 25,
  perUnread: 4,
  unreadCounted: 5,
  openAlert: 15,
  followUpDue: 10,
  recentAction: -30,
} as const;

export type NowScoreTermKind = 'priority' | 'online' | 'unread' | 'open_alert' | 'follow_up_due' | 'recent_action';

/** One term of a supporter's Now score, as "Why this score?" shows it. */
export interface NowScoreTerm {
  kind: NowScoreTermKind;
  /** What the term is, in words ("Online now", "3 unread messages"). */
  label: string;
  /** Whether it applies now. */
  applies: boolean;
  /** What it adds (0 when it does not apply; the action term subtracts). */
  points: number;
}

/** "Why this score?" for the Now queue: the supporter's Now score at `now`, term by term. */
export interface NowScoreExplanation {
  nowScore: number;
  terms: NowScoreTerm[];
  /** The same short phrases the queue shows, largest first. */
  reasons: string[];
  /** Whether the supporter is in the Now queue now, and if not, why not, in words. */
  inQueue: boolean;
  notInQueueBecause: string | null;
}

export type SegmentCounts = Record<Segment, number>;
export type TabCounts = Record<InboxViewName, number>;
