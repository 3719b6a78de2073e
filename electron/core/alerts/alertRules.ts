import type { AlertPriority, AlertType } from '../../../shared/domain/alerts';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import { DAY_MS, HOUR_MS } from '../engine/engineTime';
import { isSpendActivity } from '../engine/isSpendActivity';
import { isSupporterInitiated } from '../engine/isSupporterInitiated';
import type { SupporterMoment, SupporterTimeline, TimelineRow } from './supporterTimeline';

/** The fixed part of each alert type (SPEC §8). */
export interface AlertRule {
  priority: AlertPriority;
  suggestedAction: CrmActionType;
  /** How long the alert stays useful, as the creator reads it (`metadata.timeWindow`). */
  timeWindow: string;
}

export const ALERT_RULES: Readonly<Record<AlertType, AlertRule>> = {
  vip_online: { priority: 'urgent', suggestedAction: 'dm_reminder', timeWindow: 'while online, at most 2 hours' },
  hot_lead_active: { priority: 'high', suggestedAction: 'dm_reminder', timeWindow: '2 hours' },
  dormant_reactivation: { priority: 'medium', suggestedAction: 'dm_reminder', timeWindow: '24 hours' },
  spending_spike: { priority: 'high', suggestedAction: 'dm_reminder', timeWindow: '48 hours' },
  fan_club_renewal_due: { priority: 'medium', suggestedAction: 'dm_reminder', timeWindow: 'until the renewal date' },
  event_rsvp: { priority: 'medium', suggestedAction: 'dm_reminder', timeWindow: 'until the event starts' },
  milestone_reached: { priority: 'low', suggestedAction: 'dm_reminder', timeWindow: '7 days' },
  // SPEC §13: the creator's own reminder, raised by the sweep from the follow_ups table (not from records).
  follow_up_due: { priority: 'high', suggestedAction: 'dm_reminder', timeWindow: '24 hours' },
};

export const VIP_ONLINE_MAX_MS = 2 * HOUR_MS;
export const HOT_LEAD_ACTIVE_MS = 2 * HOUR_MS;
export const DORMANT_REACTIVATION_MS = 24 * HOUR_MS;
export const SPENDING_SPIKE_MS = 48 * HOUR_MS;
export const MILESTONE_MS = 7 * DAY_MS;
/** A follow-up's alert stays for a day after its time (SPEC §13). */
export const FOLLOW_UP_DUE_MS = 24 * HOUR_MS;
/** An RSVP for a listing the cache does not know yet expires after this (documented choice). */
export const EVENT_RSVP_FALLBACK_MS = 7 * DAY_MS;
export const RENEWAL_LOOKAHEAD_MS = 3 * DAY_MS;

export const SPIKE_MIN_TOKENS = 100;
export const SPIKE_FACTOR = 3;
export const SPIKE_BASELINE_DAYS = 30;

export const MILESTONES = [1_000, 5_000, 10_000, 25_000, 50_000, 100_000] as const;

/** Facts a message is composed from. Only numbers, tiers and the creator's own listing titles: never identity values. */
export interface AlertDetail {
  activityType?: string;
  daysAway?: number;
  tokens24h?: number;
  threshold?: number;
  listingTitle?: string | null;
  tier?: string | null;
  renewsAt?: number;
  /** A follow-up's id and due time: what names it, never its text (private like a note, SPEC §13). */
  followUpId?: string;
  dueAt?: number;
}

export interface AlertCandidate {
  type: AlertType;
  supporterId: string;
  /** Names the trigger: the same record (or threshold, or renewal date) never raises a second alert. */
  dedupeKey: string;
  createdAt: number;
  expiresAt: number | null;
  triggerActivityId: string | null;
  detail: AlertDetail;
}

export interface ListingFacts {
  title: string;
  startsAt: number;
}

/**
 * The alerts one new record raises, judged on the supporter as they stood just before it (SPEC §8).
 * Cooldown and storage are the caller's business.
 */
export function alertCandidatesForRecord(
  supporterId: string,
  timeline: SupporterTimeline,
  index: number,
  listingFacts: (listingId: string) => ListingFacts | null,
): AlertCandidate[] {
  const row = timeline.rows[index] as TimelineRow;
  const at = row.at;
  // This runs for every new record, so no closures are made per call and the state before the
  // record (a scoring) is computed only when a rule whose record type matches needs it.
  let before: SupporterMoment | undefined;
  const candidates: AlertCandidate[] = [];

  const comesOnline = row.type === 'presence' && row.online === true && timeline.presenceAfter(index) !== true;
  if (comesOnline && (before ??= timeline.before(index)).segment === 'vip') {
    const offline = timeline.nextOfflineAfter(index);
    candidates.push(candidateOf('vip_online', supporterId, row, Math.min(at + VIP_ONLINE_MAX_MS, offline?.at ?? Number.POSITIVE_INFINITY), {}));
  }
  if (isSupporterInitiated(row.type, row.online) && (before ??= timeline.before(index)).segment === 'hot_lead') {
    candidates.push(candidateOf('hot_lead_active', supporterId, row, at + HOT_LEAD_ACTIVE_MS, { activityType: row.type }));
  }
  if (row.type === 'profile_view' && (before ??= timeline.before(index)).segment === 'dormant') {
    const { lastActivityAt } = before;
    const daysAway = lastActivityAt === null ? undefined : Math.floor((at - lastActivityAt) / DAY_MS);
    candidates.push(candidateOf('dormant_reactivation', supporterId, row, at + DORMANT_REACTIVATION_MS, daysAway === undefined ? {} : { daysAway }));
  }
  if (isSpendActivity(row.type) && row.tokens > 0) {
    const spikeBefore = isSpendingSpike(timeline, at, index);
    const spikeAfter = isSpendingSpike(timeline, at, index + 1);
    if (spikeAfter.spike && !spikeBefore.spike) {
      candidates.push(candidateOf('spending_spike', supporterId, row, at + SPENDING_SPIKE_MS, { tokens24h: spikeAfter.tokens24h }));
    }
    const lifetimeBefore = timeline.lifetimeTokens(index);
    const lifetimeAfter = timeline.lifetimeTokens(index + 1);
    const crossed = MILESTONES.filter((threshold) => lifetimeBefore < threshold && lifetimeAfter >= threshold);
    const threshold = crossed.at(-1);
    if (threshold !== undefined) {
      const milestone = candidateOf('milestone_reached', supporterId, row, at + MILESTONE_MS, { threshold });
      // Once per threshold, whichever record crosses it.
      milestone.dedupeKey = `milestone_reached:${supporterId}:${threshold}`;
      candidates.push(milestone);
    }
  }
  if (row.type === 'event_registration') {
    const listing = row.listingId === null ? null : listingFacts(row.listingId);
    candidates.push(candidateOf('event_rsvp', supporterId, row, listing ? listing.startsAt : at + EVENT_RSVP_FALLBACK_MS, { listingTitle: listing?.title ?? null }));
  }
  return candidates;
}

/** A candidate triggered by `row`, named by the record (one alert of a type per record). */
function candidateOf(type: AlertType, supporterId: string, row: TimelineRow, expiresAt: number | null, detail: AlertDetail): AlertCandidate {
  return { type, supporterId, dedupeKey: `${type}:${row.id}`, createdAt: row.at, expiresAt, triggerActivityId: row.id, detail };
}

/**
 * SPEC §8 spending spike at `now` over the first `count` rows: tokens in the last 24 h ≥ 3 × the
 * average daily spend of the 30 days before those 24 h, and ≥ 100. The alert fires on the record
 * that makes this true, not on every later record while it stays true.
 */
export function isSpendingSpike(timeline: SupporterTimeline, now: number, count: number): { spike: boolean; tokens24h: number } {
  const dayStart = now - DAY_MS;
  const tokens24h = timeline.spendBetween(dayStart, now, count);
  const baseline = timeline.spendBetween(dayStart - SPIKE_BASELINE_DAYS * DAY_MS, dayStart, count) / SPIKE_BASELINE_DAYS;
  return { spike: tokens24h >= SPIKE_MIN_TOKENS && tokens24h >= SPIKE_FACTOR * baseline, tokens24h };
}

/** SPEC §8 renewal due: an active membership renewing within 3 days of the sweep, once per renewal date. */
export function renewalCandidate(
  supporter: { id: string; fanClubActive: boolean; fanClubRenewsAt: number | null; fanClubTier: string | null },
  now: number,
): AlertCandidate | null {
  const renewsAt = supporter.fanClubRenewsAt;
  if (!supporter.fanClubActive || renewsAt === null || renewsAt <= now || renewsAt > now + RENEWAL_LOOKAHEAD_MS) return null;
  return {
    type: 'fan_club_renewal_due',
    supporterId: supporter.id,
    dedupeKey: `fan_club_renewal_due:${supporter.id}:${renewsAt}`,
    createdAt: now,
    expiresAt: renewsAt,
    triggerActivityId: null,
    detail: { tier: supporter.fanClubTier, renewsAt },
  };
}

/**
 * SPEC §13 follow-up due: raised at the follow-up's time, for a day, once per follow-up and due
 * time (a follow-up moved to a new time raises again there). It names the follow-up, never its text.
 */
export function followUpCandidate(followUp: { id: string; supporterId: string; dueAt: number }): AlertCandidate {
  return {
    type: 'follow_up_due',
    supporterId: followUp.supporterId,
    dedupeKey: `follow_up_due:${followUp.id}:${followUp.dueAt}`,
    createdAt: followUp.dueAt,
    expiresAt: followUp.dueAt + FOLLOW_UP_DUE_MS,
    triggerActivityId: null,
    detail: { followUpId: followUp.id, dueAt: followUp.dueAt },
  };
}
