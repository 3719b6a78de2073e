import type { FanClubTier } from '../../../../shared/domain/fanClubTiers';
import type { ScoreRow } from '../score/scoreRow';

/** A row of an inbox page: the stored score joined with the supporter and their action flags. */
export interface InboxRow extends ScoreRow {
  handle: string;
  fanClubTier: FanClubTier | null;
  dmReminderAt: number | null;
  priorityReplyAt: number | null;
}
