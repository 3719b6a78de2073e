import type { ActionAvailability } from '../../../shared/contract/apiTypes';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import { formatAvailableAgain } from '../app/formatters';
import { ACTION_LABELS } from '../app/labels';

/** Why a quick action the inbox entry leaves out is not offered (the engine's preconditions, SPEC §7). */
const PRECONDITION_REASON: Partial<Record<CrmActionType, string>> = {
  dm_reminder: 'already flagged or done in the last 24 hours',
  invite_to_live: 'no live stream is scheduled or running',
  offer_fan_club: 'no tier above their current one, or offered in the last 24 hours',
};

export interface QuickActionState {
  enabled: boolean;
  /** The whole explanation, for the tooltip and the accessible name. */
  description: string;
  /** A short visible note beside a refused action: "18:40", or null. */
  note: string | null;
  /** "available again at 18:40" when time lifts the refusal. */
  availableAgain: string | null;
}

/**
 * What a quick action's button says and whether it can be pressed: the workspace-wide block first
 * (earning off), then the core's availability for this supporter (24-hour rule, hourly limit,
 * preconditions) when it has answered, else the inbox entry's own quick actions.
 */
export function quickActionState(
  entry: Pick<InboxEntry, 'quickActions'>,
  type: CrmActionType,
  blockedReason: string | null,
  availability: ActionAvailability | undefined,
  now: number,
  creatorTimeZone: string | null = null,
): QuickActionState {
  const label = ACTION_LABELS[type];
  if (blockedReason) return { enabled: false, description: `${label}: not available. ${blockedReason}`, note: null, availableAgain: null };
  if (availability && !availability.available) {
    const again = availability.availableAt ? formatAvailableAgain(availability.availableAt, now, creatorTimeZone) : null;
    return {
      enabled: false,
      description: `${label}: not available. ${availability.reason ?? ''}${again ? ` It is ${again}.` : ''}`.trim(),
      // Just the clock time fits under an icon; the tooltip and the accessible name say the day too.
      note: again ? again.replace(/^.* at /, '').replace(/ \(.*\)$/, '') : null,
      availableAgain: again,
    };
  }
  if (!availability && !entry.quickActions.includes(type)) {
    return { enabled: false, description: `${label}: not available: ${PRECONDITION_REASON[type] ?? 'not valid now'}.`, note: null, availableAgain: null };
  }
  return { enabled: true, description: `${label} — shows the expected impact before anything happens`, note: null, availableAgain: null };
}
