import { create } from 'zustand';
import type { ActionAvailability } from '../../../shared/contract/apiTypes';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import { callApi } from '../api/callApi';

export type AvailabilityByType = Readonly<Partial<Record<CrmActionType, ActionAvailability>>>;

interface ActionAvailabilityState {
  /** The core's answer per supporter; a supporter not here yet falls back to the inbox entry's quick actions. */
  bySupporter: Readonly<Record<string, AvailabilityByType>>;
  /** Asks the core about these supporters (the rows on screen) and keeps the answers. */
  load(supporterIds: readonly string[]): Promise<void>;
}

/** Bounded: the rows on screen are a few dozen; older answers are dropped rather than kept for 100k rows. */
const MAX_REMEMBERED = 500;

/**
 * Whether each quick action can run for the supporters on screen, and when a refused one can run
 * again (`actions.availability`), so a button the 24-hour rule would refuse is shown as such, with
 * its time, before anyone clicks it.
 */
export const actionAvailabilityStore = create<ActionAvailabilityState>((set, get) => ({
  bySupporter: {},
  async load(supporterIds) {
    const unique = [...new Set(supporterIds)].slice(0, 100);
    if (unique.length === 0) return;
    let answer;
    try {
      answer = await callApi('actions.availability', { supporterIds: unique });
    } catch {
      // Unknown availability: the buttons fall back to the inbox's own quick actions, and the core still checks on click.
      return;
    }
    const next: Record<string, AvailabilityByType> = {};
    const kept = Object.entries(get().bySupporter).slice(-(MAX_REMEMBERED - answer.supporters.length));
    for (const [id, value] of kept) next[id] = value;
    for (const supporter of answer.supporters) {
      next[supporter.supporterId] = Object.fromEntries(supporter.actions.map((action) => [action.type, action]));
    }
    set({ bySupporter: next });
  },
}));

/** The earliest moment any of these refusals lifts by itself (to ask again then), or null. */
export function earliestLift(availabilities: readonly AvailabilityByType[]): number | null {
  let earliest: number | null = null;
  for (const byType of availabilities) {
    for (const action of Object.values(byType)) {
      if (!action?.availableAt) continue;
      const at = Date.parse(action.availableAt);
      if (earliest === null || at < earliest) earliest = at;
    }
  }
  return earliest;
}
