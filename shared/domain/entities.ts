import type { ActivityType } from './activityTypes';
import type { FanClubTier } from './fanClubTiers';

/** Entities of the data contract (SPEC §1), as the core stores them. Times are epoch milliseconds (UTC). */
export const ENTITY_NAMES = ['creator', 'supporter', 'activity', 'stream', 'listing'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface Creator {
  id: string;
  handle: string;
  earnOn: boolean;
  timezone: string;
  level: number | null;
  version: number | null;
}

export interface FanClubMembership {
  tier: FanClubTier;
  since: number | null;
  renewsAt: number | null;
  active: boolean;
}

export interface Supporter {
  id: string;
  handle: string;
  firstSeenAt: number;
  timezone: string | null;
  fanClub: FanClubMembership | null;
  version: number | null;
}

export interface Activity {
  id: string;
  supporterId: string;
  type: ActivityType;
  at: number;
  tokens: number;
  conversationId: string | null;
  streamId: string | null;
  minutes: number | null;
  itemId: string | null;
  category: string | null;
  tier: string | null;
  listingId: string | null;
  online: boolean | null;
  version: number | null;
}

export interface Stream {
  id: string;
  title: string;
  scheduledAt: number;
  startedAt: number | null;
  endedAt: number | null;
  version: number | null;
}

export interface Listing {
  id: string;
  title: string;
  startsAt: number;
  capacity: number | null;
  version: number | null;
}

/** A change record after validation and forbidden-field stripping. */
export type ValidChange =
  | { entity: 'creator'; op: 'upsert'; data: Creator }
  | { entity: 'supporter'; op: 'upsert'; data: Supporter }
  | { entity: 'activity'; op: 'upsert'; data: Activity }
  | { entity: 'stream'; op: 'upsert'; data: Stream }
  | { entity: 'listing'; op: 'upsert'; data: Listing }
  | { entity: EntityName; op: 'delete'; data: { id: string } };
