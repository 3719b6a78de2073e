import type { CrmActionType } from '../../../shared/domain/crmActions';
import { nextFanClubTier } from '../../../shared/domain/fanClubTiers';
import { DAY_MS, HOUR_MS } from '../engine/engineTime';
import type { ActionListing, ActionStream, ActionSupporterFacts } from '../store/actionLogStore';

export const ACTION_REPEAT_WINDOW_MS = 24 * HOUR_MS;
export const ACTIONS_PER_HOUR = 60;
/** When a stream never reports its end, its invitation window closes this long after it started (or was scheduled). */
export const STREAM_WINDOW_FALLBACK_MS = 12 * HOUR_MS;

/** What an action refers to and how long its outcome is measured (SPEC §7). */
export interface ActionPlan {
  params: Record<string, string>;
  timeWindow: string;
  /** Null while unknown (a stream that has not ended yet). */
  windowEndsAt: number | null;
}

export interface ActionWorld {
  liveOrScheduledStream(now: number): ActionStream | null;
  nextListing(now: number): ActionListing | null;
}

/**
 * Checks the type's precondition for this supporter at `now` and returns the plan, or the reason
 * it cannot run: invite_to_live needs a live or scheduled stream, offer_fan_club a tier above the
 * supporter's current one, event_early_access a listing that starts in the future. The same
 * rules as the engine's quick actions (`quickActionsFor`, `isStreamInvitable`).
 */
export function planAction(
  type: CrmActionType,
  supporter: ActionSupporterFacts,
  world: ActionWorld,
  now: number,
): { ok: true; plan: ActionPlan } | { ok: false; reason: string } {
  switch (type) {
    case 'dm_reminder':
    case 'prioritize_reply':
      return { ok: true, plan: { params: {}, timeWindow: '24 hours', windowEndsAt: now + 24 * HOUR_MS } };
    case 'invite_to_live': {
      const stream = world.liveOrScheduledStream(now);
      if (!stream) return { ok: false, reason: 'There is no live or scheduled stream to invite them to. Schedule a stream first.' };
      return { ok: true, plan: { params: { streamId: stream.id }, timeWindow: 'until the stream ends', windowEndsAt: stream.endedAt } };
    }
    case 'offer_fan_club': {
      // The supporter's recorded tier, as the inbox's quick actions read it, so a button shown is a button that works.
      const offered = nextFanClubTier(supporter.fanClubTier);
      if (offered === null) {
        return { ok: false, reason: `@${supporter.handle} is already a Royal Elite member: there is no higher tier to offer.` };
      }
      return { ok: true, plan: { params: { tier: offered }, timeWindow: '7 days', windowEndsAt: now + 7 * DAY_MS } };
    }
    case 'event_early_access': {
      const listing = world.nextListing(now);
      if (!listing) return { ok: false, reason: 'There is no upcoming event to give early access to.' };
      return { ok: true, plan: { params: { listingId: listing.id }, timeWindow: 'until the event starts', windowEndsAt: listing.startsAt } };
    }
  }
}

/**
 * When the window of an executed action closes, as far as is known at `now`; null while it is
 * still open with no known end (a stream that has neither ended nor passed its fallback).
 */
export function resolveWindowEnd(
  action: { type: CrmActionType; requestedAt: number; windowEndsAt: number | null; params: Record<string, unknown> },
  stream: (streamId: string) => ActionStream | null,
): number {
  if (action.type !== 'invite_to_live') return action.windowEndsAt ?? action.requestedAt + 24 * HOUR_MS;
  const streamId = typeof action.params.streamId === 'string' ? action.params.streamId : null;
  const found = streamId === null ? null : stream(streamId);
  if (!found) return action.windowEndsAt ?? action.requestedAt + 24 * HOUR_MS;
  if (found.endedAt !== null) return Math.max(found.endedAt, action.requestedAt);
  return Math.max(found.startedAt ?? found.scheduledAt, action.requestedAt) + STREAM_WINDOW_FALLBACK_MS;
}

/** The window of an action rebuilt from its outbox entry (the plan it had is not kept there). */
export function planFromOutboxEntry(
  type: CrmActionType,
  params: Record<string, unknown>,
  createdAt: number,
  listingStartsAt: (listingId: string) => number | null,
): Pick<ActionPlan, 'timeWindow' | 'windowEndsAt'> {
  switch (type) {
    case 'dm_reminder':
    case 'prioritize_reply':
      return { timeWindow: '24 hours', windowEndsAt: createdAt + 24 * HOUR_MS };
    case 'offer_fan_club':
      return { timeWindow: '7 days', windowEndsAt: createdAt + 7 * DAY_MS };
    case 'invite_to_live':
      return { timeWindow: 'until the stream ends', windowEndsAt: null };
    case 'event_early_access': {
      const startsAt = typeof params.listingId === 'string' ? listingStartsAt(params.listingId) : null;
      return { timeWindow: 'until the event starts', windowEndsAt: startsAt ?? createdAt + 24 * HOUR_MS };
    }
  }
}
