import type { Segment } from '../../../../shared/domain/segments';

/**
 * One supporter's score as the engine computes it (`buildScoreRow`) and stores it
 * (`store/scoreStore.ts`, columns in `store/scoreLayout.ts`): valid for any `now` in [asOf, edgeAt).
 */
export interface ScoreRow {
  supporterId: string;
  engineVersion: number;
  asOf: number;
  /** The first moment a value below changes with no new data; null when none ever does. */
  edgeAt: number | null;
  segment: Segment;
  online: boolean;
  lifetimeTokens: number;
  monthlyTokens: number;
  lastActivityAt: number | null;
  firstPurchaseAt: number | null;
  unreadCount: number;
  lastCreatorMessageAt: number | null;
  registeredListingIds: string[];
  conversionProbability: number;
  priorityScore: number;
  /** The fan club flag the score was computed with (the one supporter field a score reads). */
  fanClubActive: boolean;
}
