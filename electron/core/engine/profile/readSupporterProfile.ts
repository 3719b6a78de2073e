import { ApiFailure } from '../../../../shared/contract/apiResult';
import type { EngineSupporterProfile } from '../../../../shared/domain/supporterProfile';
import type { EngineInputStore } from '../../store/engineInputStore';
import type { SettingsStore } from '../../store/settingsStore';
import type { WorkspaceStore } from '../../store/workspaceStore';
import { buildSupporterProfile } from './buildSupporterProfile';

/**
 * One supporter's profile at `now`, computed from their raw activity with the same functions as
 * the stored scores, so the profile and the inbox always agree.
 */
export function readSupporterProfile(
  stores: { engineInput: EngineInputStore; workspace: WorkspaceStore; settings: SettingsStore },
  supporterId: string,
  now: number,
): EngineSupporterProfile {
  const { engineInput, workspace, settings } = stores;
  const supporter = engineInput.supporter(supporterId);
  if (supporter === null) throw new ApiFailure('not_found', `No supporter with id "${supporterId.slice(0, 80)}"`);
  return buildSupporterProfile({
    supporter,
    activities: engineInput.profileActivities(supporterId, now),
    streams: engineInput.streams(),
    creatorTimezone: workspace.creator()?.timezone ?? 'UTC',
    fanClubPrices: settings.get().fanClubPrices,
    now,
  });
}
