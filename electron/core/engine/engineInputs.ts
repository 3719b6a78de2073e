import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';

/** The raw data the engine reads besides activity rollups (`store/engineInputStore.ts` reads it). */

/** Every field of an activity the profile reads (never an identity field: none is stored). */
export interface ProfileActivity {
  id: string;
  type: ActivityType;
  at: number;
  tokens: number;
  streamId: string | null;
  minutes: number | null;
  itemId: string | null;
  category: string | null;
  listingId: string | null;
  online: boolean | null;
}

export interface EngineSupporter {
  id: string;
  handle: string;
  firstSeenAt: number;
  timezone: string | null;
  fanClubTier: FanClubTier | null;
  fanClubSince: number | null;
  fanClubActive: boolean;
}

export interface EngineStream {
  id: string;
  scheduledAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface EngineListing {
  id: string;
  startsAt: number;
}
