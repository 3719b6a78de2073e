import type { ActivityType } from '../../../shared/domain/activityTypes';

/** Spend counts tokens of every activity except `creator_message` and `presence` (SPEC §2). */
export function isSpendActivity(type: ActivityType): boolean {
  return type !== 'creator_message' && type !== 'presence';
}
