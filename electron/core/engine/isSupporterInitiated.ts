import type { ActivityType } from '../../../shared/domain/activityTypes';

/**
 * Every activity except `creator_message`; a `presence` record counts only when it says online
 * (SPEC §0) — going offline is not something the supporter did towards the creator.
 */
export function isSupporterInitiated(type: ActivityType, online: boolean | null): boolean {
  if (type === 'creator_message') return false;
  if (type === 'presence') return online === true;
  return true;
}
