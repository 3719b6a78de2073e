import type { ActivityType } from '../../../../shared/domain/activityTypes';
import type { RollupActivity } from './supporterRollup';

/**
 * Copies the fields of an activity a rollup reads from a raw row into `target`, starting at
 * `offset`: type, at, tokens, minutes, online (1, 0 or null), listingId, and the id of a presence
 * record (null for other types, which need no id). One target object is reused for every row:
 * these loops run over millions of rows.
 */
export function copyRawActivity(target: RollupActivity, row: readonly unknown[], offset: number): RollupActivity {
  target.type = row[offset] as ActivityType;
  target.at = row[offset + 1] as number;
  target.tokens = row[offset + 2] as number;
  target.minutes = row[offset + 3] as number | null;
  const online = row[offset + 4];
  target.online = online === null ? null : online === 1;
  target.listingId = row[offset + 5] as string | null;
  target.id = row[offset + 6] as string | null;
  return target;
}

/** A fresh target for `copyRawActivity`. */
export function blankRollupActivity(): RollupActivity {
  return { id: null, type: 'chat_message', at: 0, tokens: 0, minutes: null, online: null, listingId: null };
}
