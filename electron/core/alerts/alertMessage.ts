import type { AlertType } from '../../../shared/domain/alerts';
import type { AlertDetail } from './alertRules';

const ACTIVITY_LABELS: Record<string, string> = {
  chat_message: 'sent a message',
  gift: 'sent a gift',
  live_attendance: 'joined your live',
  live_gift: 'sent a live gift',
  ppv_purchase: 'bought a PPV item',
  fan_club_payment: 'paid their fan club',
  event_registration: 'registered for an event',
  event_attendance: 'attended an event',
  profile_view: 'viewed your profile',
  like: 'liked your content',
  match: 'matched with you',
  presence: 'came online',
};

const TIER_LABELS: Record<string, string> = { silver: 'Silver', gold: 'Gold', diamond: 'Diamond', royal_elite: 'Royal Elite' };

function formatDate(at: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone };
  try {
    return new Intl.DateTimeFormat('en-US', options).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(at);
  }
}

/**
 * The alert's one-line message. It names the supporter by handle only (SPEC §8) and is composed
 * when read, so a handle the platform renames shows up everywhere at once.
 */
export function alertMessage(type: AlertType, handle: string | null, detail: AlertDetail, creatorTimeZone = 'UTC'): string {
  const who = handle === null ? 'A supporter' : `@${handle}`;
  switch (type) {
    case 'vip_online':
      return `VIP ${who} just came online`;
    case 'hot_lead_active':
      return `Hot lead ${who} ${ACTIVITY_LABELS[detail.activityType ?? ''] ?? 'is active'}`;
    case 'dormant_reactivation':
      return detail.daysAway === undefined
        ? `${who} is back and viewed your profile`
        : `${who} viewed your profile after ${detail.daysAway} days away`;
    case 'spending_spike':
      return `${who} spent ${(detail.tokens24h ?? 0).toLocaleString('en-US')} tokens in the last 24 hours — say thank you`;
    case 'fan_club_renewal_due': {
      const tier = TIER_LABELS[detail.tier ?? ''] ?? 'fan club';
      const when = detail.renewsAt === undefined ? 'soon' : `on ${formatDate(detail.renewsAt, creatorTimeZone)}`;
      return `${who}'s ${tier} membership renews ${when}`;
    }
    case 'event_rsvp':
      return detail.listingTitle ? `${who} registered for “${detail.listingTitle}” — confirm their spot` : `${who} registered for an event — confirm their spot`;
    case 'milestone_reached':
      return `${who} passed ${(detail.threshold ?? 0).toLocaleString('en-US')} lifetime tokens — celebrate it`;
    case 'follow_up_due':
      // The follow-up's text is private like a note (SPEC §13): the message names the supporter only.
      return `Your follow-up with ${who} is due`;
  }
}
