import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { AlertPriority, AlertType } from '../../../shared/domain/alerts';
import { CRM_ACTION_NAMES, CRM_ACTION_PURPOSES, type CrmActionType } from '../../../shared/domain/crmActions';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';
import type { ConversionPotential, InboxViewName, RetentionRisk, Segment, Trend } from '../../../shared/domain/segments';
import type { PreferredFeature, SignalName } from '../../../shared/domain/supporterProfile';
import type { IconName } from './Icon';

/**
 * Every word the console shows for a domain value, in one place, so the inbox, the profile and the
 * alerts panel never disagree about what "hot_lead" is called.
 */

export const TAB_LABELS: Record<InboxViewName, string> = {
  now: 'Now',
  vip: 'VIP',
  hot_leads: 'Hot Leads',
  all: 'All',
  dormant: 'Dormant',
  new: 'New',
};

export const SEGMENT_LABELS: Record<Segment, string> = {
  vip: 'VIP',
  hot_lead: 'Hot lead',
  active: 'Active',
  dormant: 'Dormant',
  cold: 'Cold',
};

export const POTENTIAL_LABELS: Record<ConversionPotential, string> = {
  extremely_high: 'Extremely high',
  very_high: 'Very high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ACTION_LABELS: Record<CrmActionType, string> = CRM_ACTION_NAMES;

/** What each action does, in one line (SPEC §7; written once in `shared/domain/crmActions.ts`). */
export const ACTION_DESCRIPTIONS: Record<CrmActionType, string> = CRM_ACTION_PURPOSES;

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  vip_online: 'VIP online',
  hot_lead_active: 'Hot lead active',
  dormant_reactivation: 'Dormant supporter is back',
  spending_spike: 'Spending spike',
  fan_club_renewal_due: 'Fan club renewal due',
  event_rsvp: 'Event RSVP',
  milestone_reached: 'Milestone reached',
  follow_up_due: 'Follow-up due',
};

export const PRIORITY_LABELS: Record<AlertPriority, string> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const TIER_LABELS: Record<FanClubTier, string> = {
  silver: 'Silver',
  gold: 'Gold',
  diamond: 'Diamond',
  royal_elite: 'Royal Elite',
};

export const FEATURE_LABELS: Record<PreferredFeature, string> = {
  chat: 'Chat',
  live: 'Live',
  ppv: 'PPV',
  fan_club: 'Fan club',
  events: 'Events',
};

export const SIGNAL_LABELS: Record<SignalName, string> = {
  chatActivity: 'Recent chat activity',
  gifting: 'Gifting',
  profileViews: 'Profile views',
  liveEngagement: 'Live engagement',
  recentMatch: 'Recent match',
  likesWithoutChat: 'Likes without chat',
};

export const TREND_LABELS: Record<Trend, string> = {
  increasing: '↗ Increasing',
  stable: '→ Stable',
  decreasing: '↘ Decreasing',
};

export const RISK_LABELS: Record<RetentionRisk, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  chat_message: 'Sent a chat message',
  creator_message: 'You sent a message',
  gift: 'Sent a gift',
  live_attendance: 'Watched a live stream',
  live_gift: 'Sent a live gift',
  ppv_purchase: 'Bought a pay-per-view item',
  fan_club_payment: 'Paid for fan club membership',
  event_registration: 'Registered for an event',
  event_attendance: 'Attended an event',
  profile_view: 'Viewed your profile',
  like: 'Liked you',
  match: 'Matched with you',
  presence: 'Came online',
};

export const ACTIVITY_ICONS: Record<ActivityType, IconName> = {
  chat_message: 'message',
  creator_message: 'reply',
  gift: 'gift',
  live_attendance: 'video',
  live_gift: 'gift',
  ppv_purchase: 'unlock',
  fan_club_payment: 'award',
  event_registration: 'calendar',
  event_attendance: 'calendar',
  profile_view: 'eye',
  like: 'heart',
  match: 'star',
  presence: 'login',
};
